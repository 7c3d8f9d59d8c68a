//! Type references: every object a type names is defined.

use super::Checker;
use crate::diagnostic::{Code, Diagnostic, closest};
use crate::model::TypeExpr;
use crate::source::Spanned;

impl Checker<'_, '_> {
    /// Reports references to objects that the spec does not define; whether all were defined.
    pub(super) fn type_refs(&mut self, ty: &Spanned<TypeExpr>) -> bool {
        let mut names = Vec::new();
        named_refs(&ty.value, &mut names);
        let mut all_defined = true;
        for name in names {
            if self.spec.object(name).is_none() {
                let builtins = TypeExpr::SCALARS.iter().map(|(n, _)| *n);
                let objects = self.spec.objects.iter().map(|o| o.name.value.as_str());
                let candidates: Vec<&str> =
                    builtins.chain(objects).chain(["Array", "Map"]).collect();
                let help = match closest(name, candidates.iter().copied()) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!(
                        "define it as `[object.{name}.FIELD]` tables, or use a built-in type: String, Integer, Long, Boolean, Float, Object"
                    ),
                };
                self.diags.push(
                    Diagnostic::new(
                        Code::UnknownType,
                        ty.span.clone(),
                        format!("unknown type `{name}`"),
                    )
                    .with_help(help),
                );
                all_defined = false;
            }
        }
        all_defined
    }
}

fn named_refs<'t>(ty: &'t TypeExpr, out: &mut Vec<&'t str>) {
    match ty {
        TypeExpr::Named(name) => out.push(name),
        TypeExpr::Array(inner) | TypeExpr::Map(inner) => named_refs(inner, out),
        _ => {}
    }
}
