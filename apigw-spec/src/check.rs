//! Semantic checks of a parsed spec: what TOML cannot express. Every problem is recorded; the
//! checker never stops at the first.

use std::collections::{HashMap, HashSet};

use crate::diagnostic::{Code, Diagnostic, Diagnostics, closest};
use crate::model::*;
use crate::naming::{self, builder::Reserved};
use crate::paging;
use crate::source::{SourceFile, Span, Spanned};

/// Values a path parameter can take from the client's configuration (`from_client = "..."`).
pub const CLIENT_VALUES: &[&str] = &["project_id"];

/// Checks a parsed spec, recording every problem in `diags`.
pub fn check(spec: &Spec, source: &SourceFile, diags: &mut Diagnostics) {
    let mut ck = Checker {
        spec,
        source,
        diags,
    };
    ck.path_placeholders();
    ck.params();
    ck.objects();
    ck.body();
    ck.responses();
    ck.names();
}

struct Checker<'a, 'd> {
    spec: &'a Spec,
    source: &'a SourceFile,
    diags: &'d mut Diagnostics,
}

impl Checker<'_, '_> {
    fn path_placeholders(&mut self) {
        let path = &self.spec.operation.path;
        let declared: Vec<&Param> = self.spec.params_in(ParamLocation::Path).collect();
        let mut seen = HashSet::new();
        for placeholder in path.placeholders() {
            if !seen.insert(placeholder.value.as_str()) {
                self.diags.error(
                    Code::DuplicatePlaceholder,
                    placeholder.span.clone(),
                    format!(
                        "placeholder `{{{}}}` appears twice in the path",
                        placeholder.value
                    ),
                );
            }
            if !declared
                .iter()
                .any(|p| p.field.name.value == placeholder.value)
            {
                let names = declared.iter().map(|p| p.field.name.value.as_str());
                let help = match closest(&placeholder.value, names) {
                    Some(best) => format!(
                        "did you mean `{{{best}}}`? Otherwise declare it: `[path.{}]` with a `type`",
                        placeholder.value
                    ),
                    None => format!(
                        "declare it: `[path.{}]` with `type = \"String\"`",
                        placeholder.value
                    ),
                };
                self.diags.push(
                    Diagnostic::new(
                        Code::PlaceholderWithoutParameter,
                        placeholder.span.clone(),
                        format!(
                            "path placeholder `{{{}}}` has no path parameter",
                            placeholder.value
                        ),
                    )
                    .with_help(help),
                );
            }
        }
        if !path.complete {
            return;
        }
        for param in declared {
            if !path
                .placeholders()
                .any(|p| p.value == param.field.name.value)
            {
                self.diags.push(
                    Diagnostic::new(
                        Code::ParameterWithoutPlaceholder,
                        param.field.name.span.clone(),
                        format!(
                            "path parameter `{}` does not appear in the path `{}`",
                            param.field.name.value, path.raw
                        ),
                    )
                    .with_help(format!(
                        "add `{{{}}}` to the path, or make it a query parameter",
                        param.field.name.value
                    )),
                );
            }
        }
    }

