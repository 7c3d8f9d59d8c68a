//! Spec text → [`crate::model::Spec`]: reads the TOML document key by key, recording a
//! positioned diagnostic for every unknown key, missing key and value of the wrong kind, and
//! carrying on so that one pass reports every such problem.

use toml::Spanned as TomlSpanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Code, Diagnostic, Diagnostics, closest};
use crate::keys;
use crate::model::*;
use crate::source::{SourceFile, Span, Spanned};
use crate::types::parse_type;

/// Parses the spec text. Returns the model as far as it could be read; it is complete when
/// `diags` stayed empty.
pub fn parse(source: &SourceFile, diags: &mut Diagnostics) -> Option<Spec> {
    let root = toml_document(source, diags)?;
    let mut cx = Cx { source, diags };
    let mut top = Reader::new(
        &mut cx,
        root.get_ref(),
        root.span(),
        "the spec",
        keys::SPEC_TABLES,
    );
    let operation = top.table(keys::OPERATION);
    let path = top.table(keys::PATH);
    let query = top.table(keys::QUERY);
    let header = top.table(keys::HEADER);
    let body = top.table(keys::BODY);
    let response = top.table(keys::RESPONSE);
    let object = top.table(keys::OBJECT);
    top.finish();

    let operation = match operation {
        Some((table, span)) => cx.operation(table, span),
        None => {
            cx.diags.push(
                Diagnostic::new(
                    Code::MissingOperation,
                    0..0,
                    "missing required table `[operation]`",
                )
                .with_help("start the spec with `[operation]` holding `id`, `method` and `path`"),
            );
            placeholder_operation(0..0)
        }
    };
    let mut params = Vec::new();
    for (location, table) in [
        (ParamLocation::Path, path),
        (ParamLocation::Query, query),
        (ParamLocation::Header, header),
    ] {
        if let Some((table, _)) = table {
            cx.each_entry(table, |cx, name, value| {
                if let Some(param) = cx.param(location, name, value) {
                    params.push(param);
                }
            });
        }
    }
    let body = body.and_then(|(table, span)| cx.body(table, span));
    let mut responses = Vec::new();
    if let Some((table, _)) = response {
        cx.each_entry(table, |cx, status, value| {
            if let Some(response) = cx.response(status, value) {
                responses.push(response);
            }
        });
    }
    let mut objects = Vec::new();
    if let Some((table, _)) = object {
        cx.each_entry(table, |cx, name, value| {
            if let Some(object) = cx.object(name, value) {
                objects.push(object);
            }
        });
    }
    Some(Spec {
        operation,
        params,
        body,
        responses,
        objects,
    })
}

/// Parses a service file (`service.toml`, see [`crate::service`]). Returns the service as far
/// as it could be read; it is complete when `diags` stayed empty.
pub fn service(source: &SourceFile, diags: &mut Diagnostics) -> Option<crate::service::Service> {
    let root = toml_document(source, diags)?;
    let mut cx = Cx { source, diags };
    let mut top = Reader::new(
        &mut cx,
        root.get_ref(),
        root.span(),
        "the service file",
        keys::SERVICE_FILE_TABLES,
    );
    let table = top.table(keys::SERVICE);
    top.finish();
    let Some((table, span)) = table else {
        cx.diags.push(
            Diagnostic::new(
                Code::MissingService,
                0..0,
                "missing required table `[service]`",
            )
            .with_help(
                "start the service file with `[service]` holding `name`, `title` and `endpoint`",
            ),
        );
        return None;
    };
    let mut r = Reader::new(&mut cx, table, span, "`[service]`", keys::SERVICE_KEYS);
    let name = r.required_string(keys::NAME);
    let title = r.required_string(keys::TITLE);
    let endpoint = r.required_string(keys::ENDPOINT);
    let description = r.string(keys::DESCRIPTION).map(|s| s.value);
    let reference = r.string(keys::REFERENCE).map(|s| s.value);
    let catalog = r.table(keys::CATALOG);
    r.finish();
    let mut types = Vec::new();
    for (key, value) in catalog.map(|(table, _)| table).into_iter().flatten() {
        let service_type = Spanned::new(key.get_ref().to_string(), key.span());
        match value.get_ref() {
            DeValue::String(path) => types.push(crate::service::CatalogType {
                service_type,
                path: Spanned::new(path.to_string(), value.span()),
            }),
            other => cx.diags.error(
                Code::WrongKind,
                value.span(),
                format!(
                    "`{}` in `catalog` must be a string (the path below the endpoint), found {}",
                    service_type.value,
                    describe(other)
                ),
            ),
        }
    }
    Some(crate::service::Service {
        name: name?,
        title: title?,
        description,
        endpoint: endpoint?,
        reference,
        catalog: types,
        errors: Vec::new(),
    })
}

