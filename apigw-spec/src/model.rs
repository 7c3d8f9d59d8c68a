//! The checked model of one operation spec: what the generator, the importer and the emulator
//! work from. Every name keeps the span it was written at, so later stages can still point at
//! the spec.

use std::ops::Range;

use crate::diagnostic::Code;
use crate::source::{Span, Spanned};

/// One REST operation, as written in one spec file.
#[derive(Debug, Clone, PartialEq)]
pub struct Spec {
    /// Identity, method and path.
    pub operation: Operation,
    /// Path, query and header parameters, in the order they are written.
    pub params: Vec<Param>,
    /// The request body, if the operation takes one.
    pub body: Option<RequestBody>,
    /// The documented responses, in the order they are written.
    pub responses: Vec<Response>,
    /// Named object types, referenced from types by name.
    pub objects: Vec<Object>,
}

/// The `[operation]` table.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// Operation id, `PascalCase`, e.g. `ListApiVersionsV2`.
    pub id: Spanned<String>,
    /// HTTP method.
    pub method: Spanned<Method>,
    /// Path template, e.g. `/v2/{project_id}/apigw/instances/{instance_id}`.
    pub path: PathTemplate,
    /// One-line summary (the page title).
    pub summary: Option<String>,
    /// What the operation does.
    pub description: Option<String>,
    /// The reference page the spec was written from.
    pub reference: Option<String>,
    /// Why the operation should no longer be used, when its reference says so (the note
    /// names the replacement where the reference does); the client method is
    /// `#[deprecated]` with it.
    pub deprecated: Option<String>,
}

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
    /// PUT
    Put,
    /// PATCH
    Patch,
    /// DELETE
    Delete,
    /// HEAD
    Head,
    /// OPTIONS
    Options,
}

impl Method {
    /// Every method, in the spelling specs use.
    pub const ALL: [(&'static str, Method); 7] = [
        ("GET", Method::Get),
        ("POST", Method::Post),
        ("PUT", Method::Put),
        ("PATCH", Method::Patch),
        ("DELETE", Method::Delete),
        ("HEAD", Method::Head),
        ("OPTIONS", Method::Options),
    ];

    /// The method as sent on the wire.
    pub fn as_str(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, m)| *m == self)
            .map_or("GET", |(s, _)| s)
    }

    /// Whether repeating the request has the same effect as sending it once.
    pub fn is_idempotent(self) -> bool {
        !matches!(self, Method::Post | Method::Patch)
    }
}

/// A path template split into literal text and `{placeholders}`.
#[derive(Debug, Clone, PartialEq)]
pub struct PathTemplate {
    /// The template as written.
    pub raw: String,
    /// Where the template was written.
    pub span: Span,
    /// The pieces of the template.
    pub segments: Vec<PathSegment>,
    /// Whether the whole template could be read (a broken one has been reported, and checks
    /// that compare it with the parameters are skipped).
    pub complete: bool,
}

impl PathTemplate {
    /// Reads a template written outside a spec file (its pieces carry offsets into `raw`):
    /// `/v2/{project_id}/things` → literal, placeholder, literal. `Err` says what is wrong
    /// (the first mistake [`PathTemplate::read`] finds).
    pub fn parse(raw: &str) -> Result<PathTemplate, String> {
        let (segments, errors) = Self::read(raw);
        if let Some(first) = errors.into_iter().next() {
            return Err(first.message);
        }
        Ok(PathTemplate {
            raw: raw.to_owned(),
            span: 0..raw.len(),
            segments,
            complete: true,
        })
    }

