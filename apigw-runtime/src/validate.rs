//! Checks of documented limits, run before a request is sent.

use std::fmt::Display;

use crate::error::BuildError;

fn describe_range<T: Display>(min: Option<T>, max: Option<T>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("{min} to {max}"),
        (Some(min), None) => format!("at least {min}"),
        (None, Some(max)) => format!("at most {max}"),
        (None, None) => "any".to_owned(),
    }
}

/// Refuses a number outside `min..=max`; a parameter that is not set (`None`) passes.
pub fn check_range<T: PartialOrd + Display + Copy>(
    param: &'static str,
    value: impl Into<Option<T>>,
    min: Option<T>,
    max: Option<T>,
) -> Result<(), BuildError> {
    let Some(value) = value.into() else {
        return Ok(());
    };
    let below = min.is_some_and(|min| value < min);
    let above = max.is_some_and(|max| value > max);
    if below || above {
        return Err(BuildError::OutOfRange {
            param,
            value: value.to_string(),
            range: describe_range(min, max),
        });
    }
    Ok(())
}

/// Refuses a length outside `min..=max` (see [`length`]); a parameter that is not set
/// (`None`) passes.
pub fn check_length(
    param: &'static str,
    length: impl Into<Option<usize>>,
    min: Option<u64>,
    max: Option<u64>,
) -> Result<(), BuildError> {
    let Some(length) = length.into() else {
        return Ok(());
    };
    let length_u64 = length as u64;
    if min.is_some_and(|min| length_u64 < min) || max.is_some_and(|max| length_u64 > max) {
        return Err(BuildError::Length {
            param,
            length,
            range: describe_range(min, max),
        });
    }
    Ok(())
}

/// A value with a documented length: a string counts characters, an array items.
pub trait Length {
    /// The length, or `None` for a parameter that is not set.
    fn length(&self) -> Option<usize>;
}

impl Length for String {
    fn length(&self) -> Option<usize> {
        Some(self.chars().count())
    }
}

impl<T> Length for Vec<T> {
    fn length(&self) -> Option<usize> {
        Some(self.len())
    }
}

impl<L: Length> Length for Option<L> {
    fn length(&self) -> Option<usize> {
        self.as_ref().and_then(L::length)
    }
}

/// The length [`check_length`] checks: characters of a string, items of an array, `None`
/// when the value is not set.
pub fn length(value: &impl Length) -> Option<usize> {
    value.length()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_name_parameter_value_and_bounds() {
        assert!(check_range("limit", 500, Some(1), Some(500)).is_ok());
        let err = check_range("limit", 501, Some(1), Some(500)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "`limit` = 501 is out of range: allowed 1 to 500"
        );
        let err = check_range("offset", -1i64, Some(0), None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "`offset` = -1 is out of range: allowed at least 0"
        );
        assert!(check_length("name", 3, Some(3), Some(64)).is_ok());
        assert!(check_length("name", 65, Some(3), Some(64)).is_err());
    }

    #[test]
    fn unset_parameters_pass_and_lengths_count_characters_or_items() {
        assert!(check_range("limit", None::<i32>, Some(1), Some(500)).is_ok());
        assert!(check_range("limit", Some(0), Some(1), Some(500)).is_err());
        assert!(check_range("ratio", 0.5, Some(0.0), Some(1.0)).is_ok());
        assert_eq!(length(&"grüße".to_owned()), Some(5));
        assert_eq!(length(&vec![1, 2, 3]), Some(3));
        assert_eq!(length(&None::<String>), None);
        assert_eq!(length(&Some(vec!["a"])), Some(1));
        assert!(check_length("name", length(&None::<String>), Some(3), None).is_ok());
        let err = check_length("name", length(&Some("ab".to_owned())), Some(3), None).unwrap_err();
        assert_eq!(err.to_string(), "`name` has length 2: allowed at least 3");
    }
}
