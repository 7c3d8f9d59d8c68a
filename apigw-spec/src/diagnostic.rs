//! Problems found in a spec, each tied to the place in the file where it was written.
//!
//! Like `serde_derive`'s `Ctxt`, a [`Diagnostics`] collects every problem of a spec in one pass
//! so that the author sees them all at once instead of one per build.

use std::fmt::Write as _;

use crate::source::{SourceFile, Span};

/// Declares [`Code`]: each variant with its stable name and the constraint it concerns.
macro_rules! codes {
    ($($(#[doc = $doc:literal])* $variant:ident = $name:literal $(, $constraint:ident)?;)*) => {
        /// Which rule a [`Diagnostic`] reports: a stable identity for tools (the importer, tests)
        /// that must not depend on the wording of messages. Not part of the rendered text.
        #[non_exhaustive]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Code {
            /// Every code, in declaration order (grouped as parse, operation and path,
            /// parameters, one field's constraints, types and objects, bodies and responses,
            /// generated names).
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable name, in `snake_case` (e.g. `"unknown_key"`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }

            /// The constraint of a field's schema that the problem is about, for codes that
            /// [`check::field_problems`](crate::check::field_problems) can return; `None` for
            /// every other code.
            pub fn constraint(self) -> Option<Constraint> {
                match self {
                    $($(Code::$variant => Some(Constraint::$constraint),)?)*
                    #[allow(unreachable_patterns, reason = "the catch-all is unreachable only if every code has a constraint")]
                    _ => None,
                }
            }
        }
    };
}

codes! {
    // Reading the file.
    /// The file is not valid TOML.
    TomlSyntax = "toml_syntax";
    /// A key that the table does not have.
    UnknownKey = "unknown_key";
    /// A required key is absent.
    MissingKey = "missing_key";
    /// A value of the wrong TOML kind (a string where a boolean is expected, ...).
    WrongKind = "wrong_kind";
    /// An entry of `[path]`, `[query]`, `[header]`, `[response]`, `[object]` or an object that
    /// is not a table.
    EntryNotTable = "entry_not_table";
    /// A `type` or `body` that is not a type expression.
    InvalidType = "invalid_type";

    // The operation and its path.
    /// No `[operation]` table.
    MissingOperation = "missing_operation";
    /// `method` is not an HTTP method.
    UnknownMethod = "unknown_method";
    /// The operation `id` is not an identifier.
    InvalidOperationId = "invalid_operation_id";
    /// The path does not start with `/`.
    PathWithoutSlash = "path_without_slash";
    /// A `}` in the path without a `{` before it.
    UnmatchedBrace = "unmatched_brace";
    /// A `{` in the path that is never closed.
    UnclosedPlaceholder = "unclosed_placeholder";
    /// A `{...}` in the path whose name is empty or has invalid characters.
    InvalidPlaceholder = "invalid_placeholder";
    /// The same placeholder twice in the path.
    DuplicatePlaceholder = "duplicate_placeholder";
    /// A placeholder of the path without a `[path.NAME]` parameter.
    PlaceholderWithoutParameter = "placeholder_without_parameter";
    /// A `[path.NAME]` parameter whose placeholder is not in the path.
    ParameterWithoutPlaceholder = "parameter_without_placeholder";

    // Parameters.
    /// `required = false` on a path parameter.
    OptionalPathParameter = "optional_path_parameter";
    /// `from_client` names a value the client does not provide.
    UnknownClientValue = "unknown_client_value";
    /// A header with `auth = true` whose type is not `String`.
    AuthNotString = "auth_not_string";
    /// A parameter type its location cannot carry (e.g. an object in the query).
    ParameterType = "parameter_type";

    /// The type `File` on a parameter or response header (only object fields, and a whole
    /// response body, may be files).
    FileNotAllowed = "file_not_allowed";

    // One field's constraints (see `check::field_problems`).
    /// `minimum` or `maximum` on a type that is not a number.
    BoundOnNonNumber = "bound_on_non_number", Bounds;
    /// `minimum` above `maximum`.
    MinimumAboveMaximum = "minimum_above_maximum", Bounds;
    /// A `minimum` or `maximum` that is not a value of the integer type.
    BoundOutOfTypeRange = "bound_out_of_type_range", Bounds;
    /// `min_length` or `max_length` on a type without a length.
    LengthOnLengthless = "length_on_lengthless", Length;
    /// `min_length` above `max_length`.
    MinLengthAboveMaxLength = "min_length_above_max_length", Length;
    /// `enum = []`.
    EmptyEnum = "empty_enum", Enum;
    /// `enum` on a type that cannot be enumerated.
    EnumOnUnenumerableType = "enum_on_unenumerable_type", Enum;
    /// An `enum` value that is not a string, number, boolean or `{ value = ... }` table.
    EnumValueKind = "enum_value_kind";
    /// An `enum` value that is not a value of the field's type.
    EnumValueType = "enum_value_type", Enum;
    /// The same `enum` value twice.
    DuplicateEnumValue = "duplicate_enum_value", Enum;
    /// An `enum` value's `name` that is not a Rust identifier.
    InvalidVariantName = "invalid_variant_name", Enum;
    /// Two `enum` values that become the same Rust variant.
    EnumVariantCollision = "enum_variant_collision", Enum;
    /// `enum_name` that is not a Rust type name.
    InvalidEnumName = "invalid_enum_name", Enum;
    /// `enum_name` without `enum`.
    EnumNameWithoutEnum = "enum_name_without_enum";
    /// A `default` that is not a value of the field's type.
    DefaultType = "default_type", Default;
    /// A `default` that is not one of the `enum` values.
    DefaultNotInEnum = "default_not_in_enum", Default;
    /// A numeric `default` outside `minimum`..`maximum`.
    DefaultOutOfRange = "default_out_of_range", Default;

    // Types and objects.
    /// A type names an object that the spec does not define.
    UnknownType = "unknown_type";
    /// An object name that is not a type name.
    InvalidObjectName = "invalid_object_name";
    /// An object without fields.
    EmptyObject = "empty_object";
    /// An object that contains itself without an array or map in between.
    RecursiveObject = "recursive_object";

    // Request body and responses.
    /// A `File` inside a JSON request body.
    FileInJsonBody = "file_in_json_body";
    /// A request `content_type` that apigw does not send.
    UnsupportedContentType = "unsupported_content_type";
    /// A `multipart/form-data` body that is not an object type.
    FormBodyNotObject = "form_body_not_object";
    /// A form body field that is not a scalar, an array of scalars or a `File`.
    FormFieldType = "form_field_type";
    /// A response key that is not an HTTP status code.
    InvalidStatus = "invalid_status";
    /// `examples` entry that is not a table.
    ExampleNotTable = "example_not_table";
    /// An example whose `json` does not parse.
    InvalidExampleJson = "invalid_example_json";
    /// A `File` body on a response that is not a success.
    FileInErrorResponse = "file_in_error_response";
    /// A `File` inside a response body.
    FileInsideResponseBody = "file_inside_response_body";
    /// A response header whose type is not a scalar.
    HeaderType = "header_type";
    /// Two success responses with different bodies.
    ConflictingSuccessBodies = "conflicting_success_bodies";
    /// A body on a response that has none by HTTP (204 No Content, 304 Not Modified).
    BodyWithoutContent = "body_without_content";
    /// No success (2xx) response.
    NoSuccessResponse = "no_success_response";

    // Generated Rust names.
    /// A parameter whose setter would shadow a method of the request builder.
    ReservedName = "reserved_name";
    /// A parameter of a paged operation whose setter would shadow `pages` or `items`, the
    /// methods only the builders of paged operations have.
    ReservedPagingName = "reserved_paging_name";
    /// A parameter named `body` next to a request body.
    BodyParameterClash = "body_parameter_clash";
    /// Two generated types with the same name.
    TypeNameTaken = "type_name_taken";

    // The service file (`service.toml`).
    /// No `[service]` table in a service file.
    MissingService = "missing_service";
    /// A service `name` that is not a short lowercase name.
    InvalidServiceName = "invalid_service_name";
    /// An `endpoint` that is not an endpoint pattern.
    InvalidEndpoint = "invalid_endpoint";
    /// A `catalog` entry whose type is not a catalog type or whose path is not a path below
    /// the endpoint.
    InvalidCatalog = "invalid_catalog";

    // The error-code file (`errors.toml`).
    /// An error code listed twice.
    DuplicateErrorCode = "duplicate_error_code";
    /// An error code whose `status` is not an error status (400 to 599).
    InvalidErrorStatus = "invalid_error_status";
    /// An empty error `code`.
    EmptyErrorCode = "empty_error_code";
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The part of a field's schema that a problem is about (see [`Code::constraint`]), so that a
/// tool can drop that constraint and keep the rest.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Constraint {
    /// `minimum` / `maximum`.
    Bounds,
    /// `min_length` / `max_length`.
    Length,
    /// `enum` (and `enum_name`, and the `name`s of its values).
    Enum,
    /// `default`.
    Default,
}

/// One problem in a spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Which rule is broken.
    pub code: Code,
    /// Where the problem is.
    pub span: Span,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it, where the tool can tell (for example the closest valid key).
    pub help: Option<String>,
}