    /// The path grammar, read once for every caller (the spec parser maps the offsets to
    /// positions in the file): the pieces of `raw`, placeholders spanned by their offsets in
    /// `raw` (braces included), and every mistake found. A template that does not start with
    /// `/` and an invalid placeholder (left out of the pieces) are reported and reading goes
    /// on; a `}` without `{` and an unclosed `{` end it.
    pub fn read(raw: &str) -> (Vec<PathSegment>, Vec<PathError>) {
        let mut segments = Vec::new();
        let mut errors = Vec::new();
        if !raw.starts_with('/') {
            errors.push(PathError {
                code: Code::PathWithoutSlash,
                at: None,
                message: "the path must start with `/`".into(),
                help: Some(format!("write `/{raw}`")),
            });
        }
        let mut offset = 0;
        while offset < raw.len() {
            let rest = &raw[offset..];
            match rest.find(['{', '}']) {
                Some(i) if rest[i..].starts_with('}') => {
                    errors.push(PathError {
                        code: Code::UnmatchedBrace,
                        at: Some(offset + i..offset + i + 1),
                        message: "`}` without a matching `{`".into(),
                        help: None,
                    });
                    break;
                }
                Some(i) => {
                    if i > 0 {
                        segments.push(PathSegment::Literal(rest[..i].to_owned()));
                    }
                    let Some(close) = rest[i..].find('}') else {
                        errors.push(PathError {
                            code: Code::UnclosedPlaceholder,
                            at: Some(offset + i..raw.len()),
                            message: "unclosed `{` in the path".into(),
                            help: Some("placeholders are written `{name}`".into()),
                        });
                        break;
                    };
                    let name = &rest[i + 1..i + close];
                    let at = offset + i..offset + i + close + 1;
                    if is_placeholder_name(name) {
                        segments.push(PathSegment::Param(Spanned::new(name.to_owned(), at)));
                    } else {
                        errors.push(PathError {
                            code: Code::InvalidPlaceholder,
                            at: Some(at),
                            message: format!("`{{{name}}}` is not a valid path placeholder"),
                            help: Some(
                                "placeholders are written `{name}` with letters, digits, `_` or `-`"
                                    .into(),
                            ),
                        });
                    }
                    offset += i + close + 1;
                }
                None => {
                    segments.push(PathSegment::Literal(rest.to_owned()));
                    break;
                }
            }
        }
        (segments, errors)
    }

    /// The placeholders, in order.
    pub fn placeholders(&self) -> impl Iterator<Item = &Spanned<String>> {
        self.segments.iter().filter_map(|s| match s {
            PathSegment::Param(name) => Some(name),
            PathSegment::Literal(_) => None,
        })
    }
}

/// Whether `name` may be written between `{` and `}`: letters, digits, `_` or `-`.
fn is_placeholder_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// A mistake in a path template, found by [`PathTemplate::read`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathError {
    /// Which mistake: [`Code::PathWithoutSlash`], [`Code::UnmatchedBrace`],
    /// [`Code::UnclosedPlaceholder`] or [`Code::InvalidPlaceholder`].
    pub code: Code,
    /// Byte offsets in the template; `None` for the template as a whole.
    pub at: Option<Range<usize>>,
    /// What is wrong.
    pub message: String,
    /// How to fix it, where there is something to say.
    pub help: Option<String>,
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq)]
pub enum PathSegment {
    /// Text copied as it is.
    Literal(String),
    /// A `{name}` placeholder, filled from the path parameter of that name.
    Param(Spanned<String>),
}

/// Where a parameter is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParamLocation {
    /// A `{placeholder}` in the path.
    Path,
    /// A query-string parameter.
    Query,
    /// A request header.
    Header,
}

impl ParamLocation {
    /// The spec's table name for this location.
    pub fn table(self) -> &'static str {
        match self {
            ParamLocation::Path => crate::keys::PATH,
            ParamLocation::Query => crate::keys::QUERY,
            ParamLocation::Header => crate::keys::HEADER,
        }
    }

    /// How messages call a parameter in this location.
    pub fn noun(self) -> &'static str {
        match self {
            ParamLocation::Path => "path parameter",
            ParamLocation::Query => "query parameter",
            ParamLocation::Header => "header",
        }
    }
}

/// A request parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Path, query or header.
    pub location: ParamLocation,
    /// Name, type and constraints.
    pub field: Field,
    /// Filled by the client from its configuration (e.g. `project_id`) instead of by the caller.
    pub from_client: Option<Spanned<String>>,
    /// Filled by the client's credentials (e.g. `X-Auth-Token`) instead of by the caller.
    pub auth: bool,
}

