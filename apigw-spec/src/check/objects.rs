//! Objects: valid names, at least one field, no object that contains itself. (Fields that
//! would become one Rust name are told apart by `naming::field_names`.)

use std::fmt;

use super::{Checker, Subject};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::{Object, TypeExpr};
use crate::naming;

impl Checker<'_, '_> {
    pub(super) fn objects(&mut self) {
        for object in &self.spec.objects {
            if !naming::is_identifier(&object.name.value) {
                self.diags.push(
                    Diagnostic::new(
                        Code::InvalidObjectName,
                        object.name.span.clone(),
                        format!("object name `{}` is not a valid type name", object.name.value),
                    )
                    .with_help("use ASCII letters and digits, starting with a letter, e.g. `ApiVersionResp`"),
                );
            }
            if object.fields.is_empty() {
                self.diags.push(
                    Diagnostic::new(Code::EmptyObject, object.name.span.clone(), format!("object `{}` has no fields", object.name.value))
                        .with_help(format!(
                            "declare fields as `[object.{}.FIELD]` tables, or use the type `Object` for free-form JSON",
                            object.name.value
                        )),
                );
            }
            // Fields whose names become the same in snake case get distinct Rust names
            // (`naming::field_names`), so they need no check here.
            for field in &object.fields {
                let what = Subject::ObjectField {
                    object: &object.name.value,
                    field: &field.name.value,
                };
                self.schema(what, field);
                self.type_refs(&field.schema.ty);
            }
        }
        self.cycles();
    }

    /// Reports objects that contain themselves without an array or map in between.
    fn cycles(&mut self) {
        for object in &self.spec.objects {
            let mut path = Vec::new();
            if self.reaches(&object.name.value, object, &mut path) {
                let steps: Vec<String> = path.iter().map(Step::to_string).collect();
                self.diags.push(
                    Diagnostic::new(
                        Code::RecursiveObject,
                        object.name.span.clone(),
                        format!(
                            "object `{}` contains itself: {}",
                            object.name.value,
                            steps.join(" → ")
                        ),
                    )
                    .with_help("a recursive field must be an `Array<...>` or `Map<String, ...>`"),
                );
            }
        }
    }

    /// Whether `from` leads to `target` through fields of object type, each object visited
    /// once on the way; `path` holds the steps taken.
    fn reaches<'s>(&'s self, target: &str, from: &'s Object, path: &mut Vec<Step<'s>>) -> bool {
        for field in &from.fields {
            let TypeExpr::Named(name) = &field.schema.ty.value else {
                continue;
            };
            if path.iter().any(|step| step.to == name.as_str()) {
                continue;
            }
            path.push(Step {
                object: &from.name.value,
                field: &field.name.value,
                to: name,
            });
            if name == target {
                return true;
            }
            if let Some(next) = self.spec.object(name)
                && self.reaches(target, next, path)
            {
                return true;
            }
            path.pop();
        }
        false
    }
}

/// One step of a path through objects: a field of `object` whose type is the object `to`.
struct Step<'s> {
    object: &'s str,
    field: &'s str,
    to: &'s str,
}

impl fmt::Display for Step<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}.{}` → `{}`", self.object, self.field, self.to)
    }
}
