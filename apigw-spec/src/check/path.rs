//! The path: each `{placeholder}` declared once as a path parameter, each path parameter in
//! the path.

use std::collections::HashSet;

use super::Checker;
use crate::diagnostic::{Code, Diagnostic, closest};
use crate::model::{Param, ParamLocation};

impl Checker<'_, '_> {
    pub(super) fn path_placeholders(&mut self) {
        let path = &self.spec.operation.path;
        let declared: Vec<&Param> = self.spec.params_in(ParamLocation::Path).collect();
        let mut seen = HashSet::new();
        for placeholder in path.placeholders() {
            if !seen.insert(placeholder.value.as_str()) {
                self.diags.error(
                    Code::DuplicatePlaceholder,
                    placeholder.span.clone(),
                    format!(
                        "placeholder `{{{}}}` appears twice in the path",
                        placeholder.value
                    ),
                );
            }
            if !declared
                .iter()
                .any(|p| p.field.name.value == placeholder.value)
            {
                let names = declared.iter().map(|p| p.field.name.value.as_str());
                let help = match closest(&placeholder.value, names) {
                    Some(best) => format!(
                        "did you mean `{{{best}}}`? Otherwise declare it: `[path.{}]` with a `type`",
                        placeholder.value
                    ),
                    None => format!(
                        "declare it: `[path.{}]` with `type = \"String\"`",
                        placeholder.value
                    ),
                };
                self.diags.push(
                    Diagnostic::new(
                        Code::PlaceholderWithoutParameter,
                        placeholder.span.clone(),
                        format!(
                            "path placeholder `{{{}}}` has no path parameter",
                            placeholder.value
                        ),
                    )
                    .with_help(help),
                );
            }
        }
        if !path.complete {
            return;
        }
        for param in declared {
            if !path
                .placeholders()
                .any(|p| p.value == param.field.name.value)
            {
                self.diags.push(
                    Diagnostic::new(
                        Code::ParameterWithoutPlaceholder,
                        param.field.name.span.clone(),
                        format!(
                            "path parameter `{}` does not appear in the path `{}`",
                            param.field.name.value, path.raw
                        ),
                    )
                    .with_help(format!(
                        "add `{{{}}}` to the path, or make it a query parameter",
                        param.field.name.value
                    )),
                );
            }
        }
    }
}
