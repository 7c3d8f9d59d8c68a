//! The key names of the spec format (documented in the repository's `docs/spec-format.md`),
//! each written once: the parser's allow-lists ([`parse`](crate::parse)), the writer
//! ([`write`](crate::write)) and the test that the documentation names every key read them
//! from here.
//!
//! A key name is one constant whatever table it stands in (`description` is a key of
//! `[operation]`, of fields, of responses …); the lists say which keys each table allows.

/// `[operation]`: the operation's identity.
pub const OPERATION: &str = "operation";
/// `[path.NAME]` tables; also the operation's `path` template.
pub const PATH: &str = "path";
/// `[query.NAME]` tables.
pub const QUERY: &str = "query";
/// `[header.NAME]` tables.
pub const HEADER: &str = "header";
/// `[body]`, the request body; also a response's `body` type.
pub const BODY: &str = "body";
/// `[response.STATUS]` tables.
pub const RESPONSE: &str = "response";
/// `[object.NAME.FIELD]` tables.
pub const OBJECT: &str = "object";

/// The operation id.
pub const ID: &str = "id";
/// The HTTP method.
pub const METHOD: &str = "method";
/// A one-line summary.
pub const SUMMARY: &str = "summary";
/// A description (operation, field, response, enum value, service, error code).
pub const DESCRIPTION: &str = "description";
/// The address of the reference page.
pub const REFERENCE: &str = "reference";
/// Why the operation is out of date.
pub const DEPRECATED: &str = "deprecated";

/// A field's type (and the request body's).
pub const TYPE: &str = "type";
/// Whether a field (or the request body) is required.
pub const REQUIRED: &str = "required";
/// A field's default value.
pub const DEFAULT: &str = "default";
/// A number's least value.
pub const MINIMUM: &str = "minimum";
/// A number's greatest value.
pub const MAXIMUM: &str = "maximum";
/// The least length of a String or an Array.
pub const MIN_LENGTH: &str = "min_length";
/// The greatest length of a String or an Array.
pub const MAX_LENGTH: &str = "max_length";
/// A field's enumerated values.
pub const ENUM: &str = "enum";
/// The Rust type name of a field's enumeration.
pub const ENUM_NAME: &str = "enum_name";
/// A path parameter filled from the client's configuration.
pub const FROM_CLIENT: &str = "from_client";
/// A header filled by the credentials.
pub const AUTH: &str = "auth";
/// An enumerated value, in its `{ value = .., name = .. }` table.
pub const VALUE: &str = "value";
/// An enumerated value's variant name; the service's name in `service.toml`.
pub const NAME: &str = "name";

/// How the request body is encoded.
pub const CONTENT_TYPE: &str = "content_type";
/// The examples of a request body or response.
pub const EXAMPLES: &str = "examples";
/// A response's `[response.STATUS.headers.NAME]` tables.
pub const HEADERS: &str = "headers";
/// An example's JSON text.
pub const JSON: &str = "json";

/// `[service]` in `service.toml`.
pub const SERVICE: &str = "service";
/// The service's title.
pub const TITLE: &str = "title";
/// The service's endpoint pattern.
pub const ENDPOINT: &str = "endpoint";
/// The types the cloud's service catalog lists the service under, beyond its name.
pub const CATALOG: &str = "catalog";
/// `[[error]]` in `errors.toml`.
pub const ERROR: &str = "error";
/// An error code.
pub const CODE: &str = "code";
/// An error code's HTTP status.
pub const STATUS: &str = "status";
/// An error code's message.
pub const MESSAGE: &str = "message";

/// The tables of an operation spec.
pub const SPEC_TABLES: &[&str] = &[OPERATION, PATH, QUERY, HEADER, BODY, RESPONSE, OBJECT];
/// The keys of `[operation]`.
pub const OPERATION_KEYS: &[&str] = &[
    ID,
    METHOD,
    PATH,
    SUMMARY,
    DESCRIPTION,
    REFERENCE,
    DEPRECATED,
];
/// The keys a parameter, response header or object field may have.
pub const FIELD_KEYS: &[&str] = &[
    TYPE,
    DESCRIPTION,
    REQUIRED,
    DEFAULT,
    MINIMUM,
    MAXIMUM,
    MIN_LENGTH,
    MAX_LENGTH,
    ENUM,
    ENUM_NAME,
];
/// The keys a path parameter has beyond [`FIELD_KEYS`].
pub const PATH_PARAM_KEYS: &[&str] = &[FROM_CLIENT];
/// The keys a request header has beyond [`FIELD_KEYS`].
pub const HEADER_PARAM_KEYS: &[&str] = &[AUTH];
/// The keys of one `{ value = .., name = .. }` enumerated value.
pub const ENUM_VALUE_KEYS: &[&str] = &[VALUE, NAME, DESCRIPTION];
/// The keys of `[body]`.
pub const BODY_KEYS: &[&str] = &[TYPE, REQUIRED, DESCRIPTION, CONTENT_TYPE, EXAMPLES];
/// The keys of `[response.STATUS]`.
pub const RESPONSE_KEYS: &[&str] = &[DESCRIPTION, BODY, HEADERS, EXAMPLES];
/// The keys of one example.
pub const EXAMPLE_KEYS: &[&str] = &[SUMMARY, JSON];
/// The tables of `service.toml`.
pub const SERVICE_FILE_TABLES: &[&str] = &[SERVICE];
/// The keys of `[service]`.
pub const SERVICE_KEYS: &[&str] = &[NAME, TITLE, DESCRIPTION, ENDPOINT, REFERENCE, CATALOG];
/// The tables of `errors.toml`.
pub const ERROR_FILE_TABLES: &[&str] = &[ERROR];
/// The keys of one `[[error]]`.
pub const ERROR_KEYS: &[&str] = &[CODE, STATUS, MESSAGE, DESCRIPTION, REFERENCE];

/// Every list above, each with the table it is of: what the documentation must name.
pub const ALL: &[(&str, &[&str])] = &[
    ("an operation spec", SPEC_TABLES),
    ("`[operation]`", OPERATION_KEYS),
    ("a field", FIELD_KEYS),
    ("a path parameter", PATH_PARAM_KEYS),
    ("a request header", HEADER_PARAM_KEYS),
    ("an enumerated value", ENUM_VALUE_KEYS),
    ("`[body]`", BODY_KEYS),
    ("a response", RESPONSE_KEYS),
    ("an example", EXAMPLE_KEYS),
    ("`service.toml`", SERVICE_FILE_TABLES),
    ("`[service]`", SERVICE_KEYS),
    ("`errors.toml`", ERROR_FILE_TABLES),
    ("an `[[error]]`", ERROR_KEYS),
];