impl Diagnostic {
    /// A problem at `span`, breaking the rule `code`.
    pub fn new(code: Code, span: Span, message: impl Into<String>) -> Self {
        Self {
            code,
            span,
            message: message.into(),
            help: None,
        }
    }

    /// Adds a hint.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Renders the problem for a person: `file:line:column: message`, the line of the spec with a
    /// caret under the offending text, and the hint.
    pub fn render(&self, source: &SourceFile) -> String {
        let start = source.position(self.span.start);
        let mut out = format!(
            "{}:{}:{}: {}",
            source.name(),
            start.line,
            start.column,
            self.message
        );
        let line = source.line_text(start.line);
        let end = source.position(self.span.end.max(self.span.start));
        let width = if end.line == start.line {
            end.column.saturating_sub(start.column).max(1)
        } else {
            line.chars().count().saturating_sub(start.column - 1).max(1)
        };
        let gutter = start.line.to_string().len();
        let _ = write!(
            out,
            "\n{blank:gutter$} |\n{line_no} | {line}\n{blank:gutter$} | {pad}{carets}",
            blank = "",
            line_no = start.line,
            pad = " ".repeat(start.column - 1),
            carets = "^".repeat(width),
        );
        if let Some(help) = &self.help {
            let _ = write!(out, "\n{blank:gutter$} = help: {help}", blank = "");
        }
        out
    }
}

