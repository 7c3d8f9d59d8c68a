//! A service's documented error codes: the rows of its reference's error-code appendix, which
//! any of its operations can answer with. Each service crate generates an `ErrorCode` enum
//! implementing [`ServiceErrorCode`]; [`ServiceError::code`](crate::ServiceError::code) and
//! [`Error::code`](crate::Error::code) give it for an error.

use std::fmt;

/// One documented error code: the status it comes with, the code, and what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DocumentedCode {
    /// The code the service sends (`Ecs.0001`).
    pub code: &'static str,
    /// The HTTP status it comes with.
    pub status: u16,
    /// The message the service sends with it, if documented.
    pub message: Option<&'static str>,
    /// What it means (the reference's description, else its message).
    pub meaning: Option<&'static str>,
}

/// The documented error codes of a service (its generated `ErrorCode` enum, whose `Unknown`
/// variant holds any other code).
pub trait ServiceErrorCode: Sized + fmt::Debug + 'static {
    /// Every documented code, in the order of the reference.
    const DOCUMENTED: &'static [DocumentedCode];

    /// The variant for `code` as the service sent it (`Unknown` when not documented).
    fn from_code(code: &str) -> Self;

    /// The documentation of this code; `None` for `Unknown`.
    fn documented(&self) -> Option<&'static DocumentedCode>;
}

/// The error codes of an operation outside any service crate (`apigw_macros::operation!`):
/// none are documented, every code is kept as it came.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UndocumentedCode(pub String);

impl ServiceErrorCode for UndocumentedCode {
    const DOCUMENTED: &'static [DocumentedCode] = &[];

    fn from_code(code: &str) -> Self {
        Self(code.to_owned())
    }

    fn documented(&self) -> Option<&'static DocumentedCode> {
        None
    }
}

/// The documented code `code` among `documented`, for tools that hold a service's table (see
/// [`ServiceMeta::error_codes`](crate::ServiceMeta::error_codes)) rather than its enum.
pub fn find(documented: &'static [DocumentedCode], code: &str) -> Option<&'static DocumentedCode> {
    documented.iter().find(|d| d.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undocumented_codes_are_kept() {
        let code = UndocumentedCode::from_code("X.1");
        assert_eq!(code, UndocumentedCode("X.1".into()));
        assert_eq!(code.documented(), None);
        static TABLE: &[DocumentedCode] = &[DocumentedCode {
            code: "X.1",
            status: 400,
            message: None,
            meaning: Some("bad"),
        }];
        assert_eq!(find(TABLE, "X.1").and_then(|d| d.meaning), Some("bad"));
        assert_eq!(find(TABLE, "X.2"), None);
    }
}
