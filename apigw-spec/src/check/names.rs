//! Generated names: builder methods that collide with each other or with the builder's own,
//! and type names of the operation's module taken twice.

use std::collections::HashMap;

use super::Checker;
use crate::diagnostic::{Code, Diagnostic};
use crate::naming::{self, builder::Reserved};
use crate::paging;
use crate::source::{Span, Spanned};

impl Checker<'_, '_> {
    /// Reports generated Rust names that would collide.
    pub(super) fn names(&mut self) {
        // Builder arguments and setters.
        let mut values: HashMap<String, &Spanned<String>> = HashMap::new();
        let paged = paging::detect(self.spec).is_some();
        let rust_names = naming::param_names(self.spec);
        for (param, rust) in self
            .spec
            .params
            .iter()
            .zip(rust_names)
            .filter(|(p, _)| p.is_caller_supplied())
        {
            let reserved = match naming::builder::reserved(&rust, paged) {
                Some(Reserved::Always) => Some((
                    Code::ReservedName,
                    "the builder",
                    "this name is reserved by the generated request builder".to_owned(),
                )),
                Some(Reserved::WhenPaged) => Some((
                    Code::ReservedPagingName,
                    "the builder of a paged operation",
                    format!(
                        "the operation pages (`offset` and `limit` query parameters, a success body with `total` and one array), so its builder has `{}` and `{}`",
                        naming::builder::PAGES,
                        naming::builder::ITEMS
                    ),
                )),
                None => None,
            };
            if let Some((code, builder, help)) = reserved {
                self.diags.push(
                    Diagnostic::new(
                        code,
                        param.field.name.span.clone(),
                        format!(
                            "{} `{}` would become a builder method `{rust}`, which {builder} already has",
                            param.location.noun(),
                            param.field.name.value
                        ),
                    )
                    .with_help(help),
                );
            }
            // Parameters whose names become the same in snake case have distinct Rust names
            // (`naming::param_names`).
            values.insert(rust, &param.field.name);
        }
        if self.spec.body.is_some()
            && let Some(first) = values.get("body")
        {
            let first = (*first).clone();
            self.diags.error(
                Code::BodyParameterClash,
                first.span,
                "a parameter named `body` clashes with the request body argument",
            );
        }

        // Types of the operation's module.
        let mut types: HashMap<String, Span> = HashMap::new();
        for (name, span) in naming::type_names(self.spec) {
            if let Some(first) = types.get(&name) {
                let first = self.position_note(first.clone());
                self.diags.push(
                    Diagnostic::new(
                        Code::TypeNameTaken,
                        span,
                        format!("the generated type name `{name}` is already taken ({first})"),
                    )
                    .with_help(
                        "rename the object, or set `enum_name = \"...\"` on the enumerated field",
                    ),
                );
            } else {
                types.insert(name, span);
            }
        }
    }
}
