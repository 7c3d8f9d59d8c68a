//! Whether a JSON value fits a spec's type: the fields, types, required fields, enumerations
//! and ranges the spec documents; and whether a request fits its operation (path and query
//! parameters as text, the body as bytes). The importer uses [`conform`] to warn where a
//! page's examples contradict its tables; the emulator and the command line check requests
//! with [`request_params`] and [`request_body`].

use std::collections::BTreeMap;

use serde_json::Value;

use crate::model::{BodyEncoding, Literal, ParamLocation, Schema, Spec, TypeExpr};
use crate::naming::materialized_enum;

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
    /// A request body that is not JSON at all.
    Syntax,
    /// A value of another JSON type that reads as the documented one (`"2"` for an integer, a
    /// number for a string, one value for a list; see [`read_as`]): accepted, with a note.
    Converted,
}

impl ViolationKind {
    /// Whether a request with this misfit is still accepted (by the emulator, by the command
    /// line's local checks): an undocumented field, or a value that reads as the documented
    /// type. (A body is also accepted with any misfit its operation's own documented examples
    /// show; see [`request_body`].)
    pub fn is_tolerated(self) -> bool {
        matches!(self, ViolationKind::Undocumented | ViolationKind::Converted)
    }
}

/// Whether `value`, of another JSON type than `ty`, reads as a `ty` the way the runtime's
/// lenient decoding reads it: a scalar by the one reading rule both use
/// ([`apigw_shared::read`]: a number or boolean for a string, a string holding a number or a
/// whole float for an integer, a string holding a number for a float, `"true"`/`"false"` or
/// `0`/`1` for a boolean), one value for a list, a one-item list for an object. For a list or
/// an object, the value to check further.
pub fn read_as<'v>(ty: &TypeExpr, value: &'v Value) -> Option<std::borrow::Cow<'v, Value>> {
    use apigw_shared::read::{Want, read_scalar};
    use std::borrow::Cow;
    let want = match ty {
        TypeExpr::String => Some(Want::Str),
        TypeExpr::Integer => Some(Want::Int {
            min: i32::MIN.into(),
            max: i32::MAX.into(),
        }),
        TypeExpr::Long => Some(Want::Int {
            min: i64::MIN.into(),
            max: i64::MAX.into(),
        }),
        TypeExpr::Float => Some(Want::Float),
        TypeExpr::Boolean => Some(Want::Bool),
        _ => None,
    };
    if let Some(want) = want {
        return read_scalar(value, want).map(|_| Cow::Borrowed(value));
    }
    use apigw_shared::read::{item_of_one_item_list, reads_as_one_item_list};
    match (ty, value) {
        (TypeExpr::Array(_), one) if reads_as_one_item_list(one) => {
            Some(Cow::Owned(Value::Array(vec![one.clone()])))
        }
        (TypeExpr::Named(_), Value::Array(items)) if item_of_one_item_list(value).is_some() => {
            Some(Cow::Borrowed(&items[0]))
        }
        _ => None,
    }
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