    fn params(&mut self) {
        for param in &self.spec.params {
            let field = &param.field;
            let what = format!("{} `{}`", param.location.noun(), field.name.value);
            if let Some(from) = &param.from_client
                && !CLIENT_VALUES.contains(&from.value.as_str())
            {
                let mut d = Diagnostic::new(
                    Code::UnknownClientValue,
                    from.span.clone(),
                    format!("the client has no value `{}` for {what}", from.value),
                );
                d = d.with_help(match closest(&from.value, CLIENT_VALUES.iter().copied()) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!("the client provides: {}", CLIENT_VALUES.join(", ")),
                });
                self.diags.push(d);
            }
            if param.auth && field.schema.ty.value != TypeExpr::String {
                self.diags.error(
                    Code::AuthNotString,
                    field.schema.ty.span.clone(),
                    format!("{what} is filled by the credentials, so its type must be `String`"),
                );
            }
            let type_usable = self.schema(&what, field);
            let ty = &field.schema.ty;
            if !type_usable {
                continue;
            }
            let allowed = match (&param.location, &ty.value) {
                (_, t) if is_scalar(t) => true,
                (ParamLocation::Query, TypeExpr::Array(inner)) => is_scalar(inner),
                _ => false,
            };
            if !allowed {
                let expected = match param.location {
                    ParamLocation::Query => "a scalar type or an `Array` of one",
                    _ => "a scalar type (String, Integer, Long, Boolean or Float)",
                };
                self.diags.error(
                    Code::ParameterType,
                    ty.span.clone(),
                    format!("{what} has type `{}`, but it must be {expected}", ty.value),
                );
            }
        }
    }

    fn objects(&mut self) {
        for object in &self.spec.objects {
            if !naming::is_identifier(&object.name.value) {
                self.diags.push(
                    Diagnostic::new(
                        Code::InvalidObjectName,
                        object.name.span.clone(),
                        format!("object name `{}` is not a valid type name", object.name.value),
                    )
                    .with_help("use ASCII letters and digits, starting with a letter, e.g. `ApiVersionResp`"),
                );
            }
            if object.fields.is_empty() {
                self.diags.push(
                    Diagnostic::new(Code::EmptyObject, object.name.span.clone(), format!("object `{}` has no fields", object.name.value))
                        .with_help(format!(
                            "declare fields as `[object.{}.FIELD]` tables, or use the type `Object` for free-form JSON",
                            object.name.value
                        )),
                );
            }
            let mut seen: HashMap<String, &Spanned<String>> = HashMap::new();
            for field in &object.fields {
                let what = format!(
                    "field `{}` of object `{}`",
                    field.name.value, object.name.value
                );
                self.schema(&what, field);
                self.type_refs(&field.schema.ty);
                let rust = naming::snake(&field.name.value);
                if let Some(first) = seen.get(&rust) {
                    self.collision(&field.name, first, &format!("field `{rust}`"));
                } else {
                    seen.insert(rust, &field.name);
                }
            }
        }
        self.cycles();
    }

    fn body(&mut self) {
        let Some(body) = &self.spec.body else { return };
        self.type_refs(&body.ty);
        match body.encoding {
            BodyEncoding::Json => {
                if contains_file(&body.ty.value, self.spec, &mut HashSet::new()) {
                    self.diags.push(
                        Diagnostic::new(
                            Code::FileInJsonBody,
                            body.ty.span.clone(),
                            "file uploads (`File`) are not supported in JSON request bodies",
                        )
                        .with_help(format!(
                            "send files as `content_type = \"{}\"`",
                            BodyEncoding::Form.media_type()
                        )),
                    );
                }
            }
            BodyEncoding::Form => self.form_body(body),
        }
    }

    /// A form body is one object whose fields are scalars, arrays of scalars or files.
    fn form_body(&mut self, body: &RequestBody) {
        let object = match &body.ty.value {
            TypeExpr::Named(name) => self.spec.object(name),
            _ => None,
        };
        let Some(object) = object else {
            if !matches!(body.ty.value, TypeExpr::Named(_)) {
                self.diags.error(
                    Code::FormBodyNotObject,
                    body.ty.span.clone(),
                    format!(
                        "a `{}` body must be an object type, found `{}`",
                        body.encoding.media_type(),
                        body.ty.value
                    ),
                );
            }
            return;
        };
        for field in &object.fields {
            let ty = &field.schema.ty.value;
            let fits = match ty {
                TypeExpr::File => true,
                TypeExpr::Array(inner) => is_scalar(inner),
                t => is_scalar(t),
            };
            if !fits && !field.schema.ty_broken {
                self.diags.error(
                    Code::FormFieldType,
                    field.schema.ty.span.clone(),
                    format!(
                        "field `{}` of the form body has type `{ty}`, but form fields must be scalars, arrays of scalars or `File`",
                        field.name.value
                    ),
                );
            }
        }
    }

    fn responses(&mut self) {
        let mut success: Option<&Response> = None;
        for response in &self.spec.responses {
            if let Some(body) = &response.body {
                self.type_refs(body);
                // A whole success body may be a file (a download); a file inside JSON cannot.
                if body.value == TypeExpr::File && !response.is_success() {
                    self.diags.error(
                        Code::FileInErrorResponse,
                        body.span.clone(),
                        "`File` can only be the body of a success (2xx) response",
                    );
                } else if body.value != TypeExpr::File
                    && contains_file(&body.value, self.spec, &mut HashSet::new())
                {
                    self.diags.error(
                        Code::FileInsideResponseBody,
                        body.span.clone(),
                        "`File` can only be a whole response body, not part of one",
                    );
                }
            }
            for header in &response.headers {
                let what = format!(
                    "header `{}` of response {}",
                    header.name.value, response.status.value
                );
                if !is_scalar(&header.schema.ty.value) {
                    self.diags.error(
                        Code::HeaderType,
                        header.schema.ty.span.clone(),
                        format!(
                            "{what} must have a scalar type, found `{}`",
                            header.schema.ty.value
                        ),
                    );
                }
                self.schema(&what, header);
            }
            if response.is_success() {
                match success {
                    Some(first)
                        if first.body.as_ref().map(|b| &b.value)
                            != response.body.as_ref().map(|b| &b.value) =>
                    {
                        self.diags.push(
                            Diagnostic::new(
                                Code::ConflictingSuccessBodies,
                                response.status.span.clone(),
                                format!(
                                    "success responses {} and {} have different bodies",
                                    first.status.value, response.status.value
                                ),
                            )
                            .with_help("an operation has one result type: give all 2xx responses the same `body`"),
                        );
                    }
                    Some(_) => {}
                    None => success = Some(response),
                }
            }
        }
        if success.is_none() {
            self.diags.push(
                Diagnostic::new(
                    Code::NoSuccessResponse,
                    self.spec.operation.id.span.clone(),
                    format!("operation `{}` documents no success (2xx) response", self.spec.operation.id.value),
                )
                .with_help("add e.g. `[response.200]` with the `body` type, or `[response.204]` for no body"),
            );
        }
    }

    /// Checks type, enumeration, default and range of one field. Returns whether its type is
    /// usable (present, readable, every object it names defined), so callers can skip checks
    /// that would only repeat the problem already reported.
    fn schema(&mut self, what: &str, field: &Field) -> bool {
        if field.schema.ty_broken || !self.type_refs(&field.schema.ty) {
            return false;
        }
        FieldRules {
            source: Some(self.source),
            diags: self.diags,
        }
        .check(what, field);
        true
    }

    /// Reports references to objects that the spec does not define; whether all were defined.
    fn type_refs(&mut self, ty: &Spanned<TypeExpr>) -> bool {
        let mut names = Vec::new();
        named_refs(&ty.value, &mut names);
        let mut all_defined = true;
        for name in names {
            if self.spec.object(name).is_none() {
                let builtins = TypeExpr::SCALARS.iter().map(|(n, _)| *n);
                let objects = self.spec.objects.iter().map(|o| o.name.value.as_str());
                let candidates: Vec<&str> =
                    builtins.chain(objects).chain(["Array", "Map"]).collect();
                let help = match closest(name, candidates.iter().copied()) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => format!(
                        "define it as `[object.{name}.FIELD]` tables, or use a built-in type: String, Integer, Long, Boolean, Float, Object"
                    ),
                };
                self.diags.push(
                    Diagnostic::new(
                        Code::UnknownType,
                        ty.span.clone(),
                        format!("unknown type `{name}`"),
                    )
                    .with_help(help),
                );
                all_defined = false;
            }
        }
        all_defined
    }

    /// Reports objects that contain themselves without an array or map in between.
    fn cycles(&mut self) {
        for object in &self.spec.objects {
            let mut path = Vec::new();
            if self.reaches(&object.name.value, object, &mut path) {
                self.diags.push(
                    Diagnostic::new(
                        Code::RecursiveObject,
                        object.name.span.clone(),
                        format!(
                            "object `{}` contains itself: {}",
                            object.name.value,
                            path.join(" → ")
                        ),
                    )
                    .with_help("a recursive field must be an `Array<...>` or `Map<String, ...>`"),
                );
            }
        }
    }

    fn reaches(&self, target: &str, from: &Object, path: &mut Vec<String>) -> bool {
        for field in &from.fields {
            if let TypeExpr::Named(name) = &field.schema.ty.value {
                if path.iter().any(|step| step.ends_with(&format!("`{name}`"))) {
                    continue;
                }
                path.push(format!(
                    "`{}.{}` → `{name}`",
                    from.name.value, field.name.value
                ));
                if name == target {
                    return true;
                }
                if let Some(next) = self.spec.object(name)
                    && self.reaches(target, next, path)
                {
                    return true;
                }
                path.pop();
            }
        }
        false
    }

    /// Reports generated Rust names that would collide.
    fn names(&mut self) {
        // Builder arguments and setters.
        let mut values: HashMap<String, &Spanned<String>> = HashMap::new();
        let paged = paging::detect(self.spec).is_some();
        for param in self.spec.params.iter().filter(|p| p.is_caller_supplied()) {
            let rust = naming::snake(&param.field.name.value);
            let reserved = match naming::builder::reserved(&rust, paged) {
                Some(Reserved::Always) => Some((
                    Code::ReservedName,
                    "the builder",
                    "this name is reserved by the generated request builder".to_owned(),
                )),
                Some(Reserved::WhenPaged) => Some((
                    Code::ReservedPagingName,
                    "the builder of a paged operation",
                    format!(
                        "the operation pages (`offset` and `limit` query parameters, a success body with `total` and one array), so its builder has `{}` and `{}`",
                        naming::builder::PAGES,
                        naming::builder::ITEMS
                    ),
                )),
                None => None,
            };
            if let Some((code, builder, help)) = reserved {
                self.diags.push(
                    Diagnostic::new(
                        code,
                        param.field.name.span.clone(),
                        format!(
                            "{} `{}` would become a builder method `{rust}`, which {builder} already has",
                            param.location.noun(),
                            param.field.name.value
                        ),
                    )
                    .with_help(help),
                );
            }
            if let Some(first) = values.get(&rust) {
                self.collision(
                    &param.field.name,
                    first,
                    &format!("builder method `{rust}`"),
                );
            } else {
                values.insert(rust, &param.field.name);
            }
        }
        if self.spec.body.is_some()
            && let Some(first) = values.get("body")
        {
            let first = (*first).clone();
            self.diags.error(
                Code::BodyParameterClash,
                first.span,
                "a parameter named `body` clashes with the request body argument",
            );
        }

        // Types of the operation's module.
        let mut types: HashMap<String, Span> = HashMap::new();
        for (name, span) in naming::type_names(self.spec) {
            if let Some(first) = types.get(&name) {
                let first = self.position_note(first.clone());
                self.diags.push(
                    Diagnostic::new(
                        Code::TypeNameTaken,
                        span,
                        format!("the generated type name `{name}` is already taken ({first})"),
                    )
                    .with_help(
                        "rename the object, or set `enum_name = \"...\"` on the enumerated field",
                    ),
                );
            } else {
                types.insert(name, span);
            }
        }
    }

    fn collision(&mut self, second: &Spanned<String>, first: &Spanned<String>, what: &str) {
        let note = self.position_note(first.span.clone());
        self.diags.push(
            Diagnostic::new(
                Code::NameCollision,
                second.span.clone(),
                format!(
                    "`{}` and `{}` both become the {what}",
                    first.value, second.value
                ),
            )
            .with_help(format!("rename one of them (the other is {note})")),
        );
    }

    fn position_note(&self, span: Span) -> String {
        if span == self.spec.operation.id.span {
            "generated for the operation".to_owned()
        } else {
            format!("on line {}", self.source.position(span.start).line)
        }
    }
}

