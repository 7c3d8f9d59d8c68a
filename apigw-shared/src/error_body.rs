//! What an error body says: its code and message, in the shapes the references document.

use serde_json::{Map, Value};

/// The keys an error body gives its code under.
const CODES: [&str; 3] = ["error_code", "code", "errorCode"];
/// The keys an error body gives its message under.
const MESSAGES: [&str; 5] = [
    "error_msg",
    "error_message",
    "message",
    "errorMsg",
    "errorMessage",
];

/// The error code and message of an error body, in the shapes the references document:
/// `{"error_code", "error_msg"}` (also `error_message`), `{"code", "message"}`, and either of
/// them as the one member of an object (`{"error": {…}}`, OpenStack's faults
/// `{"itemNotFound": {…}}`, `{"badRequest": {…}}`). A code that is not a string (Keystone's
/// `"code": 404`) is not an error code. `(None, None)`: not an error body.
///
/// ```
/// use apigw_shared::error_body::fields;
/// let body = serde_json::json!({"itemNotFound": {"message": "gone", "code": 404}});
/// assert_eq!(fields(&body), (None, Some("gone".to_owned())));
/// ```
pub fn fields(body: &Value) -> (Option<String>, Option<String>) {
    let Value::Object(top) = body else {
        return (None, None);
    };
    let string = |object: &Map<String, Value>, keys: &[&str]| {
        keys.iter()
            .find_map(|k| object.get(*k).and_then(|v| v.as_str()).map(str::to_owned))
    };
    let (code, msg) = (string(top, &CODES), string(top, &MESSAGES));
    if code.is_some() || msg.is_some() {
        return (code, msg);
    }
    match top.values().collect::<Vec<_>>()[..] {
        [Value::Object(inner)] => (string(inner, &CODES), string(inner, &MESSAGES)),
        _ => (None, None),
    }
}

/// Whether `body` is an error body (see [`fields`]): it says an error code or message.
pub fn is_error(body: &Value) -> bool {
    fields(body) != (None, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_bodies_in_the_documented_shapes() {
        let fields = |body: &str| fields(&serde_json::from_str(body).unwrap_or(Value::Null));
        let both = (Some("A.1".to_owned()), Some("bad".to_owned()));
        assert_eq!(fields(r#"{"error_code":"A.1","error_msg":"bad"}"#), both);
        assert_eq!(fields(r#"{"code":"A.1","message":"bad"}"#), both);
        assert_eq!(fields(r#"{"error":{"code":"A.1","message":"bad"}}"#), both);
        assert_eq!(
            fields(r#"{"badRequest":{"code":"A.1","message":"bad"}}"#),
            both
        );
        assert_eq!(
            fields(r#"{"error":{"code":404,"message":"bad"}}"#),
            (None, Some("bad".to_owned()))
        );
        // Two members, neither of them an error's: a resource, not an error.
        assert_eq!(fields(r#"{"a":{"message":"m"},"b":{}}"#), (None, None));
        assert_eq!(fields("<html>"), (None, None));
        assert_eq!(fields("[1]"), (None, None));
    }
}
