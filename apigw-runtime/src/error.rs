//! Everything a call can fail with, as one error type per operation: [`Error<E>`], where `E`
//! is the operation's generated enum of documented error statuses.

use std::fmt;

use reqwest::StatusCode;

use crate::auth::AuthError;

/// Why a call failed.
///
/// `E` is the operation's error enum: which documented error status the server answered with.
/// Whatever the variant, [`Error::status`], [`Error::error_code`], [`Error::error_msg`] and
/// [`Error::request_id`] give what is known, and `Display` says all of it in one line.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The request was refused before anything was sent (e.g. a value out of its range).
    Build(BuildError),
    /// The server answered with an error status.
    Service(ServiceError<E>),
    /// The request could not be sent or the response could not be received.
    Transport(TransportError),
    /// The server answered with a success status, but the body does not match its documentation.
    Decode(DecodeError),
    /// The credentials could not be obtained or renewed (e.g. a password the identity service
    /// refused); the request was not sent.
    Auth(AuthError),
}

/// The broad kind of an [`Error`], for logging and retry decisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Refused before sending.
    Build,
    /// An error status from the server.
    Service,
    /// No complete response in time.
    Timeout,
    /// The connection could not be made or broke.
    Connection,
    /// The response was larger than allowed.
    BodyTooLarge,
    /// The response body could not be decoded.
    Decode,
    /// The credentials could not be obtained or renewed.
    Auth,
}

impl<E> Error<E> {
    /// The broad kind of failure.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Build(_) => ErrorKind::Build,
            Error::Service(_) => ErrorKind::Service,
            Error::Transport(t) => match t.kind {
                TransportErrorKind::Timeout => ErrorKind::Timeout,
                TransportErrorKind::BodyTooLarge { .. } => ErrorKind::BodyTooLarge,
                TransportErrorKind::Connection => ErrorKind::Connection,
            },
            Error::Decode(_) => ErrorKind::Decode,
            Error::Auth(_) => ErrorKind::Auth,
        }
    }

    /// The HTTP status, when a response arrived.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Service(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            _ => None,
        }
    }

    /// The service's error code (e.g. `APIG.3002`), when it sent one.
    pub fn error_code(&self) -> Option<&str> {
        self.service().and_then(|e| e.error_code.as_deref())
    }

    /// The service's error message, when it sent one.
    pub fn error_msg(&self) -> Option<&str> {
        self.service().and_then(|e| e.error_msg.as_deref())
    }

    /// The request id (`x-request-id`), when the server sent one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Service(e) => e.request_id.as_deref(),
            Error::Decode(e) => e.request_id.as_deref(),
            _ => None,
        }
    }

    /// The service error, if the server answered with an error status.
    pub fn service(&self) -> Option<&ServiceError<E>> {
        match self {
            Error::Service(e) => Some(e),
            _ => None,
        }
    }

    /// Which documented error the server answered with, if any.
    pub fn service_kind(&self) -> Option<&E> {
        self.service().map(|e| &e.kind)
    }

    /// The same error with the documented-error kind converted by `f`.
    pub fn map_kind<F>(self, f: impl FnOnce(E) -> F) -> Error<F> {
        match self {
            Error::Build(e) => Error::Build(e),
            Error::Service(e) => Error::Service(ServiceError {
                operation: e.operation,
                status: e.status,
                request_id: e.request_id,
                error_code: e.error_code,
                error_msg: e.error_msg,
                kind: f(e.kind),
                body_excerpt: e.body_excerpt,
                body: e.body,
            }),
            Error::Transport(e) => Error::Transport(e),
            Error::Decode(e) => Error::Decode(e),
            Error::Auth(e) => Error::Auth(e),
        }
    }
}

impl<E: crate::DocumentedError> Error<E> {
    /// The service's error code as its documented enum (`Unknown` for a code the reference
    /// does not document), when the server answered with an error code.
    pub fn code(&self) -> Option<E::Code> {
        self.service().and_then(ServiceError::code)
    }
}

impl<E> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Build(e) => write!(f, "request not sent: {e}"),
            Error::Service(e) => e.fmt(f),
            Error::Transport(e) => e.fmt(f),
            Error::Decode(e) => e.fmt(f),
            Error::Auth(e) => e.fmt(f),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Build(e) => Some(e),
            Error::Service(_) => None,
            Error::Transport(e) => Some(e),
            Error::Decode(e) => Some(e),
            Error::Auth(e) => Some(e),
        }
    }
}