/// Parses an error-code file (`errors.toml`, see [`crate::service::ErrorCode`]): its
/// `[[error]]` tables, in order. `None` when the file is not TOML.
pub fn errors(
    source: &SourceFile,
    diags: &mut Diagnostics,
) -> Option<Vec<crate::service::ErrorCode>> {
    let root = toml_document(source, diags)?;
    let mut cx = Cx { source, diags };
    let mut top = Reader::new(
        &mut cx,
        root.get_ref(),
        root.span(),
        "the error-code file",
        keys::ERROR_FILE_TABLES,
    );
    let items = top.get(keys::ERROR);
    let mut codes = Vec::new();
    match items.map(|v| (v.get_ref(), v)) {
        None => {}
        Some((DeValue::Array(items), _)) => {
            for item in items {
                let DeValue::Table(table) = item.get_ref() else {
                    top.wrong_kind(keys::ERROR, item, "an array of `[[error]]` tables");
                    continue;
                };
                let mut r = Reader::new(
                    top.cx,
                    table,
                    item.span(),
                    "an `[[error]]`",
                    keys::ERROR_KEYS,
                );
                let code = r.required_string(keys::CODE);
                let status = match r.get(keys::STATUS) {
                    None => {
                        r.missing(keys::STATUS, "400");
                        None
                    }
                    Some(value) => match literal(value.get_ref()) {
                        Some(Literal::Number(Number::Integer(n))) => match u16::try_from(n) {
                            Ok(n) => Some(Spanned::new(n, value.span())),
                            Err(_) => {
                                r.wrong_kind(keys::STATUS, value, "an HTTP status");
                                None
                            }
                        },
                        _ => {
                            r.wrong_kind(keys::STATUS, value, "an HTTP status");
                            None
                        }
                    },
                };
                let message = r.string(keys::MESSAGE).map(|s| s.value);
                let description = r.string(keys::DESCRIPTION).map(|s| s.value);
                let reference = r.string(keys::REFERENCE).map(|s| s.value);
                r.finish();
                if let (Some(code), Some(status)) = (code, status) {
                    codes.push(crate::service::ErrorCode {
                        code,
                        status,
                        message,
                        description,
                        reference,
                    });
                }
            }
        }
        Some((_, value)) => top.wrong_kind(keys::ERROR, value, "an array of `[[error]]` tables"),
    }
    top.finish();
    Some(codes)
}

/// The file as a TOML document, or `None` after recording the syntax error.
fn toml_document<'i>(
    source: &'i SourceFile,
    diags: &mut Diagnostics,
) -> Option<TomlSpanned<DeTable<'i>>> {
    match DeTable::parse(source.text()) {
        Ok(root) => Some(root),
        Err(err) => {
            let span = err.span().unwrap_or(0..0);
            diags.push(
                Diagnostic::new(
                    Code::TomlSyntax,
                    span,
                    format!("TOML syntax error: {}", err.message().trim()),
                )
                .with_help("specs are TOML files; see docs/spec-format.md"),
            );
            None
        }
    }
}

type Entry<'a, 'i> = (&'a DeTable<'i>, Span);

struct Cx<'s, 'd> {
    source: &'s SourceFile,
    diags: &'d mut Diagnostics,
}

