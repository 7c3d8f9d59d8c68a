//! From a [`RawResponse`] to an operation's typed result, written once for every operation.
//!
//! A 2xx response is decoded by the operation's [`Success`] function ([`json`], [`empty`] or
//! [`file()`]); any other status becomes [`Error::Service`] whose kind the operation's error
//! enum gives: the entry of [`DocumentedError::STATUSES`] for the status, if its body
//! decodes, else [`DocumentedError::UNHANDLED`].

use bytes::Bytes;
use serde::de::DeserializeOwned;

use crate::{DecodeError, Error, RawResponse, Response};

/// How an operation decodes a success response: [`json`], [`empty`] or [`file()`].
pub type Success<T> = fn(RawResponse) -> Result<Response<T>, DecodeError>;

/// The enum of an operation's documented error statuses (each generated `{Operation}Error`).
pub trait DocumentedError: Sized + 'static {
    /// The service's error codes (its generated `ErrorCode`), which
    /// [`ServiceError::code`](crate::ServiceError::code) reads the sent code as.
    type Code: crate::ServiceErrorCode;

    /// The `Unhandled` variant: a status the reference does not document, or an error body
    /// that does not match its documentation.
    const UNHANDLED: Self;

    /// The documented statuses: each with the function that makes its variant from the body
    /// (`None` when the body does not match its documentation; see [`body`]). Empty by default.
    const STATUSES: &'static [(u16, FromBody<Self>)] = &[];

    /// The kind of an error response with `status` and `body`.
    fn from_status(status: u16, body: &[u8]) -> Self {
        // A plain loop: no closure or iterator adapter to instantiate for every operation.
        let mut index = 0;
        while index < Self::STATUSES.len() {
            let (documented, from_body) = Self::STATUSES[index];
            if documented == status {
                return match from_body(body) {
                    Some(kind) => kind,
                    None => Self::UNHANDLED,
                };
            }
            index += 1;
        }
        Self::UNHANDLED
    }
}

/// Makes a documented error's variant from the response body, if the body matches.
pub type FromBody<E> = fn(&[u8]) -> Option<E>;

/// A JSON success body, decoded as `T`.
#[allow(
    clippy::result_large_err,
    reason = "a decode error keeps the body, path and reason; it is the rare path"
)]
pub fn json<T: DeserializeOwned>(raw: RawResponse) -> Result<Response<T>, DecodeError> {
    raw.json()
}

/// A success response without a body; whatever body came is ignored.
#[allow(
    clippy::result_large_err,
    reason = "a decode error keeps the body, path and reason; it is the rare path"
)]
pub fn empty(raw: RawResponse) -> Result<Response<()>, DecodeError> {
    Ok(raw.empty())
}

/// A success response whose body is a file: the bytes as received.
#[allow(
    clippy::result_large_err,
    reason = "a decode error keeps the body, path and reason; it is the rare path"
)]
pub fn file(raw: RawResponse) -> Result<Response<Bytes>, DecodeError> {
    Ok(raw.bytes())
}

/// The body of a documented error, if it decodes as `B`, leniently (an HTML error page does
/// not; see [`lenient`](crate::lenient)).
pub fn body<B: DeserializeOwned>(body: &[u8]) -> Option<B> {
    crate::lenient::from_slice(body, crate::lenient::Mode::Lenient)
        .ok()
        .map(|(body, _)| body)
}

/// Any 2xx status decodes with `success`; any other status is an [`Error::Service`] of the
/// kind `E` gives it.
#[allow(
    clippy::result_large_err,
    reason = "the same `Error` every generated `send()` returns"
)]
pub fn response<T, E: DocumentedError>(
    raw: RawResponse,
    success: Success<T>,
) -> Result<Response<T>, Error<E>> {
    let status = raw.status();
    if (200..=299).contains(&status) {
        return Ok(success(raw)?);
    }
    let kind = E::from_status(status, raw.body());
    Err(raw.error(kind))
}

