//! Checks a request against its spec: path and query parameters (types, enumerations,
//! ranges, lengths, mandatory), the auth header, and the JSON body.

use std::collections::BTreeMap;

use apigw_spec::conform::{ViolationKind, conform, conform_schema};
use apigw_spec::{BodyEncoding, ParamLocation, Spec, TypeExpr};
use serde_json::Value;

/// Why a request is refused: which parameter and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    /// The parameter (or body field path).
    pub parameter: String,
    /// What is wrong.
    pub reason: String,
}

/// Whether the request carries credentials of a known shape: an `X-Auth-Token`, or an
/// `Authorization: SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…` with an
/// `X-Sdk-Date`. (The emulator has no keys to verify signatures with.)
pub fn authenticated(header: impl Fn(&str) -> Option<String>) -> bool {
    if header("x-auth-token").is_some_and(|t| !t.trim().is_empty()) {
        return true;
    }
    let Some(authorization) = header("authorization") else {
        return false;
    };
    let Some(rest) = authorization.strip_prefix("SDK-HMAC-SHA256 ") else {
        return false;
    };
    let fields: Vec<&str> = rest.split(", ").collect();
    let has = |key: &str| {
        fields
            .iter()
            .any(|f| f.strip_prefix(key).is_some_and(|v| !v.is_empty()))
    };
    let signature_hex = fields
        .iter()
        .find_map(|f| f.strip_prefix("Signature="))
        .is_some_and(|s| s.len() == 64 && s.chars().all(|c| c.is_ascii_hexdigit()));
    has("Access=") && has("SignedHeaders=") && signature_hex && header("x-sdk-date").is_some()
}

/// Checks path and query parameters.
pub fn params(
    spec: &Spec,
    path: &BTreeMap<String, String>,
    query: &[(String, String)],
) -> Result<(), Invalid> {
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
        if values.is_empty() {
            if param.field.required || param.location == ParamLocation::Path {
                return Err(Invalid {
                    parameter: name.clone(),
                    reason: "is mandatory".into(),
                });
            }
            continue;
        }
        let invalid = |reason: String| Invalid {
            parameter: name.clone(),
            reason,
        };
        let schema = &param.field.schema;
        // Text → the JSON value it stands for; then the same rules as bodies (`conform`).
        let value = match &schema.ty.value {
            TypeExpr::Array(inner) => Value::Array(
                values
                    .iter()
                    .map(|v| scalar_value(inner, v))
                    .collect::<Result<_, _>>()
                    .map_err(invalid)?,
            ),
            _ if values.len() > 1 => return Err(invalid("is given more than once".into())),
            ty => scalar_value(ty, values[0]).map_err(invalid)?,
        };
        if let Some(v) = conform_schema(spec, schema, &value).into_iter().next() {
            return Err(invalid(v.message));
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

/// Checks a JSON body (when the operation takes one).
pub fn body(spec: &Spec, body: &[u8]) -> Result<Option<Value>, Invalid> {
    let Some(documented) = &spec.body else {
        return Ok(None);
    };
    match documented.encoding {
        BodyEncoding::Json => {}
        BodyEncoding::Form => return Ok(None), // form uploads are accepted as they come
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return if documented.required {
            Err(Invalid {
                parameter: "body".into(),
                reason: "a request body is required".into(),
            })
        } else {
            Ok(None)
        };
    }
    let value: Value = serde_json::from_slice(body).map_err(|e| Invalid {
        parameter: "body".into(),
        reason: format!("is not valid JSON: {e}"),
    })?;
    let first = conform(spec, &documented.ty.value, &value)
        .into_iter()
        .find(|v| v.kind != ViolationKind::Undocumented);
    match first {
        Some(v) => Err(Invalid {
            parameter: v.path,
            reason: v.message,
        }),
        None => Ok(Some(value)),
    }
}