/// The problems of one field's schema that can be found without the rest of the spec: the
/// rules of the checker for `default` (type, enum, range), `minimum`/`maximum` (numeric type,
/// order, integer range), `min_length`/`max_length` (type with a length, order), `enum`
/// (non-empty, enumerable type, value types, duplicates, variant and type names) and the type
/// `File` outside object fields. Whether named object types exist, and what the parameter's
/// location or the response allows, are not checked here.
///
/// `what` names the field in messages, as the checker does: `field `x` of object `Y`` (only
/// object fields may be `File`), `query parameter `x``, `header `x` of response 200`.
/// Returns nothing for a field whose type is marked broken.
///
/// Each problem's [`Code`] has a [`Constraint`](crate::diagnostic::Constraint) (see
/// [`Code::constraint`]), so that a tool can drop the offending constraint and keep the rest.
/// The codes are [`Code::FileNotAllowed`]; [`Code::BoundOnNonNumber`],
/// [`Code::MinimumAboveMaximum`], [`Code::BoundOutOfTypeRange`]; [`Code::LengthOnLengthless`],
/// [`Code::MinLengthAboveMaxLength`]; [`Code::EmptyEnum`], [`Code::EnumOnUnenumerableType`],
/// [`Code::EnumValueType`], [`Code::DuplicateEnumValue`], [`Code::InvalidVariantName`],
/// [`Code::EnumVariantCollision`], [`Code::InvalidEnumName`]; [`Code::DefaultType`],
/// [`Code::DefaultNotInEnum`], [`Code::DefaultOutOfRange`].
///
/// Unlike [`check`], problems at the same place are all kept (a field built outside a file has
/// placeholder spans), in the order the rules run.
pub fn field_problems(what: &str, field: &Field) -> Vec<Diagnostic> {
    let mut diags = Diagnostics::keeping_same_place();
    if !field.schema.ty_broken {
        FieldRules {
            source: None,
            diags: &mut diags,
        }
        .check(what, field);
    }
    diags.into_vec()
}

