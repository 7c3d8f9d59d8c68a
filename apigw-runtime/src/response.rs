//! Responses: the raw one the client receives, and the typed one generated code returns.

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

use crate::error::{DecodeError, Error, ServiceError, excerpt};

/// How much of an unexpected body is kept in errors.
const EXCERPT_LEN: usize = 1024;

/// Decodes a whole JSON document; on failure, where (`a.b[0]`, `.` for the top) and why.
/// The fast path is plain `serde_json`; only a body that fails is decoded a second time,
/// tracking the path, so a successful decode costs what hand-written serde code costs.
fn decode_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, (String, serde_json::Error)> {
    match serde_json::from_slice(body) {
        Ok(value) => Ok(value),
        Err(error) => {
            let mut deserializer = serde_json::Deserializer::from_slice(body);
            let path = match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
                Err(e) => e.path().to_string(),
                Ok(_) => ".".to_owned(), // failed only at the end (trailing characters)
            };
            Err((path, error))
        }
    }
}

/// A successful response: the decoded body with the status and headers it came with.
///
/// It dereferences to the body, so `response.total` reads a field of the body directly.
#[derive(Debug, Clone)]
pub struct Response<T> {
    status: StatusCode,
    headers: HeaderMap,
    body: T,
}

impl<T> Response<T> {
    /// The same response with its body converted by `f`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            status: self.status,
            headers: self.headers,
            body: f(self.body),
        }
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
        }
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

    /// Decodes a JSON success body.
    pub fn json<T: DeserializeOwned>(self) -> Result<Response<T>, DecodeError> {
        match decode_json(&self.body) {
            Ok(body) => Ok(Response {
                status: self.status,
                headers: self.headers,
                body,
            }),
            Err((path, source)) => Err(DecodeError {
                operation: self.operation,
                status: self.status,
                path,
                request_id: self.request_id(),
                excerpt: excerpt(&self.body, EXCERPT_LEN),
                source,
            }),
        }
    }

    /// A success response whose body is a file: the bytes as received.
    pub fn bytes(self) -> Response<Bytes> {
        Response {
            status: self.status,
            headers: self.headers,
            body: self.body,
        }
    }

    /// A success response without a body; whatever body came is ignored.
    pub fn empty(self) -> Response<()> {
        Response {
            status: self.status,
            headers: self.headers,
            body: (),
        }
    }

    /// A documented error status with a typed body: `variant(body)` when the body decodes,
    /// `fallback` when it does not (an HTML error page, say).
    pub fn documented_error<E, B: DeserializeOwned>(
        self,
        variant: fn(B) -> E,
        fallback: E,
    ) -> Error<E> {
        let kind = serde_json::from_slice(&self.body).map_or(fallback, variant);
        self.error(kind)
    }

    /// An error status of the given kind. `error_code` and `error_msg` are read from the body
    /// whenever it is a JSON object holding them, whatever the status.
    pub fn error<E>(self, kind: E) -> Error<E> {
        #[derive(serde::Deserialize)]
        struct Conventional {
            error_code: Option<String>,
            error_msg: Option<String>,
        }
        let conventional = serde_json::from_slice::<Conventional>(&self.body).ok();
        let (error_code, error_msg) =
            conventional.map_or((None, None), |c| (c.error_code, c.error_msg));
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
        })
    }
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
        assert_eq!(err.excerpt, "{\"total\": ");
    }
}
