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
    // The first documented example that fits the documented type; else the first one with
    // what contradicts its own page's tables made from the type (the table wins, the rest of
    // the page's example stays: a Nova server's `addresses` as the page shows them, though its
    // `image` is `""` where the table says an object); else a value made from the type.
    let examples: Vec<Value> = response
        .examples
        .iter()
        .filter_map(|e| serde_json::from_str::<Value>(&e.json.value).ok())
        .collect();
    let mut body = examples
        .iter()
        .find(|value| {
            conform(spec, &ty.value, value)
                .iter()
                .all(|v| !matches!(v.kind, ViolationKind::Type | ViolationKind::Missing))
        })
        .cloned()
        .or_else(|| examples.first().map(|e| fit(spec, &ty.value, None, e, 0)))
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

/// `value` (a page's example) with each part whose JSON kind contradicts `ty` (`schema`'s
/// type) made from the type instead, and each required field it lacks added; what the type
/// does not document, and `null`, kept as they are.
pub fn fit(
    spec: &Spec,
    ty: &TypeExpr,
    schema: Option<&Schema>,
    value: &Value,
    depth: usize,
) -> Value {
    let made = || synthesize(spec, ty, schema, depth);
    match (ty, value) {
        (_, Value::Null) | (TypeExpr::Any | TypeExpr::File, _) => value.clone(),
        (TypeExpr::String, Value::String(_))
        | (TypeExpr::Boolean, Value::Bool(_))
        | (TypeExpr::Float, Value::Number(_)) => value.clone(),
        (TypeExpr::Integer | TypeExpr::Long, Value::Number(n)) if n.is_i64() || n.is_u64() => {
            value.clone()
        }
        (TypeExpr::Array(inner), Value::Array(items)) if depth < 16 => Value::Array(
            items
                .iter()
                .map(|item| fit(spec, inner, schema, item, depth + 1))
                .collect(),
        ),
        (TypeExpr::Map(inner), Value::Object(entries)) if depth < 16 => Value::Object(
            entries
                .iter()
                .map(|(k, v)| (k.clone(), fit(spec, inner, None, v, depth + 1)))
                .collect(),
        ),
        (TypeExpr::Named(name), Value::Object(given)) if depth < 16 => {
            let Some(object) = spec.object(name) else {
                return value.clone();
            };
            let mut out = given.clone();
            for field in &object.fields {
                let field_ty = &field.schema.ty.value;
                match given.get(&field.name.value) {
                    Some(v) => {
                        let fitted = fit(spec, field_ty, Some(&field.schema), v, depth + 1);
                        out.insert(field.name.value.clone(), fitted);
                    }
                    None if field.required => {
                        let made = synthesize_field(spec, field, depth + 1);
                        out.insert(field.name.value.clone(), made);
                    }
                    None => {}
                }
            }
            Value::Object(out)
        }
        _ => made(),
    }
}

/// A value of `ty`: the default, the first enumerated value or the minimum where documented;
/// an object's id fields (strings named `id` or `…_id`) in the form ids have, a UUID (or
/// hexadecimal digits where the documented length leaves no room for one), the same for the
/// same name;
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
                        synthesize_field(spec, field, depth + 1),
                    );
                }
            }
            Value::Object(out)
        }
    }
}

/// A value of `field` (an object field or a parameter): an id field's made id (a string
/// named `id` or `…_id`: see [`synthesize`]), else [`synthesize`] of its type.
pub fn synthesize_field(spec: &Spec, field: &apigw_spec::Field, depth: usize) -> Value {
    made_id(&field.name.value, &field.schema)
        .unwrap_or_else(|| synthesize(spec, &field.schema.ty.value, Some(&field.schema), depth))
}

/// The value made for an id field — a string field named `id` or `…_id` with no default and
/// no enumeration — in the form ids have: a UUID, or hexadecimal digits where the documented
/// length leaves no room for one; stable for the field's name, so that the same id is made
/// wherever it is referred to.
fn made_id(name: &str, schema: &Schema) -> Option<Value> {
    let is_id = name == "id" || name.ends_with("_id");
    if !is_id
        || schema.ty.value != TypeExpr::String
        || schema.default.is_some()
        || materialized_enum(schema).is_some()
    {
        return None;
    }
    let bound = |b: Option<&apigw_spec::Spanned<u64>>| {
        b.map(|b| usize::try_from(b.value).unwrap_or(usize::MAX))
    };
    let (min, max) = (
        bound(schema.min_length.as_ref()),
        bound(schema.max_length.as_ref()),
    );
    // FNV-1a of the name, spread over 128 bits.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.bytes() {
        hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    let hex = format!(
        "{hash:016x}{:016x}",
        hash.rotate_left(29) ^ 0x9e37_79b9_7f4a_7c15
    );
    let uuid = format!(
        "{}-{}-4{}-8{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[13..16],
        &hex[17..20],
        &hex[20..32]
    );
    let text = match max {
        Some(max) if max < uuid.len() => hex[..max.min(hex.len())].to_owned(),
        _ => uuid,
    };
    if min.is_some_and(|min| min > text.len()) || text.is_empty() {
        return None;
    }
    Some(Value::String(text))
}