/// The rules of one field's schema (see [`field_problems`]), shared by the checker.
struct FieldRules<'a, 'd> {
    /// The spec file, for notes that point at another line; `None` outside a file.
    source: Option<&'a SourceFile>,
    diags: &'d mut Diagnostics,
}

impl FieldRules<'_, '_> {
    /// Checks one field whose type is usable.
    fn check(&mut self, what: &str, field: &Field) {
        let schema = &field.schema;
        let ty = &schema.ty.value;
        if matches!(ty, TypeExpr::File) && !what.starts_with("field") {
            self.diags.error(
                Code::FileNotAllowed,
                schema.ty.span.clone(),
                format!("{what} cannot have the type `File`"),
            );
        }
        if let Some(min) = &schema.minimum
            && !ty.is_numeric()
        {
            self.not_numeric(what, "minimum", min.span.clone(), ty, "min_length");
        }
        if let Some(max) = &schema.maximum
            && !ty.is_numeric()
        {
            self.not_numeric(what, "maximum", max.span.clone(), ty, "max_length");
        }
        for length in [&schema.min_length, &schema.max_length]
            .into_iter()
            .flatten()
        {
            if !matches!(ty, TypeExpr::String | TypeExpr::Array(_)) {
                self.diags.push(
                    Diagnostic::new(Code::LengthOnLengthless, length.span.clone(), format!("{what} has a length limit, but its type `{ty}` has no length"))
                        .with_help("`min_length`/`max_length` apply to String and Array; use `minimum`/`maximum` for numbers"),
                );
            }
        }
        if let (Some(min), Some(max)) = (&schema.minimum, &schema.maximum)
            && min.value.as_f64() > max.value.as_f64()
        {
            self.diags.push(
                Diagnostic::new(
                    Code::MinimumAboveMaximum,
                    min.span.start..max.span.end.max(min.span.end),
                    format!(
                        "{what} has minimum {} above its maximum {}",
                        min.value, max.value
                    ),
                )
                .with_help("swap them, or correct the one that is wrong"),
            );
        }
        if let (Some(min), Some(max)) = (&schema.min_length, &schema.max_length)
            && min.value > max.value
        {
            self.diags.error(
                Code::MinLengthAboveMaxLength,
                min.span.start..max.span.end.max(min.span.end),
                format!(
                    "{what} has min_length {} above its max_length {}",
                    min.value, max.value
                ),
            );
        }
        if let Some((lo, hi)) = ty.integer_bounds() {
            for bound in [&schema.minimum, &schema.maximum].into_iter().flatten() {
                let fits = match bound.value {
                    Number::Integer(i) => (lo..=hi).contains(&i),
                    Number::Float(_) => false,
                };
                if !fits {
                    self.diags.error(
                        Code::BoundOutOfTypeRange,
                        bound.span.clone(),
                        format!("{what} has the bound {}, which is not a value of type `{ty}` ({lo} to {hi})", bound.value),
                    );
                }
            }
        }
        if let Some(enumeration) = &schema.enumeration {
            self.enumeration(what, ty, enumeration);
        }
        if let Some(default) = &schema.default {
            self.default(what, schema, default);
        }
    }