impl<E> From<BuildError> for Error<E> {
    fn from(e: BuildError) -> Self {
        Error::Build(e)
    }
}

impl<E> From<DecodeError> for Error<E> {
    fn from(e: DecodeError) -> Self {
        Error::Decode(e)
    }
}

impl<E> From<SendError> for Error<E> {
    fn from(e: SendError) -> Self {
        match e {
            SendError::Build(e) => Error::Build(e),
            SendError::Transport(e) => Error::Transport(e),
            SendError::Auth(e) => Error::Auth(e),
        }
    }
}

/// A request refused before it was sent.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// A number outside its documented range.
    #[error("`{param}` = {value} is out of range: allowed {range}")]
    OutOfRange {
        /// The parameter's name on the wire.
        param: &'static str,
        /// The value given.
        value: String,
        /// The allowed range, e.g. `1 to 500`.
        range: String,
    },
    /// A string or array whose length is outside its documented limits.
    #[error("`{param}` has length {length}: allowed {range}")]
    Length {
        /// The parameter's name on the wire.
        param: &'static str,
        /// The length given (characters or items).
        length: usize,
        /// The allowed lengths, e.g. `1 to 64`.
        range: String,
    },
    /// A path value that would change the path (empty, `.` or `..`).
    #[error(
        "path parameter `{param}` cannot be {value:?}: it would change which resource the path names"
    )]
    InvalidPathSegment {
        /// The parameter's name.
        param: &'static str,
        /// The value given.
        value: String,
    },
    /// The path template names a parameter that was not supplied.
    #[error("path parameter `{param}` was not supplied")]
    MissingPathParam {
        /// The parameter's name.
        param: String,
    },
    /// The endpoint and the encoded path do not form a valid URL.
    #[error("`{url}` is not a valid URL")]
    InvalidUrl {
        /// The URL that was assembled.
        url: String,
    },
    /// A header value that cannot be sent.
    #[error("header `{name}` has a value that cannot be sent in HTTP")]
    InvalidHeader {
        /// The header's name.
        name: &'static str,
    },
    /// The body could not be encoded.
    #[error("the request body cannot be encoded: {reason}")]
    Body {
        /// Why.
        reason: String,
    },
    /// The credentials could not be applied.
    #[error("the credentials cannot be used: {reason}")]
    InvalidCredentials {
        /// Why.
        reason: String,
    },
}

/// An error status from the server.
#[derive(Debug)]
pub struct ServiceError<E> {
    /// The operation id.
    pub operation: &'static str,
    /// The HTTP status.
    pub status: StatusCode,
    /// The request id (`x-request-id`), if sent.
    pub request_id: Option<String>,
    /// The service's error code (`error_code` in the body), if sent.
    pub error_code: Option<String>,
    /// The service's error message (`error_msg` in the body), if sent.
    pub error_msg: Option<String>,
    /// Which documented error this is, with its decoded body.
    pub kind: E,
    /// The start of the body (at most 1 KiB), for errors whose body was not understood.
    pub body_excerpt: String,
    /// The body as it came.
    pub body: bytes::Bytes,
}

impl<E: crate::DocumentedError> ServiceError<E> {
    /// The sent `error_code` as the service's documented enum (its `ErrorCode`; `Unknown`
    /// for a code the reference does not document), if a code was sent. Its
    /// [`documented`](crate::ServiceErrorCode::documented) entry says what it means.
    pub fn code(&self) -> Option<E::Code> {
        use crate::ServiceErrorCode;
        self.error_code.as_deref().map(E::Code::from_code)
    }
}

