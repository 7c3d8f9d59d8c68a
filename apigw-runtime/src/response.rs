//! Responses: the raw one the client receives, and the typed one generated code returns.

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

use crate::error::{DecodeError, Error, ServiceError, excerpt};
use crate::lenient::{self, Deviation, Mode};

/// How much of an unexpected body is kept in errors.
const EXCERPT_LEN: usize = 1024;

/// A successful response: the decoded body with the status and headers it came with.
///
/// It dereferences to the body, so `response.total` reads a field of the body directly.
#[derive(Debug, Clone)]
pub struct Response<T> {
    status: StatusCode,
    headers: HeaderMap,
    body: T,
    raw: Bytes,
    deviations: Vec<Deviation>,
}

impl<T> Response<T> {
    /// The same response with its body converted by `f`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            status: self.status,
            headers: self.headers,
            body: f(self.body),
            raw: self.raw,
            deviations: self.deviations,
        }
    }

    /// The body as it came, byte for byte (what a typed body leaves out, such as fields the
    /// documentation does not have, is there).
    pub fn raw_body(&self) -> &Bytes {
        &self.raw
    }

    /// Where the body differed from its documentation and how each place was read (empty for
    /// a body that conforms). See [`lenient`](crate::lenient).
    pub fn deviations(&self) -> &[Deviation] {
        &self.deviations
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// All response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// One response header as text, if present and printable.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The request id (`x-request-id`), if the server sent one.
    pub fn request_id(&self) -> Option<&str> {
        self.header("x-request-id")
    }

    /// The decoded body.
    pub fn body(&self) -> &T {
        &self.body
    }

    /// The decoded body, without status and headers.
    pub fn into_body(self) -> T {
        self.body
    }

    /// Status, headers and body.
    pub fn into_parts(self) -> (StatusCode, HeaderMap, T) {
        (self.status, self.headers, self.body)
    }
}

impl<T> std::ops::Deref for Response<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.body
    }
}

/// A response as received: status, headers and the whole body (within the size limit).
#[derive(Debug, Clone)]
pub struct RawResponse {
    operation: &'static str,
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    mode: Mode,
}

impl RawResponse {
    /// Assembles a response (the client does this; tests and emulators may too).
    pub fn new(
        operation: &'static str,
        status: StatusCode,
        headers: HeaderMap,
        body: Bytes,
    ) -> Self {
        Self {
            operation,
            status,
            headers,
            body,
            mode: Mode::Lenient,
        }
    }

    /// The same response, to be decoded in `mode` (lenient unless the configuration says
    /// strict; see [`lenient`](crate::lenient)).
    pub fn with_mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }

    /// How the body is decoded.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The HTTP status code.
    pub fn status(&self) -> u16 {
        self.status.as_u16()
    }

    /// A response header as text, if present and textual.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The body bytes.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    fn request_id(&self) -> Option<String> {
        self.headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    }

    /// Decodes a JSON success body in the response's [`Mode`]; the deviations from the
    /// documentation are kept in the [`Response`] and logged once per operation and place.
    ///
    /// # Errors
    /// When the body is not JSON, or (strict mode) differs from its documentation; the error
    /// keeps the whole body.
    #[allow(
        clippy::result_large_err,
        reason = "a decode error keeps the body, path and reason; it is the rare path"
    )]
    pub fn json<T: DeserializeOwned>(self) -> Result<Response<T>, DecodeError> {
        match lenient::from_slice(&self.body, self.mode) {
            Ok((body, deviations)) => {
                lenient::log(self.operation, &deviations);
                Ok(Response {
                    status: self.status,
                    headers: self.headers,
                    body,
                    raw: self.body,
                    deviations,
                })
            }
            Err(error) => Err(DecodeError {
                operation: self.operation,
                status: self.status,
                path: error.path,
                reason: error.reason,
                request_id: self.request_id(),
                body: self.body,
            }),
        }
    }

    /// A success response whose body is a file: the bytes as received.
    pub fn bytes(self) -> Response<Bytes> {
        Response {
            status: self.status,
            headers: self.headers,
            body: self.body.clone(),
            raw: self.body,
            deviations: Vec::new(),
        }
    }

    /// A success response without a body; whatever body came is ignored.
    pub fn empty(self) -> Response<()> {
        Response {
            status: self.status,
            headers: self.headers,
            body: (),
            raw: self.body,
            deviations: Vec::new(),
        }
    }

    /// A documented error status with a typed body: `variant(body)` when the body decodes,
    /// `fallback` when it does not (an HTML error page, say).
    pub fn documented_error<E, B: DeserializeOwned>(
        self,
        variant: fn(B) -> E,
        fallback: E,
    ) -> Error<E> {
        let kind = crate::decode::body(&self.body).map_or(fallback, variant);
        self.error(kind)
    }

    /// An error status of the given kind. `error_code` and `error_msg` are read from the body
    /// whenever it is a JSON object holding them, whatever the status.
    pub fn error<E>(self, kind: E) -> Error<E> {
        let (error_code, error_msg) = error_fields(&self.body);
        let body_excerpt = if error_code.is_none() && error_msg.is_none() {
            excerpt(&self.body, EXCERPT_LEN)
        } else {
            String::new()
        };
        Error::Service(ServiceError {
            operation: self.operation,
            status: self.status,
            request_id: self.request_id(),
            error_code,
            error_msg,
            kind,
            body_excerpt,
            body: self.body,
        })
    }
}