    fn not_numeric(&mut self, what: &str, key: &str, span: Span, ty: &TypeExpr, length_key: &str) {
        let mut d = Diagnostic::new(
            Code::BoundOnNonNumber,
            span,
            format!("{what} has `{key}`, but its type `{ty}` is not a number"),
        );
        if matches!(ty, TypeExpr::String | TypeExpr::Array(_)) {
            d = d.with_help(format!("for a length limit write `{length_key}`"));
        }
        self.diags.push(d);
    }

    fn enumeration(&mut self, what: &str, ty: &TypeExpr, enumeration: &Enumeration) {
        let ty = ty.enum_base();
        if enumeration.values.is_empty() {
            self.diags.push(
                Diagnostic::new(
                    Code::EmptyEnum,
                    enumeration.span.clone(),
                    format!("{what} has an empty `enum`"),
                )
                .with_help(
                    "list the allowed values, e.g. `enum = [\"a\", \"b\"]`, or remove `enum`",
                ),
            );
            return;
        }
        if !(ty.is_enumerable() || matches!(ty, TypeExpr::Boolean)) {
            self.diags.error(
                Code::EnumOnUnenumerableType,
                enumeration.span.clone(),
                format!("{what} has type `{ty}`, which cannot be enumerated (only String, Integer, Long and Boolean)"),
            );
            return;
        }
        let mut seen: Vec<&Spanned<Literal>> = Vec::new();
        let mut variants: HashMap<String, Span> = HashMap::new();
        for value in &enumeration.values {
            if let Some(problem) = literal_type_problem(&value.value.value, ty) {
                self.diags.error(
                    Code::EnumValueType,
                    value.value.span.clone(),
                    format!("enum value {} of {what} {problem}", value.value.value),
                );
                continue;
            }
            if seen.iter().any(|v| v.value == value.value.value) {
                self.diags.push(
                    Diagnostic::new(
                        Code::DuplicateEnumValue,
                        value.value.span.clone(),
                        format!("enum value {} of {what} is listed twice", value.value.value),
                    )
                    .with_help("remove the repeated value"),
                );
                continue;
            }
            seen.push(&value.value);
            if let Some(name) = &value.name
                && !naming::is_identifier(&name.value)
            {
                self.diags.error(
                    Code::InvalidVariantName,
                    name.span.clone(),
                    format!(
                        "variant name `{}` is not a valid Rust identifier",
                        name.value
                    ),
                );
                continue;
            }
            let variant = naming::variant_name(value);
            if let Some(first) = variants.get(&variant) {
                let span = value
                    .name
                    .as_ref()
                    .map_or(value.value.span.clone(), |n| n.span.clone());
                let mut help = format!(
                    "give one of them an explicit name: `{{ value = {}, name = \"...\" }}`",
                    value.value.value
                );
                if let Some(source) = self.source {
                    let first_line = source.position(first.start).line;
                    help.push_str(&format!(" (the other is on line {first_line})"));
                }
                self.diags.push(
                    Diagnostic::new(
                        Code::EnumVariantCollision,
                        span,
                        format!(
                            "enum values of {what} collide: both become the variant `{variant}`"
                        ),
                    )
                    .with_help(help),
                );
            } else {
                variants.insert(variant, value.value.span.clone());
            }
        }
        if let Some(name) = &enumeration.type_name
            && !naming::is_identifier(&name.value)
        {
            self.diags.error(
                Code::InvalidEnumName,
                name.span.clone(),
                format!("`enum_name` `{}` is not a valid Rust type name", name.value),
            );
        }
    }