impl<E> fmt::Display for ServiceError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} failed with status {}", self.operation, self.status)?;
        match (&self.error_code, &self.error_msg) {
            (Some(code), Some(msg)) => write!(f, ": {code}: {msg}")?,
            (Some(code), None) => write!(f, ": {code}")?,
            (None, Some(msg)) => write!(f, ": {msg}")?,
            (None, None) if !self.body_excerpt.is_empty() => {
                write!(f, ": body {:?}", self.body_excerpt)?
            }
            (None, None) => {}
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

/// A success response whose body cannot be read as documented: not JSON, or (in strict mode)
/// different from its documentation. The whole body is kept.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{operation}: cannot decode the {status} response body{}: {reason}; body starts with {:?}{}", if path.is_empty() || path == "." { String::new() } else { format!(" at `{path}`") }, excerpt(body, 200), request_id.as_ref().map(|id| format!(" (request id {id})")).unwrap_or_default())]
pub struct DecodeError {
    /// The operation id.
    pub operation: &'static str,
    /// The HTTP status.
    pub status: StatusCode,
    /// Where in the body decoding failed, e.g. `api_versions[0].status` (`.` for the top).
    pub path: String,
    /// Why.
    pub reason: String,
    /// The request id, if sent.
    pub request_id: Option<String>,
    /// The body as it came.
    pub body: bytes::Bytes,
}

/// The request could not be sent, or no complete response came back.
#[derive(Debug, thiserror::Error)]
#[error("{operation}: {kind}{}", source.as_ref().map(|s| format!(": {s}")).unwrap_or_default())]
pub struct TransportError {
    /// The operation id.
    pub operation: &'static str,
    /// What went wrong.
    pub kind: TransportErrorKind,
    /// The underlying HTTP error, if any.
    pub source: Option<reqwest::Error>,
}

/// What went wrong in transport.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No complete response within the configured timeout.
    #[error("timed out")]
    Timeout,
    /// The connection could not be made, or broke before the response was complete.
    #[error("connection failed")]
    Connection,
    /// The response body was larger than the configured limit.
    #[error("response body larger than the limit of {limit} bytes")]
    BodyTooLarge {
        /// The limit in bytes.
        limit: usize,
    },
}

/// What [`Client::execute`](crate::Client::execute) can fail with; converts into [`Error`].
#[derive(Debug, thiserror::Error)]
pub enum SendError {
    /// The request could not be authenticated or assembled.
    #[error(transparent)]
    Build(#[from] BuildError),
    /// Transport failed.
    #[error(transparent)]
    Transport(#[from] TransportError),
    /// The credentials could not be obtained or renewed.
    #[error(transparent)]
    Auth(#[from] AuthError),
}

/// The first `max` bytes of `body` as text, cut at a character boundary.
pub(crate) fn excerpt(body: &[u8], max: usize) -> String {
    let mut end = body.len().min(max);
    if end < body.len() {
        // Not inside a character: back up to the start of one the cut would split.
        let start = (end.saturating_sub(3)..end)
            .rev()
            .find(|&i| body[i] & 0b1100_0000 != 0b1000_0000);
        if let Some(start) = start {
            let len = match body[start] {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                0xF0..=0xF7 => 4,
                _ => 1,
            };
            if start + len > end {
                end = start;
            }
        }
    }
    let text = String::from_utf8_lossy(&body[..end]);
    let mut text = text.into_owned();
    if body.len() > max {
        text.push('…');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_error_says_everything_in_one_line() {
        let e: Error<()> = Error::Service(ServiceError {
            operation: "ListApiVersionsV2",
            status: StatusCode::NOT_FOUND,
            request_id: Some("req-1".into()),
            error_code: Some("APIG.3002".into()),
            error_msg: Some("API x does not exist".into()),
            kind: (),
            body_excerpt: String::new(),
            body: bytes::Bytes::new(),
        });
        assert_eq!(
            e.to_string(),
            "ListApiVersionsV2 failed with status 404 Not Found: APIG.3002: API x does not exist (request id req-1)"
        );
        assert_eq!(e.kind(), ErrorKind::Service);
        assert_eq!(e.error_code(), Some("APIG.3002"));
    }

    #[test]
    fn excerpts_are_bounded_and_never_split_characters() {
        assert_eq!(excerpt(b"abc", 10), "abc");
        assert_eq!(excerpt(b"abcd", 3), "abc…");
        // `é` is two bytes: a cut after three ends before the second one, not inside it.
        assert_eq!(excerpt("ééé".as_bytes(), 3), "é…");
        assert_eq!(excerpt("ééé".as_bytes(), 4), "éé…");
        assert_eq!(excerpt("a€b".as_bytes(), 3), "a…");
        assert_eq!(excerpt("😀x".as_bytes(), 2), "…");
        // Bytes that are not UTF-8 at all are still shown, as replacement characters.
        assert_eq!(excerpt(b"\xffab", 2), "\u{fffd}a…");
        assert_eq!(
            excerpt(b"a\x80\x80\x80\x80b", 5),
            "a\u{fffd}\u{fffd}\u{fffd}\u{fffd}…"
        );
    }
}
