//! A request as generated code builds it: method, encoded path, encoded query, headers, body.

use std::fmt::Write as _;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::Method;
use serde::Serialize;

use crate::ValueEnum;
use crate::error::BuildError;
use crate::path::{PathSegment, PathTemplate};

/// Bytes that are sent as they are in path segments and query values: the unreserved
/// characters of RFC 3986 (`A-Z a-z 0-9 - _ . ~`). Everything else is percent-encoded, so a
/// value can never add a path segment (`/`), start a query (`?`) or fragment (`#`), or be
/// mistaken for an escape (`%`).
pub(crate) const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// What generated code knows about an operation.
#[derive(Debug)]
pub struct OperationMeta {
    /// The operation id, e.g. `ListApiVersionsV2`.
    pub id: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path template, e.g. `/v2/{project_id}/apigw/instances/{instance_id}`, split into
    /// its pieces when the code was generated.
    pub path: PathTemplate,
}

impl OperationMeta {
    /// The placeholder names of the path template, in order (`project_id`, `instance_id`).
    pub fn placeholders(&self) -> impl Iterator<Item = &'static str> + use<> {
        self.path.placeholders()
    }
}

/// A request ready to be sent: path and query are already encoded.
///
/// Its `Debug` shows the operation, path, query and headers, but neither the body (only its
/// size: a body can hold a password, and its typed value's `Debug` is the place to look at it)
/// nor the value of a header set by [`Request::secret_header`].
#[derive(Clone)]
pub struct Request {
    meta: &'static OperationMeta,
    path: String,
    query: String,
    headers: Vec<(&'static str, String)>,
    /// The headers whose values are secrets (see [`Request::secret_header`]).
    secret_headers: Vec<&'static str>,
    body: Option<bytes::Bytes>,
    content_type: Option<String>,
}

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(name, value)| {
                let shown = if self.secret_headers.contains(name) {
                    "***"
                } else {
                    value.as_str()
                };
                (*name, shown)
            })
            .collect();
        f.debug_struct("Request")
            .field("operation", &self.meta.id)
            .field("method", &self.meta.method)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &headers)
            .field(
                "body",
                &self.body.as_ref().map(|b| format!("<{} bytes>", b.len())),
            )
            .field("content_type", &self.content_type)
            .finish()
    }
}