    fn default(&mut self, what: &str, schema: &Schema, default: &Spanned<Literal>) {
        let ty = &schema.ty.value;
        if let Some(problem) = literal_type_problem(&default.value, ty) {
            self.diags.error(
                Code::DefaultType,
                default.span.clone(),
                format!("default {} of {what} {problem}", default.value),
            );
            return;
        }
        if let Some(enumeration) = &schema.enumeration
            && !enumeration.values.is_empty()
            && !enumeration
                .values
                .iter()
                .any(|v| v.value.value == default.value)
        {
            let listed: Vec<String> = enumeration
                .values
                .iter()
                .map(|v| v.value.value.to_string())
                .collect();
            self.diags.push(
                Diagnostic::new(
                    Code::DefaultNotInEnum,
                    default.span.clone(),
                    format!(
                        "default {} of {what} is not one of its enum values",
                        default.value
                    ),
                )
                .with_help(format!("the enum allows {}", listed.join(", "))),
            );
        }
        if let Literal::Number(n) = &default.value {
            let below = schema
                .minimum
                .as_ref()
                .filter(|m| n.as_f64() < m.value.as_f64());
            let above = schema
                .maximum
                .as_ref()
                .filter(|m| n.as_f64() > m.value.as_f64());
            if below.is_some() || above.is_some() {
                let range = format!(
                    "{} to {}",
                    schema
                        .minimum
                        .as_ref()
                        .map_or("any".into(), |m| m.value.to_string()),
                    schema
                        .maximum
                        .as_ref()
                        .map_or("any".into(), |m| m.value.to_string())
                );
                self.diags.error(
                    Code::DefaultOutOfRange,
                    default.span.clone(),
                    format!("default {n} of {what} is outside its range {range}"),
                );
            }
        }
    }
}

