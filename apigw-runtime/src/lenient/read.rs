//! The reading rule: when a JSON scalar is, to a person, the same value as the documented type
//! wants, and how a JSON value is named in a deviation.

use std::fmt;

use serde_json::{Number, Value};

/// What a scalar request wants.
#[derive(Clone, Copy)]
pub(super) enum Want {
    Bool,
    Int { min: i128, max: i128 },
    Float,
    Str,
}

impl fmt::Display for Want {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Want::Bool => "a boolean",
            Want::Int { .. } => "an integer",
            Want::Float => "a number",
            Want::Str => "a string",
        })
    }
}

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

/// A scalar read from a JSON value.
pub(super) enum Scalar {
    Bool(bool),
    I64(i64),
    U64(u64),
    F64(f64),
    Str(String),
}

/// `value` as `want`, if a person would call it the same value (`None` otherwise); whether it
/// was converted.
pub(super) fn read_scalar(value: &Value, want: Want) -> Option<(Scalar, bool)> {
    match (want, value) {
        (Want::Bool, Value::Bool(b)) => Some((Scalar::Bool(*b), false)),
        (Want::Bool, Value::String(s)) => match s.trim().to_ascii_lowercase().as_str() {
            "true" => Some((Scalar::Bool(true), true)),
            "false" => Some((Scalar::Bool(false), true)),
            _ => None,
        },
        (Want::Bool, Value::Number(n)) => match n.as_u64() {
            Some(0) => Some((Scalar::Bool(false), true)),
            Some(1) => Some((Scalar::Bool(true), true)),
            _ => None,
        },
        (Want::Int { min, max }, Value::Number(n)) => int(n, min, max),
        (Want::Int { min, max }, Value::String(s)) => {
            let n: Number = s.trim().parse().ok()?;
            int(&n, min, max).map(|(s, _)| (s, true))
        }
        (Want::Float, Value::Number(n)) => Some((Scalar::F64(n.as_f64()?), false)),
        (Want::Float, Value::String(s)) => {
            let f: f64 = s.trim().parse().ok()?;
            f.is_finite().then_some((Scalar::F64(f), true))
        }
        (Want::Str, Value::String(_)) => None, // borrowed by the caller, never converted
        (Want::Str, Value::Number(n)) => Some((Scalar::Str(n.to_string()), true)),
        (Want::Str, Value::Bool(b)) => Some((Scalar::Str(b.to_string()), true)),
        _ => None,
    }
}

/// An integer in `min..=max` from a JSON number, and whether it was converted (a whole float).
fn int(n: &Number, min: i128, max: i128) -> Option<(Scalar, bool)> {
    let (wide, scalar, converted) = if let Some(i) = n.as_i64() {
        (i128::from(i), Scalar::I64(i), false)
    } else if let Some(u) = n.as_u64() {
        (i128::from(u), Scalar::U64(u), false)
    } else {
        let f = n.as_f64()?;
        if f.fract() != 0.0 || !(min as f64..=max as f64).contains(&f) {
            return None;
        }
        #[allow(
            clippy::cast_possible_truncation,
            reason = "whole and within the target's range, checked above"
        )]
        let i = f as i64;
        (i128::from(i), Scalar::I64(i), true)
    };
    (min..=max).contains(&wide).then_some((scalar, converted))
}

/// The default of a scalar.
pub(super) fn default_scalar(want: Want) -> Scalar {
    match want {
        Want::Bool => Scalar::Bool(false),
        Want::Int { .. } => Scalar::I64(0),
        Want::Float => Scalar::F64(0.0),
        Want::Str => Scalar::Str(String::new()),
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