impl<'s> Cx<'s, '_> {
    /// Calls `f` for every `name = { ... }` entry of a table of tables; entries that are not
    /// tables are reported.
    fn each_entry<'a, 'i>(
        &mut self,
        table: &'a DeTable<'i>,
        mut f: impl FnMut(&mut Self, Spanned<String>, Entry<'a, 'i>),
    ) {
        for (key, value) in table {
            let name = Spanned::new(key.get_ref().to_string(), key.span());
            match value.get_ref() {
                DeValue::Table(inner) => f(self, name, (inner, value.span())),
                other => self.diags.error(
                    Code::EntryNotTable,
                    value.span(),
                    format!(
                        "`{}` must be a table, found {}",
                        name.value,
                        describe(other)
                    ),
                ),
            }
        }
    }

    fn operation(&mut self, table: &DeTable<'_>, span: Span) -> Operation {
        let mut r = Reader::new(
            self,
            table,
            span.clone(),
            "`[operation]`",
            keys::OPERATION_KEYS,
        );
        let id = r.required_string(keys::ID);
        let method = r.required_string(keys::METHOD);
        let path = r.required_string(keys::PATH);
        let summary = r.string(keys::SUMMARY).map(|s| s.value);
        let description = r.string(keys::DESCRIPTION).map(|s| s.value);
        let reference = r.string(keys::REFERENCE).map(|s| s.value);
        let deprecated = r.string(keys::DEPRECATED).map(|s| s.value);
        r.finish();

        let method = method.and_then(|m| {
            let found = Method::ALL
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(&m.value));
            match found {
                Some((_, method)) => Some(Spanned::new(*method, m.span)),
                None => {
                    let names = Method::ALL.iter().map(|(n, _)| *n).collect::<Vec<_>>();
                    self.diags.push(
                        Diagnostic::new(
                            Code::UnknownMethod,
                            m.span.clone(),
                            format!("unknown HTTP method `{}`", m.value),
                        )
                        .with_help(format!("expected one of {}", names.join(", "))),
                    );
                    None
                }
            }
        });
        let path = path.and_then(|p| self.path_template(p));
        if let Some(id) = &id
            && !crate::naming::is_identifier(&id.value)
        {
            self.diags.push(
                Diagnostic::new(
                    Code::InvalidOperationId,
                    id.span.clone(),
                    format!("operation id `{}` is not a valid identifier", id.value),
                )
                .with_help("use ASCII letters and digits, starting with a letter, e.g. `ListApiVersionsV2`"),
            );
        }
        let fallback = placeholder_operation(span);
        Operation {
            id: id.unwrap_or(fallback.id),
            method: method.unwrap_or(fallback.method),
            path: path.unwrap_or(fallback.path),
            summary,
            description,
            reference,
            deprecated,
        }
    }

    fn path_template(&mut self, path: Spanned<String>) -> Option<PathTemplate> {
        // The grammar is `PathTemplate::read`'s; here its offsets become file positions.
        let base = self.inner_offset(&path);
        let at = |range: std::ops::Range<usize>| match base {
            Some(base) => base + range.start..base + range.end,
            None => path.span.clone(),
        };
        let (mut segments, errors) = PathTemplate::read(&path.value);
        for segment in &mut segments {
            if let PathSegment::Param(name) = segment {
                name.span = at(name.span.clone());
            }
        }
        let complete = errors.iter().all(|e| e.code == Code::PathWithoutSlash);
        for error in errors {
            let span = error.at.map_or_else(|| path.span.clone(), at);
            let mut diagnostic = Diagnostic::new(error.code, span, error.message);
            if let Some(help) = error.help {
                diagnostic = diagnostic.with_help(help);
            }
            self.diags.push(diagnostic);
        }
        Some(PathTemplate {
            raw: path.value.clone(),
            span: path.span.clone(),
            segments,
            complete,
        })
    }

    /// The offset of a string value's first character in the file, when the value is written
    /// as a plain one-line string (so offsets inside it map one to one).
    fn inner_offset(&self, value: &Spanned<String>) -> Option<usize> {
        let start = value.span.start + 1;
        let written = self.source.text().get(start..start + value.value.len())?;
        (written == value.value).then_some(start)
    }

    fn param(
        &mut self,
        location: ParamLocation,
        name: Spanned<String>,
        (table, span): Entry<'_, '_>,
    ) -> Option<Param> {
        let what = format!("{} `{}`", location.noun(), name.value);
        let extra = match location {
            ParamLocation::Path => keys::PATH_PARAM_KEYS,
            ParamLocation::Header => keys::HEADER_PARAM_KEYS,
            ParamLocation::Query => &[],
        };
        let allowed = [keys::FIELD_KEYS, extra].concat();
        let mut r = Reader::new(self, table, span, &what, &allowed);
        let from_client = if location == ParamLocation::Path {
            r.string(keys::FROM_CLIENT)
        } else {
            None
        };
        let auth = if location == ParamLocation::Header {
            r.bool(keys::AUTH).is_some_and(|b| b.value)
        } else {
            false
        };
        let field = r.field(name, location == ParamLocation::Path);
        r.finish();
        Some(Param {
            location,
            field: field?,
            from_client,
            auth,
        })
    }

    fn object(&mut self, name: Spanned<String>, (table, _): Entry<'_, '_>) -> Option<Object> {
        let mut fields = Vec::new();
        let object_name = name.value.clone();
        self.each_entry(table, |cx, field_name, (table, span)| {
            let what = format!("field `{}` of object `{}`", field_name.value, object_name);
            let mut r = Reader::new(cx, table, span, &what, keys::FIELD_KEYS);
            let field = r.field(field_name, false);
            r.finish();
            fields.extend(field);
        });
        Some(Object { name, fields })
    }

    fn body(&mut self, table: &DeTable<'_>, span: Span) -> Option<RequestBody> {
        let mut r = Reader::new(self, table, span.clone(), "`[body]`", keys::BODY_KEYS);
        let ty = r.type_expr(keys::TYPE, true);
        let required = r.bool(keys::REQUIRED).is_none_or(|b| b.value);
        let description = r.string(keys::DESCRIPTION).map(|s| s.value);
        let encoding = r
            .string(keys::CONTENT_TYPE)
            .map_or(BodyEncoding::Json, |written| r.body_encoding(&written));
        let examples = r.examples(keys::EXAMPLES);
        r.finish();
        Some(RequestBody {
            span,
            ty: ty?,
            required,
            description,
            encoding,
            examples,
        })
    }

    fn response(
        &mut self,
        status: Spanned<String>,
        (table, span): Entry<'_, '_>,
    ) -> Option<Response> {
        let code = match status.value.parse::<u16>() {
            Ok(code) if (100..=599).contains(&code) => {
                Some(Spanned::new(code, status.span.clone()))
            }
            _ => {
                self.diags.push(
                    Diagnostic::new(
                        Code::InvalidStatus,
                        status.span.clone(),
                        format!("`{}` is not an HTTP status code", status.value),
                    )
                    .with_help("responses are keyed by status, e.g. `[response.200]`"),
                );
                None
            }
        };
        let what = format!("response `{}`", status.value);
        let mut r = Reader::new(self, table, span, &what, keys::RESPONSE_KEYS);
        let description = r.string(keys::DESCRIPTION).map(|s| s.value);
        let body = r.type_expr(keys::BODY, false);
        let headers = r.table(keys::HEADERS);
        let examples = r.examples(keys::EXAMPLES);
        r.finish();
        let mut header_fields = Vec::new();
        if let Some((table, _)) = headers {
            let status = status.value.clone();
            self.each_entry(table, |cx, name, (table, span)| {
                let what = format!("header `{}` of response `{}`", name.value, status);
                let mut r = Reader::new(cx, table, span, &what, keys::FIELD_KEYS);
                let field = r.field(name, false);
                r.finish();
                header_fields.extend(field);
            });
        }
        Some(Response {
            status: code?,
            description,
            body,
            headers: header_fields,
            examples,
        })
    }
}

