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

/// Refuses a number outside `min..=max`.
pub fn check_range<T: PartialOrd + Display + Copy>(
    param: &'static str,
    value: T,
    min: Option<T>,
    max: Option<T>,
) -> Result<(), BuildError> {
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

/// Refuses a length outside `min..=max`.
pub fn check_length(
    param: &'static str,
    length: usize,
    min: Option<u64>,
    max: Option<u64>,
) -> Result<(), BuildError> {
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
}