impl Param {
    /// Whether the caller supplies this parameter (it is neither from the client nor auth).
    pub fn is_caller_supplied(&self) -> bool {
        self.from_client.is_none() && !self.auth
    }
}

/// A named, typed value: a parameter, a response header or an object field.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The name on the wire.
    pub name: Spanned<String>,
    /// Type and constraints.
    pub schema: Schema,
    /// Whether the value must be present.
    pub required: bool,
    /// What the value means.
    pub description: Option<String>,
}

/// A type with its constraints.
#[derive(Debug, Clone, PartialEq)]
pub struct Schema {
    /// The type.
    pub ty: Spanned<TypeExpr>,
    /// The type was missing or unreadable and has been reported; `ty` is a stand-in, and
    /// checks that depend on the type are skipped so that one mistake gives one message.
    pub ty_broken: bool,
    /// The allowed values, if they are enumerated.
    pub enumeration: Option<Enumeration>,
    /// The value the server assumes when none is sent.
    pub default: Option<Spanned<Literal>>,
    /// Smallest allowed number.
    pub minimum: Option<Spanned<Number>>,
    /// Largest allowed number.
    pub maximum: Option<Spanned<Number>>,
    /// Shortest allowed string (characters) or array (items).
    pub min_length: Option<Spanned<u64>>,
    /// Longest allowed string (characters) or array (items).
    pub max_length: Option<Spanned<u64>>,
}

impl Schema {
    /// A schema of type `ty` without constraints.
    pub fn of(ty: Spanned<TypeExpr>) -> Schema {
        Schema {
            ty,
            ty_broken: false,
            enumeration: None,
            default: None,
            minimum: None,
            maximum: None,
            min_length: None,
            max_length: None,
        }
    }
}

/// A type expression: `String`, `Array<ApiVersionResp>`, `Map<String, Integer>`, ...
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeExpr {
    /// Text.
    String,
    /// 32-bit signed integer.
    Integer,
    /// 64-bit signed integer.
    Long,
    /// `true` or `false`.
    Boolean,
    /// Floating-point number.
    Float,
    /// Any JSON value (the reference's untyped `Object`).
    Any,
    /// A file upload.
    File,
    /// A JSON array of the inner type.
    Array(Box<TypeExpr>),
    /// A JSON object with string keys and values of the inner type.
    Map(Box<TypeExpr>),
    /// An object type defined in the spec under `[object.NAME]`.
    Named(String),
}

impl TypeExpr {
    /// The scalar types' names as specs write them.
    pub const SCALARS: [(&'static str, TypeExpr); 7] = [
        ("String", TypeExpr::String),
        ("Integer", TypeExpr::Integer),
        ("Long", TypeExpr::Long),
        ("Boolean", TypeExpr::Boolean),
        ("Float", TypeExpr::Float),
        ("Object", TypeExpr::Any),
        ("File", TypeExpr::File),
    ];

    /// Whether values of this type are numbers.
    pub fn is_numeric(&self) -> bool {
        matches!(self, TypeExpr::Integer | TypeExpr::Long | TypeExpr::Float)
    }

    /// Whether `enum` values of this type become a Rust enum (strings and integers).
    pub fn is_enumerable(&self) -> bool {
        matches!(self, TypeExpr::String | TypeExpr::Integer | TypeExpr::Long)
    }

    /// The type that `enum` values are values of: the item type of an array, else the type.
    pub fn enum_base(&self) -> &TypeExpr {
        match self {
            TypeExpr::Array(inner) => inner,
            other => other,
        }
    }

    /// The smallest and largest value the type can hold, for integer types.
    pub fn integer_bounds(&self) -> Option<(i64, i64)> {
        match self {
            TypeExpr::Integer => Some((i32::MIN.into(), i32::MAX.into())),
            TypeExpr::Long => Some((i64::MIN, i64::MAX)),
            _ => None,
        }
    }
}

impl std::fmt::Display for TypeExpr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TypeExpr::Array(inner) => write!(f, "Array<{inner}>"),
            TypeExpr::Map(inner) => write!(f, "Map<String, {inner}>"),
            TypeExpr::Named(name) => f.write_str(name),
            scalar => {
                let name = TypeExpr::SCALARS
                    .iter()
                    .find(|(_, t)| t == scalar)
                    .map_or("?", |(n, _)| n);
                f.write_str(name)
            }
        }
    }
}