#[cfg(test)]
mod tests {
    use reqwest::StatusCode;
    use reqwest::header::HeaderMap;

    use super::*;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Body {
        error_code: String,
    }

    #[derive(Debug, PartialEq)]
    enum OpError {
        NotFound(Body),
        Conflict,
        Unhandled,
    }

    impl DocumentedError for OpError {
        type Code = crate::UndocumentedCode;
        const UNHANDLED: Self = Self::Unhandled;
        const STATUSES: &'static [(u16, FromBody<Self>)] = &[
            (404, |raw| body(raw).map(Self::NotFound)),
            (409, |_| Some(Self::Conflict)),
        ];
    }

    #[derive(Debug, PartialEq)]
    enum Undocumented {
        Unhandled,
    }

    impl DocumentedError for Undocumented {
        type Code = crate::UndocumentedCode;
        const UNHANDLED: Self = Self::Unhandled;
    }

    fn raw(status: u16, body: &'static str) -> RawResponse {
        RawResponse::new(
            "Op",
            StatusCode::from_u16(status).unwrap(),
            HeaderMap::new(),
            Bytes::from_static(body.as_bytes()),
        )
    }

    fn kind<T: std::fmt::Debug>(result: Result<Response<T>, Error<OpError>>) -> OpError {
        match result.unwrap_err() {
            Error::Service(e) => e.kind,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn every_2xx_decodes_with_the_success_function() {
        let ok: Response<Body> =
            response::<_, OpError>(raw(201, r#"{"error_code":"none"}"#), json).unwrap();
        assert_eq!(ok.status(), StatusCode::CREATED);
        assert_eq!(ok.error_code, "none");
        let empty = response::<_, OpError>(raw(204, "ignored"), empty).unwrap();
        assert_eq!(empty.into_body(), ());
        let file = response::<_, OpError>(raw(200, "%PDF"), file).unwrap();
        assert_eq!(file.body().as_ref(), b"%PDF");
    }

    #[test]
    fn a_2xx_body_that_does_not_decode_is_a_decode_error() {
        let err = response::<Body, OpError>(raw(200, "<html>"), json).unwrap_err();
        assert!(matches!(err, Error::Decode(_)), "{err:?}");
        // A body that differs from its documentation decodes, unless decoding is strict.
        let drifted = response::<Body, OpError>(raw(200, "{}"), json).unwrap();
        assert_eq!(drifted.deviations()[0].path, "error_code");
        let strict = raw(200, "{}").with_mode(crate::lenient::Mode::Strict);
        let err = response::<Body, OpError>(strict, json).unwrap_err();
        assert!(
            matches!(&err, Error::Decode(e) if e.path == "error_code"),
            "{err:?}"
        );
    }

    #[test]
    fn error_statuses_become_the_documented_kind() {
        let body = r#"{"error_code":"APIG.3002","error_msg":"gone"}"#;
        let err = response::<(), OpError>(raw(404, body), empty).unwrap_err();
        assert_eq!(err.error_msg(), Some("gone"));
        assert_eq!(
            kind(Err::<Response<()>, _>(err)),
            OpError::NotFound(Body {
                error_code: "APIG.3002".into()
            })
        );
        assert_eq!(
            kind(response::<(), _>(raw(409, ""), empty)),
            OpError::Conflict
        );
        // Undocumented statuses, redirects and bodies that do not match are `Unhandled`.
        for (status, body) in [(500, "{}"), (302, ""), (404, "<html>Not Found</html>")] {
            assert_eq!(
                kind(response::<(), _>(raw(status, body), empty)),
                OpError::Unhandled
            );
        }
    }

    #[test]
    fn without_documented_statuses_every_error_is_unhandled() {
        let err =
            response::<(), Undocumented>(raw(404, r#"{"error_msg":"gone"}"#), empty).unwrap_err();
        assert_eq!(err.service_kind(), Some(&Undocumented::Unhandled));
        assert_eq!(err.error_msg(), Some("gone"));
    }
}
