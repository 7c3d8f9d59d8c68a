//! Whether a JSON value fits a spec's type: the fields, types, required fields, enumerations
//! and ranges the spec documents. The importer uses it to warn where a page's examples
//! contradict its tables; an emulator can use it to check request bodies.

use serde_json::Value;

use crate::check::materialized_enum;
use crate::model::{Literal, Schema, Spec, TypeExpr};

/// One way a value does not fit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// Where in the value, e.g. `api_versions[0].status` (`.` for the whole value).
    pub path: String,
    /// What kind of misfit.
    pub kind: ViolationKind,
    /// What is wrong, for a person.
    pub message: String,
}

/// The kinds of [`Violation`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ViolationKind {
    /// A value of another JSON type than documented (a number for a `String`, ...).
    Type,
    /// A required field is absent or `null`.
    Missing,
    /// A field the object type does not document.
    Undocumented,
    /// A value outside the enumeration.
    NotEnumerated,
    /// A number, length or size outside its documented range.
    OutOfRange,
}

/// Every way `value` does not fit `ty` (as documented in `spec`); empty when it fits.
pub fn conform(spec: &Spec, ty: &TypeExpr, value: &Value) -> Vec<Violation> {
    let mut out = Vec::new();
    walk(spec, ty, None, value, String::new(), &mut out);
    out
}

/// Every way `value` does not fit a field's schema: its type, enumeration, range and length.
pub fn conform_schema(spec: &Spec, schema: &Schema, value: &Value) -> Vec<Violation> {
    let mut out = Vec::new();
    walk(
        spec,
        &schema.ty.value,
        Some(schema),
        value,
        String::new(),
        &mut out,
    );
    out
}

fn walk(
    spec: &Spec,
    ty: &TypeExpr,
    schema: Option<&Schema>,
    value: &Value,
    path: String,
    out: &mut Vec<Violation>,
) {
    let at = |path: &str| {
        if path.is_empty() {
            ".".to_owned()
        } else {
            path.to_owned()
        }
    };
    let mut push = |kind, message: String| {
        out.push(Violation {
            path: at(&path),
            kind,
            message,
        })
    };
    let fits = match (ty, value) {
        (TypeExpr::Any | TypeExpr::File, _) => true,
        (TypeExpr::String, Value::String(_))
        | (TypeExpr::Boolean, Value::Bool(_))
        | (TypeExpr::Float, Value::Number(_)) => true,
        (TypeExpr::Integer, Value::Number(n)) => {
            n.as_i64().is_some_and(|i| i32::try_from(i).is_ok())
        }
        (TypeExpr::Long, Value::Number(n)) => n.as_i64().is_some(),
        (TypeExpr::Array(_), Value::Array(_))
        | (TypeExpr::Map(_), Value::Object(_))
        | (TypeExpr::Named(_), Value::Object(_)) => true,
        _ => false,
    };
    if !fits {
        push(
            ViolationKind::Type,
            format!("expected {}, found {}", describe(ty), kind_of(value)),
        );
        return;
    }
    if let Some(schema) = schema {
        constraints(schema, value, &mut push);
    }
    match (ty, value) {
        (TypeExpr::Array(inner), Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                // Enumerations and ranges of an array field apply to its items.
                let item_schema = schema.map(|s| Schema {
                    min_length: None,
                    max_length: None,
                    ..s.clone()
                });
                walk(
                    spec,
                    inner,
                    item_schema.as_ref(),
                    item,
                    format!("{path}[{i}]"),
                    out,
                );
            }
        }
        (TypeExpr::Map(inner), Value::Object(entries)) => {
            for (key, item) in entries {
                walk(spec, inner, None, item, join(&path, key), out);
            }
        }
        (TypeExpr::Named(name), Value::Object(entries)) => {
            let Some(object) = spec.object(name) else {
                return;
            };
            for field in &object.fields {
                match entries.get(&field.name.value) {
                    None | Some(Value::Null) if field.required => out.push(Violation {
                        path: join(&path, &field.name.value),
                        kind: ViolationKind::Missing,
                        message: format!("required field `{}` is missing", field.name.value),
                    }),
                    None | Some(Value::Null) => {}
                    Some(v) => walk(
                        spec,
                        &field.schema.ty.value,
                        Some(&field.schema),
                        v,
                        join(&path, &field.name.value),
                        out,
                    ),
                }
            }
            for key in entries.keys() {
                if !object.fields.iter().any(|f| f.name.value == *key) {
                    out.push(Violation {
                        path: join(&path, key),
                        kind: ViolationKind::Undocumented,
                        message: format!("`{key}` is not a field of `{name}`"),
                    });
                }
            }
        }
        _ => {}
    }
}

