//! The reading rule: when a JSON scalar is, to a person, the same value as the documented type
//! wants (`"2"` for an integer, `2.0` for an integer, `"true"` for a boolean, a number for a
//! string). The runtime's lenient decoding reads drifted responses by it and the spec layer's
//! conformance checks (the emulator's, the command line's) accept requests by it: one rule,
//! so a value the client reads is a value the emulator accepts. The same goes for shapes: one
//! value where a list is documented reads as a one-item list ([`reads_as_one_item_list`]), a
//! one-item list where an object is documented as its item ([`item_of_one_item_list`]).

use std::fmt;

use serde_json::{Map, Number, Value};

/// Whether `value`, where a list is documented, reads as a one-item list holding it: any value
/// but a list (which is one) and `null` (which is none).
///
/// ```
/// use apigw_shared::read::reads_as_one_item_list;
/// assert!(reads_as_one_item_list(&serde_json::json!({"id": "a"})));
/// assert!(!reads_as_one_item_list(&serde_json::json!([])));
/// assert!(!reads_as_one_item_list(&serde_json::Value::Null));
/// ```
pub fn reads_as_one_item_list(value: &Value) -> bool {
    !matches!(value, Value::Array(_) | Value::Null)
}

/// The object that `value`, where an object is documented, reads as: the item of a list of
/// one object (`None` for anything else).
///
/// ```
/// use apigw_shared::read::item_of_one_item_list;
/// let one = serde_json::json!([{"id": "a"}]);
/// assert_eq!(item_of_one_item_list(&one).unwrap()["id"], "a");
/// assert!(item_of_one_item_list(&serde_json::json!([{}, {}])).is_none());
/// ```
pub fn item_of_one_item_list(value: &Value) -> Option<&Map<String, Value>> {
    match value {
        Value::Array(items) if items.len() == 1 => items[0].as_object(),
        _ => None,
    }
}

/// What a scalar read wants: the documented type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    /// A boolean.
    Bool,
    /// An integer in `min..=max`.
    Int {
        /// The least value.
        min: i128,
        /// The greatest value.
        max: i128,
    },
    /// A (finite) number.
    Float,
    /// A string.
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

/// A scalar read from a JSON value.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    /// A boolean.
    Bool(bool),
    /// A signed integer.
    I64(i64),
    /// An unsigned integer beyond `i64`.
    U64(u64),
    /// A float.
    F64(f64),
    /// A string (made from a number or a boolean).
    Str(String),
}

/// `value` as `want`, if a person would call it the same value (`None` otherwise); whether it
/// was converted.
pub fn read_scalar(value: &Value, want: Want) -> Option<(Scalar, bool)> {
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
pub fn default_scalar(want: Want) -> Scalar {
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
    fn what_a_person_calls_the_same_value_is_read_and_said_to_be_converted() {
        let int = Want::Int { min: 0, max: 10 };
        let read = |v: Value, want| read_scalar(&v, want).map(|(_, converted)| converted);
        assert_eq!(read(Value::from(3), int), Some(false));
        assert_eq!(read(Value::from(3.0), int), Some(true));
        assert_eq!(read(Value::from("3"), int), Some(true));
        assert_eq!(read(Value::from("3.0"), int), Some(true));
        assert_eq!(read(Value::from(3.5), int), None);
        assert_eq!(read(Value::from(11), int), None, "out of the type's range");
        assert_eq!(read(Value::from("TRUE"), Want::Bool), Some(true));
        assert_eq!(read(Value::from(1), Want::Bool), Some(true));
        assert_eq!(read(Value::from(2), Want::Bool), None);
        assert_eq!(read(Value::from(7), Want::Str), Some(true));
        assert_eq!(read(Value::from("NaN"), Want::Float), None);
        assert_eq!(read(Value::Null, Want::Str), None);
    }
}