/// The enumeration of a schema, if it becomes a Rust enum.
pub fn materialized_enum(schema: &Schema) -> Option<&Enumeration> {
    schema
        .enumeration
        .as_ref()
        .filter(|e| schema.ty.value.enum_base().is_enumerable() && !e.values.is_empty())
}

fn is_scalar(ty: &TypeExpr) -> bool {
    matches!(
        ty,
        TypeExpr::String | TypeExpr::Integer | TypeExpr::Long | TypeExpr::Boolean | TypeExpr::Float
    )
}

fn named_refs<'t>(ty: &'t TypeExpr, out: &mut Vec<&'t str>) {
    match ty {
        TypeExpr::Named(name) => out.push(name),
        TypeExpr::Array(inner) | TypeExpr::Map(inner) => named_refs(inner, out),
        _ => {}
    }
}

fn contains_file<'s>(ty: &'s TypeExpr, spec: &'s Spec, seen: &mut HashSet<&'s str>) -> bool {
    match ty {
        TypeExpr::File => true,
        TypeExpr::Array(inner) | TypeExpr::Map(inner) => contains_file(inner, spec, seen),
        TypeExpr::Named(name) => {
            seen.insert(name)
                && spec.object(name).is_some_and(|o| {
                    o.fields
                        .iter()
                        .any(|f| contains_file(&f.schema.ty.value, spec, seen))
                })
        }
        _ => false,
    }
}

