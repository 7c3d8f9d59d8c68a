//! How a JSON value is named in a deviation; the reading rule itself (when a scalar is the
//! value the documented type wants) is `apigw_shared::read`, shared with the spec layer's
//! checks.

use std::fmt;

use serde_json::Value;

pub(super) use apigw_shared::read::{
    Scalar, Want, default_scalar, item_of_one_item_list, read_scalar, reads_as_one_item_list,
};

/// How a JSON value is named in a deviation.
pub(super) struct Found<'a>(pub(super) &'a Value);

impl fmt::Display for Found<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Value::Null => f.write_str("null"),
            Value::Bool(b) => write!(f, "the boolean {b}"),
            Value::Number(n) => write!(f, "the number {n}"),
            Value::String(s) if s.len() > 40 => {
                let cut: String = s.chars().take(40).collect();
                write!(f, "the string {cut:?}…")
            }
            // Printable ASCII without quotes or backslashes is quoted as `{s:?}` quotes it,
            // without escaping each character through `fmt` (a drifted body has hundreds).
            Value::String(s)
                if s.bytes()
                    .all(|b| matches!(b, b' '..=b'~') && b != b'"' && b != b'\\') =>
            {
                f.write_str("the string \"")?;
                f.write_str(s)?;
                f.write_str("\"")
            }
            Value::String(s) => write!(f, "the string {s:?}"),
            Value::Array(a) => write!(f, "an array of {} items", a.len()),
            Value::Object(_) => f.write_str("an object"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_found_string_is_quoted_as_debug_quotes_it() {
        for s in [
            "16777337",
            "it's 2",
            "a \"b\"",
            "back\\slash",
            "tab\there",
            "ünï",
            "",
        ] {
            let value = Value::String(s.to_owned());
            assert_eq!(Found(&value).to_string(), format!("the string {s:?}"));
        }
    }
}
