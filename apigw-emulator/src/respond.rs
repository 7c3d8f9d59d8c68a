//! What the emulator answers a valid request with: the documented example of the success
//! response (or a value made from its type), and for list operations a list of generated
//! items that honours `offset`, `limit`, `total` and the filters the query names.

use apigw_spec::conform::{ViolationKind, conform};
use apigw_spec::naming::materialized_enum;
use apigw_spec::paging;
use apigw_spec::{Literal, Number, Schema, Spec, TypeExpr};
use serde_json::{Map, Value};

/// How many items a list operation has.
pub const LIST_SIZE: usize = 45;

/// A response body.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// No body (e.g. 204).
    Empty,
    /// A JSON body.
    Json(Value),
    /// A file.
    Bytes(Vec<u8>),
}

/// The success status and body for a valid request.
pub fn success(spec: &Spec, query: &[(String, String)]) -> (u16, Body) {
    let Some(response) = spec.success_responses().next() else {
        return (204, Body::Empty);
    };
    let status = response.status.value;
    let Some(ty) = &response.body else {
        return (status, Body::Empty);
    };
    if ty.value == TypeExpr::File {
        return (
            status,
            Body::Bytes(format!("emulated file of {}\n", spec.operation.id.value).into_bytes()),
        );
    }
    // The first documented example that fits the documented type (a few pages show examples
    // that contradict their own tables; the table wins), else a value made from the type.
    let mut body = response
        .examples
        .iter()
        .filter_map(|e| serde_json::from_str::<Value>(&e.json.value).ok())
        .find(|value| {
            conform(spec, &ty.value, value)
                .iter()
                .all(|v| !matches!(v.kind, ViolationKind::Type | ViolationKind::Missing))
        })
        .unwrap_or_else(|| synthesize(spec, &ty.value, None, 0));
    if let Some(paging) = paging::detect(spec) {
        list(spec, &paging, &mut body, query);
    }
    (status, Body::Json(body))
}

fn list(spec: &Spec, paging: &paging::Paging<'_>, body: &mut Value, query: &[(String, String)]) {
    let Value::Object(page) = body else { return };
    let items_key = paging.items.name.value.clone();
    let base = page
        .get(&items_key)
        .and_then(|items| items.get(0))
        .cloned()
        .unwrap_or_else(|| synthesize(spec, paging.item, None, 0));
    let get = |name: &str| {
        query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let offset = get(&paging.offset.field.name.value)
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(0);
    let default_limit = match paging.limit.field.schema.default.as_ref().map(|d| &d.value) {
        Some(Literal::Number(Number::Integer(n))) => usize::try_from(*n).unwrap_or(20),
        _ => 20,
    };
    let limit = get(&paging.limit.field.name.value)
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(default_limit);
    // Filters: query parameters that name a scalar field of the items.
    let filters: Vec<(&str, &str)> = query
        .iter()
        .filter(|(k, _)| {
            *k != paging.offset.field.name.value && *k != paging.limit.field.name.value
        })
        .filter(|(k, _)| {
            base.get(k)
                .is_some_and(|v| v.is_string() || v.is_number() || v.is_boolean())
        })
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let items: Vec<Value> = (0..LIST_SIZE)
        .map(|i| vary(&base, i))
        .filter(|item| {
            filters
                .iter()
                .all(|(k, v)| item.get(*k).is_some_and(|x| scalar_text(x) == *v))
        })
        .collect();
    let total = items.len();
    let shown: Vec<Value> = items.into_iter().skip(offset).take(limit).collect();
    if page.contains_key("size") {
        page.insert("size".into(), Value::from(shown.len()));
    }
    page.insert(paging.total.name.value.clone(), Value::from(total));
    page.insert(items_key, Value::Array(shown));
}

/// The documented error response of `status`, with its first example body, if the operation
/// documents one.
pub fn documented_error(spec: &Spec, status: u16) -> Option<(u16, Body)> {
    let response = spec.error_responses().find(|r| r.status.value == status)?;
    let body = response
        .examples
        .first()
        .and_then(|e| serde_json::from_str(&e.json.value).ok())
        .map_or(Body::Empty, Body::Json);
    Some((status, body))
}

/// Item `i` of a generated list: the base item with its identity made distinct (`id` and
/// `name`, or else its first `..._id` field), other fields (the ones lists filter by) kept.
fn vary(base: &Value, i: usize) -> Value {
    let mut item = base.clone();
    if let Value::Object(fields) = &mut item {
        let mut keys: Vec<String> = fields
            .keys()
            .filter(|k| *k == "id" || *k == "name")
            .cloned()
            .collect();
        if keys.is_empty() {
            keys.extend(fields.keys().find(|k| k.ends_with("_id")).cloned());
        }
        for key in keys {
            if let Some(Value::String(s)) = fields.get_mut(&key) {
                *s = format!("{s}-{i}");
            }
        }
    }
    item
}

fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A value of `ty`: the default, the first enumerated value or the minimum where documented;
/// strings as long as their documented minimum length.
pub fn synthesize(spec: &Spec, ty: &TypeExpr, schema: Option<&Schema>, depth: usize) -> Value {
    if let Some(schema) = schema {
        if let Some(d) = &schema.default {
            return literal(&d.value);
        }
        if let Some(e) = materialized_enum(schema)
            && !matches!(ty, TypeExpr::Array(_))
        {
            return literal(&e.values[0].value.value);
        }
    }
    match ty {
        TypeExpr::String | TypeExpr::File => {
            let min = schema.and_then(|s| s.min_length.as_ref()).map_or(0, |m| {
                usize::try_from(m.value).unwrap_or(usize::MAX).min(4096)
            });
            let mut text = String::from("string");
            while text.len() < min {
                text.push('x');
            }
            Value::String(text)
        }
        TypeExpr::Integer | TypeExpr::Long => Value::from(
            schema
                .and_then(|s| s.minimum.as_ref())
                .map_or(0, |m| m.value.as_f64() as i64),
        ),
        TypeExpr::Float => Value::from(0.0),
        TypeExpr::Boolean => Value::Bool(false),
        TypeExpr::Any | TypeExpr::Map(_) => Value::Object(Map::new()),
        TypeExpr::Array(inner) if depth < 6 => {
            Value::Array(vec![synthesize(spec, inner, schema, depth + 1)])
        }
        TypeExpr::Array(_) => Value::Array(Vec::new()),
        TypeExpr::Named(name) => {
            let mut out = Map::new();
            if depth < 6
                && let Some(object) = spec.object(name)
            {
                for field in &object.fields {
                    out.insert(
                        field.name.value.clone(),
                        synthesize(spec, &field.schema.ty.value, Some(&field.schema), depth + 1),
                    );
                }
            }
            Value::Object(out)
        }
    }
}

fn literal(value: &Literal) -> Value {
    match value {
        Literal::String(s) => Value::String(s.clone()),
        Literal::Number(Number::Integer(n)) => Value::from(*n),
        Literal::Number(Number::Float(f)) => Value::from(*f),
        Literal::Boolean(b) => Value::Bool(*b),
    }
}