/// Checks a request's path and query parameters against the operation: each must be present
/// when mandatory (path parameters always are), its text must be a value of its type (a
/// parameter that is not an array given once), and the value must fit the documented
/// enumeration, range and length. Headers are not checked. The first misfit is returned; its
/// `path` is the parameter's name.
pub fn request_params(
    spec: &Spec,
    path: &BTreeMap<String, String>,
    query: &[(String, String)],
) -> Result<(), Violation> {
    for param in &spec.params {
        let name = &param.field.name.value;
        let values: Vec<&str> = match param.location {
            ParamLocation::Path => path.get(name).map(String::as_str).into_iter().collect(),
            ParamLocation::Query => query
                .iter()
                .filter(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
                .collect(),
            ParamLocation::Header => continue,
        };
        let violation = |kind, message: String| Violation {
            path: name.clone(),
            kind,
            message,
        };
        if values.is_empty() {
            if param.field.required || param.location == ParamLocation::Path {
                return Err(violation(ViolationKind::Missing, "is mandatory".into()));
            }
            continue;
        }
        let schema = &param.field.schema;
        let mistyped = |message| violation(ViolationKind::Type, message);
        // Text → the JSON value it stands for; then the same rules as bodies.
        let value = match &schema.ty.value {
            TypeExpr::Array(inner) => Value::Array(
                values
                    .iter()
                    .map(|v| scalar_value(inner, v))
                    .collect::<Result<_, _>>()
                    .map_err(mistyped)?,
            ),
            _ if values.len() > 1 => return Err(mistyped("is given more than once".into())),
            ty => scalar_value(ty, values[0]).map_err(mistyped)?,
        };
        if let Some(v) = conform_schema(spec, schema, &value)
            .into_iter()
            .find(|v| !v.kind.is_tolerated())
        {
            return Err(violation(v.kind, v.message));
        }
    }
    Ok(())
}

/// The JSON value a parameter's text stands for, if it is one of its type.
fn scalar_value(ty: &TypeExpr, text: &str) -> Result<Value, String> {
    Ok(match ty {
        TypeExpr::Integer => text
            .parse::<i32>()
            .map(|n| Value::from(i64::from(n)))
            .map_err(|_| format!("`{text}` is not a 32-bit integer"))?,
        TypeExpr::Long => text
            .parse::<i64>()
            .map(Value::from)
            .map_err(|_| format!("`{text}` is not an integer"))?,
        TypeExpr::Float => text
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .ok_or_else(|| format!("`{text}` is not a number"))?,
        TypeExpr::Boolean => match text {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => return Err(format!("`{text}` is not true or false")),
        },
        _ => Value::String(text.to_owned()),
    })
}

/// Checks a request body against the operation's documented JSON body, and returns it
/// decoded: `None` when the operation takes no body, takes a form (accepted as it comes), or
/// takes an optional body and got none. The first misfit that is not
/// [tolerated](ViolationKind::is_tolerated) is returned; its `path` is `body` when the body is missing or not JSON, else the place in the
/// body (`.` for the whole of it).
pub fn request_body(spec: &Spec, body: &[u8]) -> Result<Option<Value>, Violation> {
    let Some(documented) = &spec.body else {
        return Ok(None);
    };
    match documented.encoding {
        BodyEncoding::Json => {}
        BodyEncoding::Form => return Ok(None),
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return if documented.required {
            Err(Violation {
                path: "body".into(),
                kind: ViolationKind::Missing,
                message: "a request body is required".into(),
            })
        } else {
            Ok(None)
        };
    }
    let value: Value = serde_json::from_slice(body).map_err(|e| Violation {
        path: "body".into(),
        kind: ViolationKind::Syntax,
        message: format!("is not valid JSON: {e}"),
    })?;
    // What the page's own examples do is what the service evidently accepts (a field the
    // table calls required but the example leaves out, a value outside a documented range or
    // enumeration): the same misfit at the same place is accepted.
    let evidenced: Vec<(String, ViolationKind)> = documented
        .examples
        .iter()
        .filter_map(|e| serde_json::from_str::<Value>(&e.json.value).ok())
        .flat_map(|example| conform(spec, &documented.ty.value, &example))
        .map(|v| (without_indices(&v.path), v.kind))
        .collect();
    match conform(spec, &documented.ty.value, &value)
        .into_iter()
        .find(|v| {
            !v.kind.is_tolerated() && !evidenced.contains(&(without_indices(&v.path), v.kind))
        }) {
        Some(v) => Err(v),
        None => Ok(Some(value)),
    }
}

/// `tags[3].value` → `tags[].value`: a place in any item of a list.
fn without_indices(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => in_index = true,
            ']' => {
                in_index = false;
                out.push_str("[]");
            }
            _ if !in_index => out.push(c),
            _ => {}
        }
    }
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
        let Some(read) = read_as(ty, value) else {
            push(
                ViolationKind::Type,
                format!("expected {}, found {}", describe(ty), kind_of(value)),
            );
            return;
        };
        push(
            ViolationKind::Converted,
            format!(
                "expected {}, found {} (read as one)",
                describe(ty),
                kind_of(value)
            ),
        );
        if matches!(ty, TypeExpr::Array(_) | TypeExpr::Named(_)) {
            walk(spec, ty, schema, &read, path, out);
        }
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
                    // An empty string for an optional value: no value (pages' examples send
                    // `""` for fields with a minimum length).
                    Some(Value::String(text))
                        if text.is_empty() && field.schema.ty.value == TypeExpr::String => {}
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
            // Without regard to ASCII case: pages write `HTTP` in a table and `http` in their
            // examples, and servers answer either.
            (Literal::String(s), Value::String(x)) => s.eq_ignore_ascii_case(x),
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
                {"name": "ok", "status": [1, 2]}
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
                ("things[1].status".to_owned(), ViolationKind::Converted),
                ("things[2].status".to_owned(), ViolationKind::Type),
            ]
        );
    }

    const REQUEST: &str = r#"
[operation]
id = "UpdateThing"
method = "PUT"
path = "/things/{thing_id}"

[path.thing_id]
type = "String"

[query.limit]
type = "Integer"
minimum = 1
maximum = 500

[query.status]
type = "String"
enum = ["on", "off"]

[query.tags]
type = "Array<String>"
max_length = 2

[query.dry_run]
type = "Boolean"
required = true

[header.X-Trace]
type = "String"
required = true

[body]
type = "Thing"

[response.200]
body = "Thing"