/// The error code and message of an error body ([`apigw_shared::error_body::fields`]).
fn error_fields(body: &[u8]) -> (Option<String>, Option<String>) {
    serde_json::from_slice(body)
        .map(|body| apigw_shared::error_body::fields(&body))
        .unwrap_or((None, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(status: u16, body: &'static str) -> RawResponse {
        let mut headers = HeaderMap::new();
        headers.insert("x-request-id", "rid".parse().unwrap());
        RawResponse::new(
            "Op",
            StatusCode::from_u16(status).unwrap(),
            headers,
            Bytes::from_static(body.as_bytes()),
        )
    }

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Body {
        error_code: String,
    }

    #[test]
    fn html_error_pages_become_the_fallback_kind_with_an_excerpt() {
        let err = raw(502, "<html>Bad Gateway</html>").documented_error(Some::<Body>, None);
        let service = err.service().unwrap();
        assert_eq!(service.kind, None);
        assert_eq!(service.body_excerpt, "<html>Bad Gateway</html>");
        assert_eq!(err.request_id(), Some("rid"));
    }

    #[test]
    fn documented_error_bodies_are_typed() {
        let err = raw(404, r#"{"error_code":"APIG.3002","error_msg":"gone"}"#)
            .documented_error(Some::<Body>, None);
        assert_eq!(
            err.service_kind(),
            Some(&Some(Body {
                error_code: "APIG.3002".into()
            }))
        );
        assert_eq!(err.error_msg(), Some("gone"));
    }

    #[test]
    fn undecodable_success_bodies_are_decode_errors() {
        let err = raw(200, "{\"total\": ").json::<Body>().unwrap_err();
        assert_eq!(err.status, StatusCode::OK);
        assert_eq!(err.body.as_ref(), b"{\"total\": ");
        assert_eq!(err.path, ".");
    }

    #[test]
    fn a_drifted_success_body_decodes_and_keeps_its_raw_bytes_and_deviations() {
        let text = r#"{"error_code":7,"extra":true}"#;
        let ok = raw(200, text).json::<Body>().unwrap();
        assert_eq!(ok.error_code, "7");
        assert_eq!(ok.raw_body().as_ref(), text.as_bytes());
        let paths: Vec<&str> = ok.deviations().iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["error_code", "extra"]);
        let err = raw(200, text)
            .with_mode(Mode::Strict)
            .json::<Body>()
            .unwrap_err();
        assert_eq!(
            (err.path.as_str(), err.body.as_ref()),
            ("error_code", text.as_bytes())
        );
        assert!(
            err.to_string()
                .contains("expected a string, found the number 7"),
            "{err}"
        );
    }
}
