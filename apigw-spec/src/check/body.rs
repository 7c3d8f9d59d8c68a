//! The request body: no file inside JSON, a form body of one flat object.

use std::collections::HashSet;

use super::{Checker, is_scalar};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{BodyEncoding, RequestBody, Spec, TypeExpr};

impl Checker<'_, '_> {
    pub(super) fn body(&mut self) {
        let Some(body) = &self.spec.body else { return };
        self.type_refs(&body.ty);
        match body.encoding {
            BodyEncoding::Json => {
                if contains_file(&body.ty.value, self.spec, &mut HashSet::new()) {
                    self.diags.push(
                        Diagnostic::new(
                            Code::FileInJsonBody,
                            body.ty.span.clone(),
                            "file uploads (`File`) are not supported in JSON request bodies",
                        )
                        .with_help(format!(
                            "send files as `content_type = \"{}\"`",
                            BodyEncoding::Form.media_type()
                        )),
                    );
                }
            }
            BodyEncoding::Form => self.form_body(body),
        }
    }

    /// A form body is one object whose fields are scalars, arrays of scalars or files.
    pub(super) fn form_body(&mut self, body: &RequestBody) {
        let object = match &body.ty.value {
            TypeExpr::Named(name) => self.spec.object(name),
            _ => None,
        };
        let Some(object) = object else {
            if !matches!(body.ty.value, TypeExpr::Named(_)) {
                self.diags.error(
                    Code::FormBodyNotObject,
                    body.ty.span.clone(),
                    format!(
                        "a `{}` body must be an object type, found `{}`",
                        body.encoding.media_type(),
                        body.ty.value
                    ),
                );
            }
            return;
        };
        for field in &object.fields {
            let ty = &field.schema.ty.value;
            let fits = match ty {
                TypeExpr::File => true,
                TypeExpr::Array(inner) => is_scalar(inner),
                t => is_scalar(t),
            };
            if !fits && !field.schema.ty_broken {
                self.diags.error(
                    Code::FormFieldType,
                    field.schema.ty.span.clone(),
                    format!(
                        "field `{}` of the form body has type `{ty}`, but form fields must be scalars, arrays of scalars or `File`",
                        field.name.value
                    ),
                );
            }
        }
    }
}

/// Whether `ty` holds a `File` anywhere, through arrays, maps and objects.
pub(super) fn contains_file<'s>(
    ty: &'s TypeExpr,
    spec: &'s Spec,
    seen: &mut HashSet<&'s str>,
) -> bool {
    match ty {
        TypeExpr::File => true,
        TypeExpr::Array(inner) | TypeExpr::Map(inner) => contains_file(inner, spec, seen),
        TypeExpr::Named(name) => {
            seen.insert(name)
                && spec.object(name).is_some_and(|o| {
                    o.fields
                        .iter()
                        .any(|f| contains_file(&f.schema.ty.value, spec, seen))
                })
        }
        _ => false,
    }
}
