//! Parameters: what the client fills in, and which types each location can carry.

use super::{CLIENT_VALUES, Checker, Subject, is_scalar};
use crate::diagnostic::{Code, Diagnostic, closest};
use crate::model::{ParamLocation, TypeExpr};

impl Checker<'_, '_> {
    pub(super) fn params(&mut self) {
        for param in &self.spec.params {
            let field = &param.field;
            let what = Subject::Param {
                location: param.location,
                name: &field.name.value,
            };
            if let Some(from) = &param.from_client
                && !CLIENT_VALUES.contains(&from.value.as_str())
            {
                let mut d = Diagnostic::new(
                    Code::UnknownClientValue,
                    from.span.clone(),
                    format!("the client has no value `{}` for {what}", from.value),
                );
                d = d.with_help(match closest(&from.value, CLIENT_VALUES.iter().copied()) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!("the client provides: {}", CLIENT_VALUES.join(", ")),
                });
                self.diags.push(d);
            }
            if param.auth && field.schema.ty.value != TypeExpr::String {
                self.diags.error(
                    Code::AuthNotString,
                    field.schema.ty.span.clone(),
                    format!("{what} is filled by the credentials, so its type must be `String`"),
                );
            }
            let type_usable = self.schema(what, field);
            let ty = &field.schema.ty;
            if !type_usable {
                continue;
            }
            let allowed = match (&param.location, &ty.value) {
                (_, t) if is_scalar(t) => true,
                (ParamLocation::Query, TypeExpr::Array(inner)) => is_scalar(inner),
                _ => false,
            };
            if !allowed {
                let expected = match param.location {
                    ParamLocation::Query => "a scalar type or an `Array` of one",
                    _ => "a scalar type (String, Integer, Long, Boolean or Float)",
                };
                self.diags.error(
                    Code::ParameterType,
                    ty.span.clone(),
                    format!("{what} has type `{}`, but it must be {expected}", ty.value),
                );
            }
        }
    }
}