[object.Thing.name]
type = "String"
required = true
max_length = 5
"#;

    fn refused(
        spec: &Spec,
        path: &[(&str, &str)],
        query: &[(&str, &str)],
    ) -> Option<(String, ViolationKind, String)> {
        let path = path
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        let query: Vec<(String, String)> = query
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        request_params(spec, &path, &query)
            .err()
            .map(|v| (v.path, v.kind, v.message))
    }

    #[test]
    fn request_params_are_read_as_their_types_and_checked() {
        let spec = crate::load("update.toml", REQUEST).unwrap();
        let id = [("thing_id", "t1")];
        let base = [("dry_run", "true")];
        let with = |extra: &[(&'static str, &'static str)]| {
            let mut query = base.to_vec();
            query.extend_from_slice(extra);
            query
        };
        // Headers are not checked (the required `X-Trace` is absent).
        assert_eq!(refused(&spec, &id, &base), None);
        assert_eq!(
            refused(
                &spec,
                &id,
                &with(&[
                    ("limit", "500"),
                    ("status", "off"),
                    ("tags", "a"),
                    ("tags", "b")
                ])
            ),
            None
        );
        let refuses = |path: &[(&str, &str)], query: &[(&str, &str)], name, kind, message: &str| {
            assert_eq!(
                refused(&spec, path, query),
                Some((String::from(name), kind, message.to_owned())),
                "{path:?} {query:?}"
            );
        };
        use ViolationKind::*;
        refuses(&[], &base, "thing_id", Missing, "is mandatory");
        refuses(&id, &[], "dry_run", Missing, "is mandatory");
        let limit = |v| with(&[("limit", v)]);
        refuses(
            &id,
            &limit("ten"),
            "limit",
            Type,
            "`ten` is not a 32-bit integer",
        );
        let big = "`3000000000` is not a 32-bit integer";
        refuses(&id, &limit("3000000000"), "limit", Type, big);
        refuses(
            &id,
            &limit("501"),
            "limit",
            OutOfRange,
            "501 is above the maximum 500",
        );
        let twice = with(&[("limit", "1"), ("limit", "2")]);
        refuses(&id, &twice, "limit", Type, "is given more than once");
        let auto = "\"auto\" is not one of the enumerated values";
        refuses(
            &id,
            &with(&[("status", "auto")]),
            "status",
            NotEnumerated,
            auto,
        );
        // Enumerated values match without regard to ASCII case.
        assert_eq!(refused(&spec, &id, &with(&[("status", "OFF")])), None);
        let three = with(&[("tags", "a"), ("tags", "b"), ("tags", "c")]);
        refuses(
            &id,
            &three,
            "tags",
            OutOfRange,
            "3 items, more than the maximum 2",
        );
        let yes = [("dry_run", "yes")];
        refuses(&id, &yes, "dry_run", Type, "`yes` is not true or false");
    }

    #[test]
    fn request_bodies_are_json_of_the_documented_type() {
        let spec = crate::load("update.toml", REQUEST).unwrap();
        let refused = |body: &str| {
            request_body(&spec, body.as_bytes())
                .err()
                .map(|v| (v.path, v.kind))
        };
        assert_eq!(
            request_body(&spec, br#"{"name": "n", "extra": 1}"#).unwrap(),
            Some(json!({"name": "n", "extra": 1})),
            "undocumented fields pass"
        );
        assert_eq!(
            refused(" \n"),
            Some(("body".into(), ViolationKind::Missing))
        );
        assert_eq!(refused("{"), Some(("body".into(), ViolationKind::Syntax)));
        assert_eq!(refused("[]"), Some((".".into(), ViolationKind::Type)));
        assert_eq!(refused("{}"), Some(("name".into(), ViolationKind::Missing)));
        assert_eq!(
            refused(r#"{"name": "toolong"}"#),
            Some(("name".into(), ViolationKind::OutOfRange))
        );
        assert_eq!(
            refused(r#"{"name": 12}"#),
            None,
            "a number reads as a string"
        );

        // What the page's own example does is accepted: here a name over its maximum length.
        let shown = crate::load(
            "update.toml",
            &REQUEST.replace(
                "[body]\ntype = \"Thing\"\n",
                "[body]\ntype = \"Thing\"\n\n[[body.examples]]\njson = '{\"name\": \"a longer name\"}'\n",
            ),
        )
        .unwrap();
        assert!(request_body(&shown, br#"{"name": "toolong"}"#).is_ok());
        assert_eq!(
            request_body(&shown, b"{}").err().map(|v| (v.path, v.kind)),
            Some(("name".into(), ViolationKind::Missing)),
            "other misfits are still refused"
        );

        // An optional body may be left out; a form is taken as it comes; no body, no check.
        let optional = crate::load(
            "update.toml",
            &REQUEST.replace("[body]\n", "[body]\nrequired = false\n"),
        )
        .unwrap();
        assert_eq!(request_body(&optional, b"").unwrap(), None);
        let form = crate::load(
            "update.toml",
            &REQUEST.replace(
                "[body]\n",
                "[body]\ncontent_type = \"multipart/form-data\"\n",
            ),
        )
        .unwrap();
        assert_eq!(request_body(&form, b"--x\r\n").unwrap(), None);
        let mut none = spec.clone();
        none.body = None;
        assert_eq!(request_body(&none, b"{").unwrap(), None);
    }
}