impl Request {
    /// Starts a request, filling the path template with `path_params` (name, value). Each
    /// value is percent-encoded as one path segment; an empty value, `.` or `..` is refused
    /// because it would change which resource the path names.
    pub fn new(
        meta: &'static OperationMeta,
        path_params: &[(&'static str, &str)],
    ) -> Result<Self, BuildError> {
        let mut path = String::with_capacity(meta.path.as_str().len() + 32);
        for segment in meta.path.segments() {
            let name = match *segment {
                PathSegment::Literal(text) => {
                    path.push_str(text);
                    continue;
                }
                PathSegment::Param(name) => name,
            };
            let (param, value) = path_params
                .iter()
                .find(|(param, _)| *param == name)
                .ok_or_else(|| BuildError::MissingPathParam {
                    param: name.to_owned(),
                })?;
            if value.is_empty() || *value == "." || *value == ".." {
                return Err(BuildError::InvalidPathSegment {
                    param,
                    value: (*value).to_owned(),
                });
            }
            path.extend(utf8_percent_encode(value, UNRESERVED));
        }
        Ok(Self {
            meta,
            path,
            query: String::new(),
            headers: Vec::new(),
            secret_headers: Vec::new(),
            body: None,
            content_type: None,
        })
    }

    /// Appends a query parameter (name and value percent-encoded; arrays repeat the name).
    pub fn query(&mut self, name: &str, value: impl QueryValue) {
        value.append_to(name, &mut self.query);
    }

    /// Sets a request header.
    pub fn header(&mut self, name: &'static str, value: impl Into<String>) {
        self.headers.push((name, value.into()));
    }

    /// Sets a request header whose value is a secret (a token, a password): sent as it is,
    /// shown as `"***"` by `Debug`.
    pub fn secret_header(&mut self, name: &'static str, value: &crate::SecretString) {
        self.secret_headers.push(name);
        self.headers.push((name, value.expose().to_owned()));
    }

    /// Sets a JSON body.
    pub fn json_body<T: Serialize + ?Sized>(&mut self, body: &T) -> Result<(), BuildError> {
        let bytes = serde_json::to_vec(body).map_err(|source| BuildError::Body {
            reason: source.to_string(),
        })?;
        self.body = Some(bytes.into());
        self.content_type = Some("application/json".to_owned());
        Ok(())
    }

    /// Sets a `multipart/form-data` body.
    pub fn multipart_body(&mut self, form: &crate::Form) {
        let (bytes, content_type) = form.encode();
        self.body = Some(bytes.into());
        self.content_type = Some(content_type);
    }

    /// The operation this request belongs to.
    pub fn operation(&self) -> &'static OperationMeta {
        self.meta
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.meta.method
    }

    /// The encoded path, e.g. `/v2/p/apigw/instances/i%2F1`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The encoded query string without `?` (empty when no parameter was set).
    pub fn query_string(&self) -> &str {
        &self.query
    }

    /// The headers set by the caller (credentials are added when sending).
    pub fn headers(&self) -> &[(&'static str, String)] {
        &self.headers
    }

    /// The body bytes, if any.
    pub fn body(&self) -> Option<&[u8]> {
        self.body.as_deref()
    }

    /// The body's media type, if there is a body.
    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    /// The body (cheap to clone: shared bytes) and its media type.
    pub(crate) fn body_parts(&self) -> Option<(bytes::Bytes, &str)> {
        self.body.clone().zip(self.content_type.as_deref())
    }
}

/// A value that can be sent as a query parameter.
pub trait QueryValue {
    /// Appends `name=value` (encoded, `&`-separated) to `query`.
    fn append_to(&self, name: &str, query: &mut String);
}

fn append_pair(name: &str, value: &str, query: &mut String) {
    if !query.is_empty() {
        query.push('&');
    }
    query.extend(utf8_percent_encode(name, UNRESERVED));
    query.push('=');
    query.extend(utf8_percent_encode(value, UNRESERVED));
}

impl QueryValue for &str {
    fn append_to(&self, name: &str, query: &mut String) {
        append_pair(name, self, query);
    }
}

impl QueryValue for &String {
    fn append_to(&self, name: &str, query: &mut String) {
        append_pair(name, self, query);
    }
}

/// A secret is sent as its value.
impl QueryValue for &crate::SecretString {
    fn append_to(&self, name: &str, query: &mut String) {
        append_pair(name, self.expose(), query);
    }
}

macro_rules! display_query_value {
    ($($t:ty),*) => {$(
        impl QueryValue for $t {
            fn append_to(&self, name: &str, query: &mut String) {
                if !query.is_empty() {
                    query.push('&');
                }
                query.extend(utf8_percent_encode(name, UNRESERVED));
                // Numbers and booleans need no encoding.
                let _ = write!(query, "={self}");
            }
        }
    )*};
}

display_query_value!(i32, i64, bool, &i32, &i64, &bool);

impl QueryValue for f64 {
    fn append_to(&self, name: &str, query: &mut String) {
        append_pair(name, &self.to_string(), query);
    }
}

impl QueryValue for &f64 {
    fn append_to(&self, name: &str, query: &mut String) {
        append_pair(name, &self.to_string(), query);
    }
}

impl<T> QueryValue for &[T]
where
    for<'a> &'a T: QueryValue,
{
    fn append_to(&self, name: &str, query: &mut String) {
        for item in self.iter() {
            item.append_to(name, query);
        }
    }
}

/// Arrays repeat the name.
impl<T> QueryValue for &Vec<T>
where
    for<'a> &'a T: QueryValue,
{
    fn append_to(&self, name: &str, query: &mut String) {
        self.as_slice().append_to(name, query);
    }
}

/// A parameter that is not set is not sent.
impl<T> QueryValue for &Option<T>
where
    for<'a> &'a T: QueryValue,
{
    fn append_to(&self, name: &str, query: &mut String) {
        if let Some(value) = self {
            value.append_to(name, query);
        }
    }
}

/// Enumerations are sent as their wire value (`Unknown` ones as received).
impl<E: ValueEnum> QueryValue for &E
where
    for<'a> &'a E::Wire: QueryValue,
{
    fn append_to(&self, name: &str, query: &mut String) {
        self.wire().append_to(name, query);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_in_order() {
        static META: OperationMeta = OperationMeta {
            id: "ShowThing",
            method: Method::GET,
            path: PathTemplate::new(
                "/v2/{project_id}/things/{thing_id}/parts",
                &[
                    PathSegment::Literal("/v2/"),
                    PathSegment::Param("project_id"),
                    PathSegment::Literal("/things/"),
                    PathSegment::Param("thing_id"),
                    PathSegment::Literal("/parts"),
                ],
            ),
        };
        assert_eq!(
            META.placeholders().collect::<Vec<_>>(),
            ["project_id", "thing_id"]
        );
    }

    static META: OperationMeta = OperationMeta {
        id: "Test",
        method: Method::GET,
        path: PathTemplate::new(
            "/v2/{project_id}/things/{thing_id}",
            &[
                PathSegment::Literal("/v2/"),
                PathSegment::Param("project_id"),
                PathSegment::Literal("/things/"),
                PathSegment::Param("thing_id"),
            ],
        ),
    };

    #[test]
    fn path_values_are_one_encoded_segment() {
        for (value, encoded) in [
            ("plain-id_1.2~", "plain-id_1.2~"),
            ("a/b", "a%2Fb"),
            ("../../admin", "..%2F..%2Fadmin"),
            ("x?y#z", "x%3Fy%23z"),
            ("100%", "100%25"),
            ("with space", "with%20space"),
            ("grüße", "gr%C3%BC%C3%9Fe"),
        ] {
            let request = Request::new(&META, &[("project_id", "p"), ("thing_id", value)]).unwrap();
            assert_eq!(request.path(), format!("/v2/p/things/{encoded}"));
        }
    }

    #[test]
    fn dot_segments_and_empty_values_are_refused() {
        for value in ["", ".", ".."] {
            let err = Request::new(&META, &[("project_id", "p"), ("thing_id", value)]).unwrap_err();
            assert!(
                matches!(
                    err,
                    BuildError::InvalidPathSegment {
                        param: "thing_id",
                        ..
                    }
                ),
                "{err}"
            );
        }
    }

    #[test]
    fn placeholders_inside_one_segment_are_filled_each() {
        static PAIR: OperationMeta = OperationMeta {
            id: "ShowPtr",
            method: Method::GET,
            path: PathTemplate::new(
                "/v2/reverse/floatingips/{region}:{floatingip_id}",
                &[
                    PathSegment::Literal("/v2/reverse/floatingips/"),
                    PathSegment::Param("region"),
                    PathSegment::Literal(":"),
                    PathSegment::Param("floatingip_id"),
                ],
            ),
        };
        let request =
            Request::new(&PAIR, &[("floatingip_id", "f/1"), ("region", "eu:de")]).unwrap();
        assert_eq!(request.path(), "/v2/reverse/floatingips/eu%3Ade:f%2F1");
        let err = Request::new(&PAIR, &[("region", "eu-de")]).unwrap_err();
        assert!(
            matches!(&err, BuildError::MissingPathParam { param } if param == "floatingip_id"),
            "{err}"
        );
    }

    #[test]
    fn query_is_encoded_and_arrays_repeat() {
        let mut request = Request::new(&META, &[("project_id", "p"), ("thing_id", "t")]).unwrap();
        request.query("name", "a b&c=d");
        request.query("limit", 50);
        request.query("flag", true);
        let tags = vec!["x".to_owned(), "y/z".to_owned()];
        request.query("tag", tags.as_slice());
        assert_eq!(
            request.query_string(),
            "name=a%20b%26c%3Dd&limit=50&flag=true&tag=x&tag=y%2Fz"
        );
    }

    #[derive(Debug, Clone, PartialEq)]
    enum Order {
        Asc,
        Unknown(crate::UnknownValue),
    }
    crate::value_enum!(Order: str { Asc = "ascending order" });

    #[test]
    fn fields_of_a_builder_are_query_values_as_they_are() {
        // What generated `build()` passes: `&self.field`, set or not, array or not, enum or not.
        let mut request = Request::new(&META, &[("project_id", "p"), ("thing_id", "t")]).unwrap();
        let (unset, limit): (Option<i32>, Option<i32>) = (None, Some(20));
        request.query("offset", &unset);
        request.query("limit", &limit);
        request.query("name", &Some("a b".to_owned()));
        request.query("none", &None::<String>);
        request.query("tags", &vec!["x".to_owned(), "y".to_owned()]);
        request.query("tags_unset", &None::<Vec<String>>);
        request.query("order", &Order::Asc);
        request.query("orders", &Some(vec![Order::Asc, Order::from("random")]));
        request.query("required", 7i64);
        assert_eq!(Order::VALUES, [Order::Asc.as_str()]);
        assert_eq!(
            request.query_string(),
            "limit=20&name=a%20b&tags=x&tags=y&order=ascending%20order&orders=ascending%20order&orders=random&required=7"
        );
    }
}