/// Reads the keys of one table, remembering which were used so that the rest can be reported
/// as unknown.
struct Reader<'c, 's, 'd, 't, 'i> {
    cx: &'c mut Cx<'s, 'd>,
    table: &'t DeTable<'i>,
    span: Span,
    what: String,
    allowed: Vec<&'static str>,
}

impl<'c, 's, 'd, 't, 'i> Reader<'c, 's, 'd, 't, 'i> {
    fn new(
        cx: &'c mut Cx<'s, 'd>,
        table: &'t DeTable<'i>,
        span: Span,
        what: &str,
        allowed: &[&'static str],
    ) -> Self {
        Self {
            cx,
            table,
            span,
            what: what.to_owned(),
            allowed: allowed.to_vec(),
        }
    }

    fn get(&self, key: &str) -> Option<&'t TomlSpanned<DeValue<'i>>> {
        debug_assert!(
            self.allowed.contains(&key),
            "key `{key}` read but not allowed"
        );
        self.table.get(key)
    }

    fn wrong_kind(&mut self, key: &str, value: &TomlSpanned<DeValue<'_>>, expected: &str) {
        self.cx.diags.error(
            Code::WrongKind,
            value.span(),
            format!(
                "`{key}` in {} must be {expected}, found {}",
                self.what,
                describe(value.get_ref())
            ),
        );
    }

    fn missing(&mut self, key: &str, example: &str) {
        self.cx.diags.push(
            Diagnostic::new(
                Code::MissingKey,
                self.span.clone(),
                format!("missing required key `{key}` in {}", self.what),
            )
            .with_help(format!("add `{key} = {example}`")),
        );
    }

    fn string(&mut self, key: &str) -> Option<Spanned<String>> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::String(s) => Some(Spanned::new(s.to_string(), value.span())),
            _ => {
                self.wrong_kind(key, value, "a string");
                None
            }
        }
    }

    /// The encoding a body's `content_type` names; JSON (after reporting it) when apigw does
    /// not support the media type, so the rest of the body is still read.
    fn body_encoding(&mut self, written: &Spanned<String>) -> BodyEncoding {
        if let Some(encoding) = BodyEncoding::from_media_type(&written.value) {
            return encoding;
        }
        self.cx.diags.push(
            Diagnostic::new(
                Code::UnsupportedContentType,
                written.span.clone(),
                format!(
                    "request bodies of type `{}` are not supported yet",
                    written.value
                ),
            )
            .with_help(format!(
                "apigw sends `content_type = \"{}\"` (the default) or `\"{}\"`",
                BodyEncoding::Json.media_type(),
                BodyEncoding::Form.media_type()
            )),
        );
        BodyEncoding::default()
    }

    fn required_string(&mut self, key: &str) -> Option<Spanned<String>> {
        if self.get(key).is_none() {
            self.missing(key, "\"...\"");
            return None;
        }
        self.string(key)
    }

    fn bool(&mut self, key: &str) -> Option<Spanned<bool>> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::Boolean(b) => Some(Spanned::new(*b, value.span())),
            _ => {
                self.wrong_kind(key, value, "`true` or `false`");
                None
            }
        }
    }

    fn table(&mut self, key: &str) -> Option<(&'t DeTable<'i>, Span)> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::Table(t) => Some((t, value.span())),
            _ => {
                self.wrong_kind(key, value, "a table");
                None
            }
        }
    }

    fn number(&mut self, key: &str) -> Option<Spanned<Number>> {
        let value = self.get(key)?;
        match literal(value.get_ref()) {
            Some(Literal::Number(n)) => Some(Spanned::new(n, value.span())),
            _ => {
                self.wrong_kind(key, value, "a number");
                None
            }
        }
    }

    fn length(&mut self, key: &str) -> Option<Spanned<u64>> {
        let value = self.get(key)?;
        match literal(value.get_ref()) {
            Some(Literal::Number(Number::Integer(n))) if n >= 0 => {
                Some(Spanned::new(n as u64, value.span()))
            }
            _ => {
                self.wrong_kind(key, value, "a whole number of at least 0");
                None
            }
        }
    }

    fn scalar(&mut self, key: &str) -> Option<Spanned<Literal>> {
        let value = self.get(key)?;
        match literal(value.get_ref()) {
            Some(lit) => Some(Spanned::new(lit, value.span())),
            None => {
                self.wrong_kind(key, value, "a string, number or boolean");
                None
            }
        }
    }

    fn type_expr(&mut self, key: &str, required: bool) -> Option<Spanned<TypeExpr>> {
        if required && self.get(key).is_none() {
            self.missing(key, "\"String\"");
            return None;
        }
        let text = self.string(key)?;
        match parse_type(&text.value) {
            Ok(ty) => Some(Spanned::new(ty, text.span)),
            Err(err) => {
                let span = match self.cx.inner_offset(&text) {
                    Some(base) => base + err.range.start..base + err.range.end.max(err.range.start),
                    None => text.span.clone(),
                };
                self.cx.diags.push(
                    Diagnostic::new(Code::InvalidType, span, format!("invalid type `{}`: {}", text.value, err.message))
                        .with_help("types are String, Integer, Long, Boolean, Float, Object, File, Array<T>, Map<String, T> or an object name"),
                );
                None
            }
        }
    }

    fn enumeration(&mut self) -> Option<Enumeration> {
        let value = self.get(keys::ENUM)?;
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_kind(keys::ENUM, value, "an array of values");
            return None;
        };
        let type_name = self.string(keys::ENUM_NAME);
        let mut values = Vec::new();
        for item in items {
            match item.get_ref() {
                DeValue::Table(table) => {
                    let what = format!("an `enum` value of {}", self.what);
                    let mut r = Reader::new(self.cx, table, item.span(), &what, keys::ENUM_VALUE_KEYS);
                    let value = match r.get(keys::VALUE) {
                        Some(_) => r.scalar(keys::VALUE),
                        None => {
                            r.missing(keys::VALUE, "\"...\"");
                            None
                        }
                    };
                    let name = r.string(keys::NAME);
                    let description = r.string(keys::DESCRIPTION).map(|s| s.value);
                    r.finish();
                    if let Some(value) = value {
                        values.push(EnumValue { value, name, description });
                    }
                }
                other => match literal(other) {
                    Some(lit) => values.push(EnumValue {
                        value: Spanned::new(lit, item.span()),
                        name: None,
                        description: None,
                    }),
                    None => self.cx.diags.error(
                        Code::EnumValueKind,
                        item.span(),
                        format!(
                            "`enum` values must be strings, numbers, booleans or `{{ value = ..., name = \"...\" }}` tables, found {}",
                            describe(other)
                        ),
                    ),
                },
            }
        }
        Some(Enumeration {
            span: value.span(),
            type_name,
            values,
        })
    }

    /// Reads the keys shared by parameters, headers and object fields.
    fn field(&mut self, name: Spanned<String>, always_required: bool) -> Option<Field> {
        let ty = self.type_expr(keys::TYPE, true);
        let description = self.string(keys::DESCRIPTION).map(|s| s.value);
        let required = self.bool(keys::REQUIRED);
        let default = self.scalar(keys::DEFAULT);
        let minimum = self.number(keys::MINIMUM);
        let maximum = self.number(keys::MAXIMUM);
        let min_length = self.length(keys::MIN_LENGTH);
        let max_length = self.length(keys::MAX_LENGTH);
        let enumeration = self.enumeration();
        if enumeration.is_none() && self.table.contains_key(keys::ENUM_NAME) {
            let span = self
                .table
                .get(keys::ENUM_NAME)
                .map_or(self.span.clone(), |v| v.span());
            self.cx.diags.error(
                Code::EnumNameWithoutEnum,
                span,
                format!("`enum_name` in {} has no `enum` to name", self.what),
            );
        }
        if always_required
            && let Some(required) = &required
            && !required.value
        {
            self.cx.diags.push(
                Diagnostic::new(
                    Code::OptionalPathParameter,
                    required.span.clone(),
                    format!("{} cannot be optional", self.what),
                )
                .with_help("path parameters are always required: remove `required = false`"),
            );
        }
        let ty_broken = ty.is_none();
        Some(Field {
            name,
            schema: Schema {
                ty_broken,
                // A missing or broken type has been reported; `Object` stands in so that the
                // field still exists for the other checks (which skip already-reported spans).
                ty: ty.unwrap_or_else(|| Spanned::new(TypeExpr::Any, self.span.clone())),
                enumeration,
                default,
                minimum,
                maximum,
                min_length,
                max_length,
            },
            required: always_required || required.is_some_and(|r| r.value),
            description,
        })
    }

    fn examples(&mut self, key: &str) -> Vec<Example> {
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_kind(
                key,
                value,
                "an array of `{ summary = \"...\", json = '''...''' }` tables",
            );
            return Vec::new();
        };
        let mut examples = Vec::new();
        for item in items {
            let DeValue::Table(table) = item.get_ref() else {
                self.cx.diags.error(
                    Code::ExampleNotTable,
                    item.span(),
                    format!("an example must be a table with `json` (and optionally `summary`), found {}", describe(item.get_ref())),
                );
                continue;
            };
            let what = format!("an example of {}", self.what);
            let mut r = Reader::new(self.cx, table, item.span(), &what, keys::EXAMPLE_KEYS);
            let summary = r.string(keys::SUMMARY).map(|s| s.value);
            let json = r.required_string(keys::JSON);
            r.finish();
            let Some(json) = json else { continue };
            if let Err(err) = serde_json::from_str::<serde_json::Value>(&json.value) {
                self.cx.diags.push(
                    Diagnostic::new(
                        Code::InvalidExampleJson,
                        json.span.clone(),
                        format!("example is not valid JSON: {err}"),
                    )
                    .with_help(
                        "the line and column are counted from the start of the example text",
                    ),
                );
                continue;
            }
            examples.push(Example { summary, json });
        }
        examples
    }

    /// Reports every key that was not expected.
    fn finish(self) {
        for (key, value) in self.table {
            let name = key.get_ref();
            if self.allowed.contains(&name.as_ref()) {
                continue;
            }
            let span = if key.span().is_empty() {
                value.span()
            } else {
                key.span()
            };
            let mut diag = Diagnostic::new(
                Code::UnknownKey,
                span,
                format!("unknown key `{name}` in {}", self.what),
            );
            diag = match closest(name, self.allowed.iter().copied()) {
                Some(best) => diag.with_help(format!("did you mean `{best}`?")),
                None => diag.with_help(format!("expected one of: {}", self.allowed.join(", "))),
            };
            self.cx.diags.push(diag);
        }
    }
}

/// Stands in for a missing or broken `[operation]` so that the rest of the spec is still
/// checked; the problem itself has been reported.
fn placeholder_operation(span: Span) -> Operation {
    Operation {
        id: Spanned::new(String::new(), span.clone()),
        method: Spanned::new(Method::Get, span.clone()),
        path: PathTemplate {
            raw: String::new(),
            span,
            segments: Vec::new(),
            complete: false,
        },
        summary: None,
        description: None,
        reference: None,
        deprecated: None,
    }
}

fn literal(value: &DeValue<'_>) -> Option<Literal> {
    Some(match value {
        DeValue::String(s) => Literal::String(s.to_string()),
        DeValue::Integer(i) => Literal::Number(Number::Integer(
            i64::from_str_radix(i.as_str(), i.radix()).ok()?,
        )),
        DeValue::Float(f) => {
            Literal::Number(Number::Float(f.as_str().replace('_', "").parse().ok()?))
        }
        DeValue::Boolean(b) => Literal::Boolean(*b),
        _ => return None,
    })
}

fn describe(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}