fn literal(value: &Literal) -> Value {
    match value {
        Literal::String(s) => Value::String(s.clone()),
        Literal::Number(Number::Integer(n)) => Value::from(*n),
        Literal::Number(Number::Float(f)) => Value::from(*f),
        Literal::Boolean(b) => Value::Bool(*b),
    }
}

/// The API versions that `specs`' paths begin with (`/v2/images` → `v2`), oldest first.
pub fn versions(specs: &[Spec]) -> Vec<String> {
    let number = |v: &str| -> Option<Vec<u64>> {
        let digits = v.strip_prefix('v')?;
        digits.split('.').map(|n| n.parse().ok()).collect()
    };
    let mut found: Vec<(Vec<u64>, String)> = Vec::new();
    for spec in specs {
        let first = spec
            .operation
            .path
            .raw
            .trim_start_matches('/')
            .split('/')
            .next();
        if let Some(first) = first
            && let Some(n) = number(first)
            && !found.iter().any(|(_, v)| v == first)
        {
            found.push((n, first.to_owned()));
        }
    }
    found.sort();
    found.into_iter().map(|(_, v)| v).collect()
}

/// Fills a version document that was made from its type (the page gives no example) with the
/// service's `versions` (see [`versions`]): a `versions` list of one entry per version, the
/// latest `CURRENT`, or a `version` object for the version the request's `path` names (else
/// the latest), each with its `id` (`v2`) and a `self` link to it (below the service's
/// endpoint, as [`localize`] makes it) — what clients that discover versions read.
pub fn made_versions(body: &mut Value, versions: &[String], path: &str) {
    let Some(latest) = versions.last() else {
        return;
    };
    let entry = |template: &Value, version: &str| {
        let mut entry = template.clone();
        if let Value::Object(fields) = &mut entry {
            fields.insert("id".into(), Value::from(version));
            let status = if version == latest {
                "CURRENT"
            } else {
                "SUPPORTED"
            };
            if fields.contains_key("status") {
                fields.insert("status".into(), Value::from(status));
            }
            fields.insert(
                "links".into(),
                serde_json::json!([{"rel": "self", "href": format!("https://{{endpoint}}/{version}/")}]),
            );
        }
        entry
    };
    let Value::Object(top) = body else { return };
    if let Some(Value::Array(list)) = top.get_mut("versions")
        && let Some(template) = list.first().filter(|t| t.is_object()).cloned()
    {
        *list = versions.iter().map(|v| entry(&template, v)).collect();
    } else if let Some(one @ Value::Object(_)) = top.get_mut("version") {
        let asked = path.trim_start_matches('/').split('/').next().unwrap_or("");
        let version = versions.iter().find(|v| *v == asked).unwrap_or(latest);
        *one = entry(one, version);
    }
}

/// Points the links of an answer at the emulator: `body` is answered to a request for
/// `request_url` (without its query) of the service whose URL, as the client reached it, is
/// `service_url` (`http://127.0.0.1:8080/ecs`, or the root of the service's own address).
///
/// - A URL whose host names no real host — a placeholder (`https://{Endpoint}/v2.0/networks`,
///   `https://Endpoint/v2`, `https://xxx/…`), a single word (`localhost`) or a reserved example
///   or sample name (`example.com`, `evs.localdomain.com`, `sample.domain.com`) — becomes the
///   same path and query below `service_url`: a version document's links lead a client on to
///   the emulator, not to a host it cannot reach.
/// - A link field (`href`, `self`, `url`, `…_url`, …) that holds the placeholder word
///   `"string"` (a value made from the type, or a page's own placeholder) becomes
///   `request_url`.
/// - The emulator answers every list in one page, so an answer has no next page: a
///   top-level `next` link is left out, a `next` in a `links` object is `null`, and a
///   `rel: next` entry of a `links` or `…_links` array is left out.
pub fn localize(body: &mut Value, service_url: &str, request_url: &str) {
    if let Value::Object(top) = body
        && top.get("next").is_some_and(is_link_value)
    {
        top.remove("next");
    }
    walk(body, None, service_url, request_url);
}