/// A number written in a spec.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// Written without a fraction.
    Integer(i64),
    /// Written with a fraction or exponent.
    Float(f64),
}

impl Number {
    /// The value as a float, for comparisons.
    pub fn as_f64(self) -> f64 {
        match self {
            Number::Integer(i) => i as f64,
            Number::Float(f) => f,
        }
    }
}

impl std::fmt::Display for Number {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Number::Integer(i) => write!(f, "{i}"),
            Number::Float(x) => write!(f, "{x}"),
        }
    }
}

/// A scalar value written in a spec (a default or an enumeration value).
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    /// A string.
    String(String),
    /// A number.
    Number(Number),
    /// A boolean.
    Boolean(bool),
}

impl std::fmt::Display for Literal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Literal::String(s) => write!(f, "{s:?}"),
            Literal::Number(n) => write!(f, "{n}"),
            Literal::Boolean(b) => write!(f, "{b}"),
        }
    }
}

/// The allowed values of a parameter or field.
#[derive(Debug, Clone, PartialEq)]
pub struct Enumeration {
    /// Where `enum` was written.
    pub span: Span,
    /// The Rust type name to use instead of the derived one.
    pub type_name: Option<Spanned<String>>,
    /// The values, in order.
    pub values: Vec<EnumValue>,
}

/// One allowed value.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    /// The value on the wire.
    pub value: Spanned<Literal>,
    /// The Rust variant name to use instead of the derived one.
    pub name: Option<Spanned<String>>,
    /// What the value means.
    pub description: Option<String>,
}

/// A named object type: a JSON object with known fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Object {
    /// The type name, `PascalCase`.
    pub name: Spanned<String>,
    /// The fields, in the order they are written.
    pub fields: Vec<Field>,
}

/// The request body.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestBody {
    /// Where `[body]` was written.
    pub span: Span,
    /// The body's type.
    pub ty: Spanned<TypeExpr>,
    /// Whether a body must be sent.
    pub required: bool,
    /// What the body holds.
    pub description: Option<String>,
    /// How the body is encoded on the wire (written as `content_type`; JSON unless stated).
    pub encoding: BodyEncoding,
    /// The documented example requests.
    pub examples: Vec<Example>,
}

/// How a request body is encoded: the `content_type` of `[body]`, read once by the parser
/// and written back by the writer. A `content_type` that is neither is a diagnostic
/// ([`crate::Code::UnsupportedContentType`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum BodyEncoding {
    /// `application/json` (the default): the body type serialized as JSON.
    #[default]
    Json,
    /// `multipart/form-data`: an object type sent as one form part per field that is set
    /// (files among them).
    Form,
}

impl BodyEncoding {
    /// Every encoding, in the order the spec format documents them.
    pub const ALL: [BodyEncoding; 2] = [BodyEncoding::Json, BodyEncoding::Form];

    /// The media type a spec writes as `content_type` (e.g. `multipart/form-data`).
    pub fn media_type(self) -> &'static str {
        match self {
            BodyEncoding::Json => "application/json",
            BodyEncoding::Form => "multipart/form-data",
        }
    }

    /// The encoding a spec's `content_type` names, if apigw supports it.
    pub fn from_media_type(media_type: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|encoding| encoding.media_type() == media_type)
    }
}

/// One documented response.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// The HTTP status code.
    pub status: Spanned<u16>,
    /// What the status means (e.g. `Bad Request`).
    pub description: Option<String>,
    /// The body's type; `None` when the response has no body.
    pub body: Option<Spanned<TypeExpr>>,
    /// The documented response headers.
    pub headers: Vec<Field>,
    /// The documented example responses.
    pub examples: Vec<Example>,
}