fn constraints(schema: &Schema, value: &Value, push: &mut impl FnMut(ViolationKind, String)) {
    if let Some(e) = materialized_enum(schema)
        && !matches!(value, Value::Array(_))
    {
        let listed = e.values.iter().any(|v| match (&v.value.value, value) {
            (Literal::String(s), Value::String(x)) => s == x,
            (Literal::Number(n), Value::Number(x)) => x.as_f64() == Some(n.as_f64()),
            (Literal::Boolean(b), Value::Bool(x)) => b == x,
            _ => false,
        });
        if !listed {
            push(
                ViolationKind::NotEnumerated,
                format!("{value} is not one of the enumerated values"),
            );
        }
    }
    if let Value::Number(n) = value
        && let Some(x) = n.as_f64()
    {
        if let Some(min) = &schema.minimum
            && x < min.value.as_f64()
        {
            push(
                ViolationKind::OutOfRange,
                format!("{n} is below the minimum {}", min.value),
            );
        }
        if let Some(max) = &schema.maximum
            && x > max.value.as_f64()
        {
            push(
                ViolationKind::OutOfRange,
                format!("{n} is above the maximum {}", max.value),
            );
        }
    }
    let length = match value {
        Value::String(s) => Some((s.chars().count() as u64, "characters")),
        Value::Array(a) => Some((a.len() as u64, "items")),
        _ => None,
    };
    if let Some((len, unit)) = length {
        if let Some(min) = &schema.min_length
            && len < min.value
        {
            push(
                ViolationKind::OutOfRange,
                format!("{len} {unit}, fewer than the minimum {}", min.value),
            );
        }
        if let Some(max) = &schema.max_length
            && len > max.value
        {
            push(
                ViolationKind::OutOfRange,
                format!("{len} {unit}, more than the maximum {}", max.value),
            );
        }
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn describe(ty: &TypeExpr) -> String {
    match ty {
        TypeExpr::String => "a string".into(),
        TypeExpr::Integer => "a 32-bit integer".into(),
        TypeExpr::Long => "an integer".into(),
        TypeExpr::Boolean => "a boolean".into(),
        TypeExpr::Float => "a number".into(),
        TypeExpr::Array(_) => "an array".into(),
        TypeExpr::Map(_) => "an object (map)".into(),
        TypeExpr::Named(name) => format!("an object (`{name}`)"),
        TypeExpr::Any | TypeExpr::File => "anything".into(),
    }
}

fn kind_of(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) if s.chars().count() > 40 => "a string".into(),
        Value::String(s) => format!("the string {s:?}"),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const SPEC: &str = r#"
[operation]
id = "ListThings"
method = "GET"
path = "/things"

[response.200]
body = "ThingList"

[object.ThingList.things]
type = "Array<Thing>"
max_length = 2

[object.Thing.name]
type = "String"
required = true
max_length = 5

[object.Thing.status]
type = "Integer"
enum = [1, 2]

[object.Thing.size]
type = "Long"
minimum = 0
"#;

    #[test]
    fn reports_each_misfit_with_its_path() {
        let spec = crate::load("things.toml", SPEC).unwrap();
        let ty = TypeExpr::Named("ThingList".into());
        assert!(
            conform(
                &spec,
                &ty,
                &json!({"things": [{"name": "a", "status": 1, "size": 3}]})
            )
            .is_empty()
        );
        let value = json!({
            "things": [
                {"status": 3, "size": -1, "extra": true},
                {"name": "toolong", "status": "1"},
                {"name": "ok"}
            ]
        });
        let found: Vec<(String, ViolationKind)> = conform(&spec, &ty, &value)
            .into_iter()
            .map(|v| (v.path, v.kind))
            .collect();
        assert_eq!(
            found,
            [
                ("things".to_owned(), ViolationKind::OutOfRange),
                ("things[0].name".to_owned(), ViolationKind::Missing),
                ("things[0].status".to_owned(), ViolationKind::NotEnumerated),
                ("things[0].size".to_owned(), ViolationKind::OutOfRange),
                ("things[0].extra".to_owned(), ViolationKind::Undocumented),
                ("things[1].name".to_owned(), ViolationKind::OutOfRange),
                ("things[1].status".to_owned(), ViolationKind::Type),
            ]
        );
    }
}