/// The problems found so far in one spec.
#[derive(Debug, Default)]
pub struct Diagnostics {
    list: Vec<Diagnostic>,
    keep_same_place: bool,
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// A collection that keeps every problem, even several at the same place: for values
    /// built outside a file, whose spans are placeholders.
    pub(crate) fn keeping_same_place() -> Self {
        Self {
            list: Vec::new(),
            keep_same_place: true,
        }
    }

    /// Records a problem, unless one was already recorded at exactly the same place: a
    /// second message there is almost always a consequence of the first.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        if self.keep_same_place || !self.list.iter().any(|d| d.span == diagnostic.span) {
            self.list.push(diagnostic);
        }
    }

    /// Records a problem without a hint.
    pub fn error(&mut self, code: Code, span: Span, message: impl Into<String>) {
        self.push(Diagnostic::new(code, span, message));
    }

    /// Whether any problem was recorded.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The problems, in the order of the file.
    pub fn into_vec(mut self) -> Vec<Diagnostic> {
        self.list.sort_by_key(|d| (d.span.start, d.span.end));
        self.list.dedup();
        self.list
    }
}

/// The closest of `candidates` to `word`, if one is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(word, candidate), candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_position_snippet_and_help() {
        let file = SourceFile::new("specs/x.toml", "[query.limit]\nmininum = 1\n");
        let d = Diagnostic::new(Code::UnknownKey, 14..21, "unknown key `mininum`")
            .with_help("did you mean `minimum`?");
        assert_eq!(
            d.render(&file),
            "specs/x.toml:2:1: unknown key `mininum`\n  |\n2 | mininum = 1\n  | ^^^^^^^\n  = help: did you mean `minimum`?"
        );
    }

    #[test]
    fn codes_have_distinct_stable_names() {
        let mut names: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        assert!(
            names
                .iter()
                .all(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        );
        names.sort_unstable();
        let count = names.len();
        names.dedup();
        assert_eq!(names.len(), count, "two codes share a name");
        assert_eq!(Code::DefaultType.to_string(), "default_type");
        assert_eq!(Code::DefaultType.constraint(), Some(Constraint::Default));
        assert_eq!(Code::UnknownKey.constraint(), None);
    }

    #[test]
    fn closest_finds_typos_only() {
        let keys = ["minimum", "maximum", "description"];
        assert_eq!(closest("mininum", keys), Some("minimum"));
        assert_eq!(closest("descripton", keys), Some("description"));
        assert_eq!(closest("zzz", keys), None);
    }
}