/// Why a literal is not a value of `ty`, if it is not.
fn literal_type_problem(value: &Literal, ty: &TypeExpr) -> Option<String> {
    let ok = match (value, ty) {
        (Literal::String(_), TypeExpr::String) => true,
        (Literal::Boolean(_), TypeExpr::Boolean) => true,
        (Literal::Number(_), TypeExpr::Float) => true,
        (Literal::Number(Number::Integer(i)), t) if t.integer_bounds().is_some() => {
            let (lo, hi) = t.integer_bounds().unwrap_or((i64::MIN, i64::MAX));
            if !(lo..=hi).contains(i) {
                return Some(format!("does not fit in `{ty}` ({lo} to {hi})"));
            }
            true
        }
        _ => false,
    };
    (!ok).then(|| {
        let kind = match value {
            Literal::String(_) => "a string",
            Literal::Number(Number::Integer(_)) => "an integer",
            Literal::Number(Number::Float(_)) => "a float",
            Literal::Boolean(_) => "a boolean",
        };
        format!("is {kind}, but the type is `{ty}`")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Constraint;

    /// A field as the importer builds it: every span a placeholder.
    fn field(ty: TypeExpr) -> Field {
        Field {
            name: Spanned::new("f".to_owned(), 0..0),
            schema: Schema::of(Spanned::new(ty, 0..0)),
            required: false,
            description: None,
        }
    }

    fn at<T>(value: T) -> Spanned<T> {
        Spanned::new(value, 0..0)
    }

    fn int(i: i64) -> Literal {
        Literal::Number(Number::Integer(i))
    }

    fn text(s: &str) -> Literal {
        Literal::String(s.to_owned())
    }

    fn enumeration(values: Vec<Literal>) -> Option<Enumeration> {
        Some(Enumeration {
            span: 0..0,
            type_name: None,
            values: values
                .into_iter()
                .map(|v| EnumValue {
                    value: at(v),
                    name: None,
                    description: None,
                })
                .collect(),
        })
    }

    fn codes(what: &str, field: &Field) -> Vec<Code> {
        field_problems(what, field).iter().map(|d| d.code).collect()
    }

    const WHAT: &str = "query parameter `f`";

    #[test]
    fn field_problems_reports_every_broken_rule_even_at_the_same_place() {
        let mut f = field(TypeExpr::Integer);
        f.schema.minimum = Some(at(Number::Integer(10)));
        f.schema.maximum = Some(at(Number::Integer(5)));
        f.schema.min_length = Some(at(1));
        f.schema.enumeration = enumeration(vec![int(1), int(1), text("a")]);
        f.schema.default = Some(at(text("x")));
        assert_eq!(
            codes(WHAT, &f),
            [
                Code::LengthOnLengthless,
                Code::MinimumAboveMaximum,
                Code::DuplicateEnumValue,
                Code::EnumValueType,
                Code::DefaultType,
            ]
        );

        let mut f = field(TypeExpr::String);
        f.schema.minimum = Some(at(Number::Float(1.5)));
        f.schema.min_length = Some(at(5));
        f.schema.max_length = Some(at(2));
        f.schema.enumeration = enumeration(vec![text("a")]);
        f.schema.default = Some(at(text("b")));
        let problems = field_problems(WHAT, &f);
        let found: Vec<Code> = problems.iter().map(|d| d.code).collect();
        assert_eq!(
            found,
            [
                Code::BoundOnNonNumber,
                Code::MinLengthAboveMaxLength,
                Code::DefaultNotInEnum,
            ]
        );
        assert_eq!(
            problems[2].message,
            "default \"b\" of query parameter `f` is not one of its enum values"
        );

        let mut f = field(TypeExpr::Integer);
        f.schema.maximum = Some(at(Number::Integer(5_000_000_000)));
        f.schema.default = Some(at(int(-1)));
        f.schema.minimum = Some(at(Number::Integer(0)));
        assert_eq!(
            codes(WHAT, &f),
            [Code::BoundOutOfTypeRange, Code::DefaultOutOfRange]
        );
    }

    #[test]
    fn field_problems_codes_name_the_constraint_to_drop() {
        let mut f = field(TypeExpr::Float);
        f.schema.enumeration = enumeration(vec![]);
        f.schema.default = Some(at(Literal::Boolean(true)));
        f.schema.max_length = Some(at(3));
        let constraints: Vec<Option<Constraint>> = field_problems(WHAT, &f)
            .iter()
            .map(|d| d.code.constraint())
            .collect();
        assert_eq!(
            constraints,
            [
                Some(Constraint::Length),
                Some(Constraint::Enum),
                Some(Constraint::Default)
            ]
        );
    }

    #[test]
    fn field_problems_needs_nothing_else_of_the_spec() {
        // A valid field, and an object type that no spec defines: no problem.
        let mut f = field(TypeExpr::Long);
        f.schema.minimum = Some(at(Number::Integer(1)));
        f.schema.default = Some(at(int(20)));
        f.schema.enumeration = enumeration(vec![int(20), int(50)]);
        assert_eq!(codes(WHAT, &f), []);
        let f = field(TypeExpr::Array(Box::new(TypeExpr::Named("Thing".into()))));
        assert_eq!(codes(WHAT, &f), []);

        // `File` only in object fields.
        let f = field(TypeExpr::File);
        assert_eq!(codes(WHAT, &f), [Code::FileNotAllowed]);
        assert_eq!(codes("field `f` of object `Upload`", &f), []);

        // A type already reported as broken gives no follow-on problem.
        let mut f = field(TypeExpr::Any);
        f.schema.ty_broken = true;
        f.schema.minimum = Some(at(Number::Integer(1)));
        assert_eq!(codes(WHAT, &f), []);
    }

    #[test]
    fn field_problems_without_a_file_points_at_no_line() {
        let mut f = field(TypeExpr::String);
        f.schema.enumeration = enumeration(vec![text("on-off"), text("on_off")]);
        let problems = field_problems(WHAT, &f);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].code, Code::EnumVariantCollision);
        assert_eq!(
            problems[0].help.as_deref(),
            Some("give one of them an explicit name: `{ value = \"on_off\", name = \"...\" }`")
        );
    }
}