fn walk(value: &mut Value, key: Option<&str>, service_url: &str, request_url: &str) {
    match value {
        Value::Object(fields) => {
            if key == Some("links")
                && let Some(next) = fields.get_mut("next")
                && is_link_value(next)
            {
                *next = Value::Null;
            }
            for (k, v) in fields.iter_mut() {
                walk(v, Some(k), service_url, request_url);
            }
        }
        Value::Array(items) => {
            if key.is_some_and(|k| k == "links" || k.ends_with("_links")) {
                items.retain(|item| item.get("rel").and_then(Value::as_str) != Some("next"));
            }
            for item in items {
                walk(item, key, service_url, request_url);
            }
        }
        Value::String(text) => {
            if let Some(local) = local_url(text, service_url) {
                *text = local;
            } else if text == "string" && key.is_some_and(is_link_key) {
                *text = request_url.to_owned();
            }
        }
        _ => {}
    }
}

/// Whether `value` can be a link: `null`, a path, a URL or the placeholder word.
fn is_link_value(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => {
            s == "string"
                || s.starts_with('/')
                || s.starts_with("http://")
                || s.starts_with("https://")
        }
        _ => false,
    }
}

/// Whether a field named `key` holds a link.
fn is_link_key(key: &str) -> bool {
    matches!(
        key,
        "href"
            | "self"
            | "first"
            | "last"
            | "previous"
            | "prev"
            | "url"
            | "uri"
            | "link"
            | "location"
    ) || ["_url", "_uri", "_link", "_href"]
        .iter()
        .any(|end| key.ends_with(end))
}

/// `url` below `service_url` when its host names no real host (see [`localize`]).
fn local_url(url: &str, service_url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (host, path) = rest.split_at(end);
    placeholder_host(host).then(|| format!("{}{path}", service_url.trim_end_matches('/')))
}

/// Whether `host` (with its port, if any) names no real host: a placeholder in braces, a
/// single word (`Endpoint`, `xxx`, `localhost`), or a name with a label that marks an example
/// (`example`, `localdomain`, `sample`, `domainname`, `xxx`).
fn placeholder_host(host: &str) -> bool {
    let name = match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    if name.is_empty() {
        return false;
    }
    name.contains(['{', '}'])
        || !name.contains('.')
        || name.split('.').any(|label| {
            matches!(
                label.to_ascii_lowercase().as_str(),
                "example" | "localdomain" | "sample" | "domainname" | "xxx"
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn links_point_at_the_emulator_and_lists_have_no_next_page() {
        let mut body = json!({
            "versions": [{"id": "v2.1", "links": [
                {"rel": "self", "href": "https://{endpoint}/v2.1/"},
                {"rel": "describedby", "href": "http://docs.openstack.org/"},
            ]}],
            "networks": [{"id": "n1", "tenant_id": "string"}],
            "networks_links": [
                {"rel": "next", "href": "https://{Endpoint}/v2.0/networks?limit=1&marker=n1"},
                {"rel": "previous", "href": "https://evs.localdomain.com:8776/v2.0/networks"},
            ],
            "links": {"self": "https://sample.domain.com/v3/projects", "next": "string"},
            "schema": {"href": "string", "name": "string"},
            "next": "string",
            "first": "https://Endpoint/v2/images?limit=1",
            "real": "https://iam.eu-de.otc.t-systems.com/v3",
        });
        localize(
            &mut body,
            "http://127.0.0.1:1/ecs",
            "http://127.0.0.1:1/ecs/v2/images",
        );
        assert_eq!(
            body,
            json!({
                "versions": [{"id": "v2.1", "links": [
                    {"rel": "self", "href": "http://127.0.0.1:1/ecs/v2.1/"},
                    {"rel": "describedby", "href": "http://docs.openstack.org/"},
                ]}],
                "networks": [{"id": "n1", "tenant_id": "string"}],
                "networks_links": [
                    {"rel": "previous", "href": "http://127.0.0.1:1/ecs/v2.0/networks"},
                ],
                "links": {"self": "http://127.0.0.1:1/ecs/v3/projects", "next": null},
                "schema": {"href": "http://127.0.0.1:1/ecs/v2/images", "name": "string"},
                "first": "http://127.0.0.1:1/ecs/v2/images?limit=1",
                "real": "https://iam.eu-de.otc.t-systems.com/v3",
            })
        );
    }
}