impl Response {
    /// Whether the status is a success (2xx).
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status.value)
    }

    /// Whether HTTP gives the status no content (204 No Content, 304 Not Modified): such a
    /// response has no body, whatever a page documents beside it.
    pub fn has_no_content(&self) -> bool {
        no_content(self.status.value)
    }
}

/// Whether HTTP gives `status` no content (see [`Response::has_no_content`]).
pub fn no_content(status: u16) -> bool {
    matches!(status, 204 | 304)
}

/// A documented example body.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// A short title.
    pub summary: Option<String>,
    /// The body as JSON text (checked to be valid JSON).
    pub json: Spanned<String>,
}

impl Spec {
    /// The object type of that name.
    pub fn object(&self, name: &str) -> Option<&Object> {
        self.objects.iter().find(|o| o.name.value == name)
    }

    /// Whether `object` is the request body sent as `multipart/form-data` (its fields are
    /// form parts, not JSON).
    pub fn is_form_object(&self, object: &Object) -> bool {
        self.body.as_ref().is_some_and(|b| {
            b.encoding == BodyEncoding::Form
                && b.ty.value == TypeExpr::Named(object.name.value.clone())
        })
    }

    /// Whether `object` is the operation's own request body or one of its responses' bodies
    /// (not an object that a body holds).
    pub fn is_body_object(&self, object: &Object) -> bool {
        let named = TypeExpr::Named(object.name.value.clone());
        self.body.as_ref().is_some_and(|b| b.ty.value == named)
            || self
                .responses
                .iter()
                .any(|r| r.body.as_ref().is_some_and(|b| b.value == named))
    }

    /// The parameters in one location, in order.
    pub fn params_in(&self, location: ParamLocation) -> impl Iterator<Item = &Param> {
        self.params.iter().filter(move |p| p.location == location)
    }

    /// The success responses (2xx).
    pub fn success_responses(&self) -> impl Iterator<Item = &Response> {
        self.responses.iter().filter(|r| r.is_success())
    }

    /// The documented error responses (not 2xx).
    pub fn error_responses(&self) -> impl Iterator<Item = &Response> {
        self.responses.iter().filter(|r| !r.is_success())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_reads_into_literals_and_spanned_placeholders() {
        let path = PathTemplate::parse("/v2/reverse/{region}:{floatingip_id}").unwrap();
        let pieces: Vec<(&str, Option<Span>)> = path
            .segments
            .iter()
            .map(|s| match s {
                PathSegment::Literal(l) => (l.as_str(), None),
                PathSegment::Param(p) => (p.value.as_str(), Some(p.span.clone())),
            })
            .collect();
        assert_eq!(
            pieces,
            [
                ("/v2/reverse/", None),
                ("region", Some(12..20)),
                (":", None),
                ("floatingip_id", Some(21..36)),
            ]
        );
    }

    #[test]
    fn mistakes_are_placed_and_reading_goes_on_where_it_can() {
        let (segments, errors) = PathTemplate::read("v2/{bad id}/{ok}");
        let found: Vec<(Code, Option<Range<usize>>)> =
            errors.iter().map(|e| (e.code, e.at.clone())).collect();
        assert_eq!(
            found,
            [
                (Code::PathWithoutSlash, None),
                (Code::InvalidPlaceholder, Some(3..11)),
            ]
        );
        assert_eq!(
            segments.last(),
            Some(&PathSegment::Param(Spanned::new("ok".into(), 12..16)))
        );
        let (_, errors) = PathTemplate::read("/a}/{b");
        assert_eq!(errors[0].code, Code::UnmatchedBrace);
        assert_eq!(errors[0].at, Some(2..3));
        assert_eq!(errors.len(), 1, "reading stops at a stray `}}`");
        let (_, errors) = PathTemplate::read("/a/{b");
        assert_eq!(errors[0].code, Code::UnclosedPlaceholder);
        assert_eq!(errors[0].at, Some(3..5));
        assert_eq!(
            PathTemplate::parse("/a/{}").unwrap_err(),
            "`{}` is not a valid path placeholder"
        );
    }
}
