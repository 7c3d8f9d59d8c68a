//! One case per diagnostic code: a small spec with exactly one mistake, the code it must get,
//! the message and the line:column it must point at. Every code in [`Code::ALL`] needs a case,
//! so a new rule cannot land untested. The mistakes of the compile-fail cases in
//! `tests/ui/spec/` are here too (same base spec, same edit, so the same positions), and their
//! `.stderr` files are compared with the rendering, without compiling anything.

use apigw_spec::{Code, Diagnostic, LoadError, check, load};

/// The spec of the compile-fail cases in `tests/ui/spec/`, which every case edits.
const BASE: &str = r#"[operation]
id = "ShowThing"
method = "GET"
path = "/v2/{project_id}/things/{thing_id}"

[path.project_id]
type = "String"
from_client = "project_id"

[path.thing_id]
type = "String"

[query.limit]
type = "Integer"
minimum = 1
maximum = 500

[response.200]
body = "Thing"

[object.Thing.name]
type = "String"
"#;

/// How a case's spec is made from [`BASE`].
enum Text {
    /// Replaces the one occurrence of the first text with the second.
    Edit(&'static str, &'static str),
    /// Adds lines at the end (the first added line is line 23).
    Append(&'static str),
    /// Replaces the one occurrence of the first text with the second in [`SERVICE`], which is
    /// loaded as a service file instead of a spec.
    Service(&'static str, &'static str),
    /// Replaces the one occurrence of the first text with the second in [`ERRORS`], which is
    /// loaded as an error-code file.
    Errors(&'static str, &'static str),
}

/// An error-code file (`errors.toml`) that the error-code cases edit.
const ERRORS: &str = r#"# errors
[[error]]
code = "Ecs.0001"
status = 400
message = "Bad request."

[[error]]
code = "Ecs.0002"
status = 404
message = "Not found."
"#;

/// A service file (`service.toml`) that the service cases edit.
const SERVICE: &str = r#"# service
[service]
name = "ecs"
title = "Elastic Cloud Server"
endpoint = "https://ecs.{region}.otc.t-systems.com"
"#;

use Text::*;

struct Case {
    code: Code,
    /// The compile-fail case in `tests/ui/spec/` with the same mistake, if there is one.
    ui: Option<&'static str>,
    text: Text,
    /// The message, or a distinctive part of it.
    message: &'static str,
    /// Line and column of the start of the diagnostic's span.
    at: (usize, usize),
}

const fn case(code: Code, text: Text, message: &'static str, at: (usize, usize)) -> Case {
    Case {
        code,
        ui: None,
        text,
        message,
        at,
    }
}

const fn ui(
    ui: &'static str,
    code: Code,
    text: Text,
    message: &'static str,
    at: (usize, usize),
) -> Case {
    Case {
        code,
        ui: Some(ui),
        text,
        message,
        at,
    }
}

const CASES: &[Case] = &[
    // Reading the file.
    ui(
        "syntax_error",
        Code::TomlSyntax,
        Edit("type = \"Integer\"", "type = \"Integer"),
        "TOML syntax error: invalid basic string, expected `\"`",
        (14, 16),
    ),
    ui(
        "duplicate_parameter",
        Code::TomlSyntax,
        Edit(
            "[query.limit]",
            "[query.offset]\ntype = \"Long\"\n\n[query.offset]\ntype = \"Long\"\n\n[query.limit]",
        ),
        "TOML syntax error: duplicate key",
        (16, 8),
    ),
    ui(
        "unknown_key",
        Code::UnknownKey,
        Edit("minimum = 1", "mininum = 1"),
        "unknown key `mininum` in query parameter `limit`",
        (15, 1),
    ),
    ui(
        "missing_type",
        Code::MissingKey,
        Edit("type = \"Integer\"\n", ""),
        "missing required key `type` in query parameter `limit`",
        (13, 1),
    ),
    ui(
        "value_of_wrong_kind",
        Code::WrongKind,
        Edit(
            "type = \"Integer\"\n",
            "type = \"Integer\"\nrequired = \"yes\"\n",
        ),
        "`required` in query parameter `limit` must be `true` or `false`, found a string",
        (15, 12),
    ),
    case(
        Code::EntryNotTable,
        Edit("[query.limit]\n", "[query]\noffset = 1\n\n[query.limit]\n"),
        "`offset` must be a table, found an integer",
        (14, 10),
    ),
    case(
        Code::InvalidType,
        Edit("type = \"Integer\"", "type = \"Array<Integer\""),
        "invalid type `Array<Integer`: ",
        (14, 22),
    ),
    // The operation and its path.
    ui(
        "missing_operation_table",
        Code::MissingOperation,
        Edit(
            "[operation]\nid = \"ShowThing\"\nmethod = \"GET\"\npath = \"/v2/{project_id}/things/{thing_id}\"\n\n",
            "",
        ),
        "missing required table `[operation]`",
        (1, 1),
    ),
    ui(
        "unknown_method",
        Code::UnknownMethod,
        Edit("\"GET\"", "\"FETCH\""),
        "unknown HTTP method `FETCH`",
        (3, 10),
    ),
    case(
        Code::InvalidOperationId,
        Edit("\"ShowThing\"", "\"Show-Thing\""),
        "operation id `Show-Thing` is not a valid identifier",
        (2, 6),
    ),
    case(
        Code::PathWithoutSlash,
        Edit("\"/v2/", "\"v2/"),
        "the path must start with `/`",
        (4, 8),
    ),
    case(
        Code::UnmatchedBrace,
        Edit("/{thing_id}\"", "/thing_id}\""),
        "`}` without a matching `{`",
        (4, 41),
    ),
    ui(
        "unclosed_placeholder",
        Code::UnclosedPlaceholder,
        Edit("/{thing_id}\"", "/{thing_id\""),
        "unclosed `{` in the path",
        (4, 33),
    ),
    case(
        Code::InvalidPlaceholder,
        Edit("/{thing_id}\"", "/{thing_id}/{thing id}\""),
        "`{thing id}` is not a valid path placeholder",
        (4, 44),
    ),
    case(
        Code::DuplicatePlaceholder,
        Edit("/{thing_id}\"", "/{thing_id}/{thing_id}\""),
        "placeholder `{thing_id}` appears twice in the path",
        (4, 44),
    ),
    ui(
        "placeholder_without_parameter",
        Code::PlaceholderWithoutParameter,
        Edit("[path.thing_id]\ntype = \"String\"\n", ""),
        "path placeholder `{thing_id}` has no path parameter",
        (4, 33),
    ),
    ui(
        "parameter_without_placeholder",
        Code::ParameterWithoutPlaceholder,
        Edit("/{thing_id}\"", "\""),
        "path parameter `thing_id` does not appear in the path `/v2/{project_id}/things`",
        (10, 7),
    ),
    // Parameters.
    ui(
        "optional_path_parameter",
        Code::OptionalPathParameter,
        Edit(
            "[path.thing_id]\ntype = \"String\"\n",
            "[path.thing_id]\ntype = \"String\"\nrequired = false\n",
        ),
        "path parameter `thing_id` cannot be optional",
        (12, 12),
    ),
    ui(
        "unknown_client_value",
        Code::UnknownClientValue,
        Edit(
            "from_client = \"project_id\"",
            "from_client = \"projectid\"",
        ),
        "the client has no value `projectid` for path parameter `project_id`",
        (8, 15),
    ),
    case(
        Code::AuthNotString,
        Append("\n[header.X-Auth-Token]\ntype = \"Integer\"\nauth = true\n"),
        "header `X-Auth-Token` is filled by the credentials, so its type must be `String`",
        (25, 8),
    ),
    case(
        Code::ParameterType,
        Append("\n[query.filter]\ntype = \"Thing\"\n"),
        "query parameter `filter` has type `Thing`, but it must be a scalar type or an `Array` of one",
        (25, 8),
    ),
    // One field's constraints.
    case(
        Code::FileNotAllowed,
        Append("\n[query.upload]\ntype = \"File\"\n"),
        "query parameter `upload` cannot have the type `File`",
        (25, 8),
    ),
    ui(
        "minimum_on_string",
        Code::BoundOnNonNumber,
        Edit(
            "[path.thing_id]\ntype = \"String\"\n",
            "[path.thing_id]\ntype = \"String\"\nminimum = 3\n",
        ),
        "path parameter `thing_id` has `minimum`, but its type `String` is not a number",
        (12, 11),
    ),
    ui(
        "minimum_above_maximum",
        Code::MinimumAboveMaximum,
        Edit("minimum = 1\nmaximum = 500", "minimum = 500\nmaximum = 1"),
        "query parameter `limit` has minimum 500 above its maximum 1",
        (15, 11),
    ),
    ui(
        "integer_out_of_type_range",
        Code::BoundOutOfTypeRange,
        Edit("maximum = 500", "maximum = 5000000000"),
        "query parameter `limit` has the bound 5000000000, which is not a value of type `Integer` (-2147483648 to 2147483647)",
        (16, 11),
    ),
    case(
        Code::LengthOnLengthless,
        Edit("maximum = 500", "maximum = 500\nmax_length = 3"),
        "query parameter `limit` has a length limit, but its type `Integer` has no length",
        (17, 14),
    ),
    case(
        Code::MinLengthAboveMaxLength,
        Edit(
            "[path.thing_id]\ntype = \"String\"\n",
            "[path.thing_id]\ntype = \"String\"\nmin_length = 5\nmax_length = 2\n",
        ),
        "path parameter `thing_id` has min_length 5 above its max_length 2",
        (12, 14),
    ),
    ui(
        "empty_enum",
        Code::EmptyEnum,
        Edit(
            "[query.limit]",
            "[query.status]\ntype = \"String\"\nenum = []\n\n[query.limit]",
        ),
        "query parameter `status` has an empty `enum`",
        (15, 8),
    ),
    case(
        Code::EnumOnUnenumerableType,
        Edit(
            "[query.limit]",
            "[query.ratio]\ntype = \"Float\"\nenum = [0.5]\n\n[query.limit]",
        ),
        "query parameter `ratio` has type `Float`, which cannot be enumerated (only String, Integer, Long and Boolean)",
        (15, 8),
    ),
    case(
        Code::EnumValueKind,
        Edit(
            "[query.limit]",
            "[query.status]\ntype = \"String\"\nenum = [\"on\", [\"off\"]]\n\n[query.limit]",
        ),
        "`enum` values must be strings, numbers, booleans or `{ value = ..., name = \"...\" }` tables, found an array",
        (15, 15),
    ),
    case(
        Code::EnumValueType,
        Edit(
            "[query.limit]",
            "[query.status]\ntype = \"String\"\nenum = [\"on\", 1]\n\n[query.limit]",
        ),
        "enum value 1 of query parameter `status` is an integer, but the type is `String`",
        (15, 15),
    ),
    ui(
        "duplicate_enum_value",
        Code::DuplicateEnumValue,
        Edit(
            "[query.limit]",
            "[query.status]\ntype = \"String\"\nenum = [\"on\", \"off\", \"on\"]\n\n[query.limit]",
        ),
        "enum value \"on\" of query parameter `status` is listed twice",
        (15, 22),
    ),
    case(
        Code::InvalidVariantName,
        Edit(
            "[query.limit]",
            "[query.status]\ntype = \"String\"\nenum = [{ value = \"on\", name = \"1st\" }]\n\n[query.limit]",
        ),
        "variant name `1st` is not a valid Rust identifier",
        (15, 32),
    ),
    case(
        Code::EnumVariantCollision,
        Edit(
            "[query.limit]",
            "[query.status]\ntype = \"String\"\nenum = [\"on-off\", \"on_off\"]\n\n[query.limit]",
        ),
        "enum values of query parameter `status` collide: both become the variant `OnOff`",
        (15, 19),
    ),
    case(
        Code::InvalidEnumName,
        Edit(
            "[query.limit]",
            "[query.status]\ntype = \"String\"\nenum = [\"on\"]\nenum_name = \"1Status\"\n\n[query.limit]",
        ),
        "`enum_name` `1Status` is not a valid Rust type name",
        (16, 13),
    ),
    case(
        Code::EnumNameWithoutEnum,
        Edit(
            "[query.limit]",
            "[query.status]\ntype = \"String\"\nenum_name = \"Status\"\n\n[query.limit]",
        ),
        "`enum_name` in query parameter `status` has no `enum` to name",
        (15, 13),
    ),
    ui(
        "default_of_wrong_type",
        Code::DefaultType,
        Edit("maximum = 500", "maximum = 500\ndefault = \"20\""),
        "default \"20\" of query parameter `limit` is a string, but the type is `Integer`",
        (17, 11),
    ),
    ui(
        "default_not_in_enum",
        Code::DefaultNotInEnum,
        Edit(
            "[query.limit]",
            "[query.status]\ntype = \"String\"\nenum = [\"on\", \"off\"]\ndefault = \"maybe\"\n\n[query.limit]",
        ),
        "default \"maybe\" of query parameter `status` is not one of its enum values",
        (16, 11),
    ),
    ui(
        "default_outside_range",
        Code::DefaultOutOfRange,
        Edit("maximum = 500", "maximum = 500\ndefault = 501"),
        "default 501 of query parameter `limit` is outside its range 1 to 500",
        (17, 11),
    ),
    // Types and objects.
    ui(
        "unknown_type",
        Code::UnknownType,
        Edit("type = \"Integer\"", "type = \"Intger\""),
        "unknown type `Intger`",
        (14, 8),
    ),
    ui(
        "undefined_object",
        Code::UnknownType,
        Edit("body = \"Thing\"", "body = \"Array<Thingy>\""),
        "unknown type `Thingy`",
        (19, 8),
    ),
    case(
        Code::InvalidObjectName,
        Append("\n[object.\"2Thing\".name]\ntype = \"String\"\n"),
        "object name `2Thing` is not a valid type name",
        (24, 9),
    ),
    case(
        Code::EmptyObject,
        Append("\n[object.Empty]\n"),
        "object `Empty` has no fields",
        (24, 9),
    ),
    ui(
        "recursive_object",
        Code::RecursiveObject,
        Append("\n[object.Thing.child]\ntype = \"Thing\"\n"),
        "object `Thing` contains itself: `Thing.child` → `Thing`",
        (21, 9),
    ),
    // Request body and responses.
    case(
        Code::FileInJsonBody,
        Append("\n[body]\ntype = \"File\"\n"),
        "file uploads (`File`) are not supported in JSON request bodies",
        (25, 8),
    ),
    case(
        Code::UnsupportedContentType,
        Append("\n[body]\ntype = \"Thing\"\ncontent_type = \"text/plain\"\n"),
        "request bodies of type `text/plain` are not supported yet",
        (26, 16),
    ),
    case(
        Code::FormBodyNotObject,
        Append("\n[body]\ntype = \"String\"\ncontent_type = \"multipart/form-data\"\n"),
        "a `multipart/form-data` body must be an object type, found `String`",
        (25, 8),
    ),
    case(
        Code::FormFieldType,
        Append(
            "\n[body]\ntype = \"Form\"\ncontent_type = \"multipart/form-data\"\n\n[object.Form.meta]\ntype = \"Object\"\n",
        ),
        "field `meta` of the form body has type `Object`, but form fields must be scalars, arrays of scalars or `File`",
        (29, 8),
    ),
    case(
        Code::InvalidStatus,
        Append("\n[response.abc]\ndescription = \"x\"\n"),
        "`abc` is not an HTTP status code",
        (24, 11),
    ),
    case(
        Code::ExampleNotTable,
        Edit("body = \"Thing\"", "body = \"Thing\"\nexamples = [1]"),
        "an example must be a table with `json` (and optionally `summary`), found an integer",
        (20, 13),
    ),
    ui(
        "invalid_example_json",
        Code::InvalidExampleJson,
        Edit(
            "body = \"Thing\"",
            "body = \"Thing\"\nexamples = [{ json = \"{ \\\"name\\\": }\" }]",
        ),
        "example is not valid JSON: expected value at line 1 column 11",
        (20, 22),
    ),
    case(
        Code::FileInErrorResponse,
        Append("\n[response.404]\nbody = \"File\"\n"),
        "`File` can only be the body of a success (2xx) response",
        (25, 8),
    ),
    case(
        Code::FileInsideResponseBody,
        Append("\n[response.404]\nbody = \"Array<File>\"\n"),
        "`File` can only be a whole response body, not part of one",
        (25, 8),
    ),
    case(
        Code::HeaderType,
        Append("\n[response.200.headers.X-Count]\ntype = \"Array<String>\"\n"),
        "header `X-Count` of response 200 must have a scalar type, found `Array<String>`",
        (25, 8),
    ),
    case(
        Code::ConflictingSuccessBodies,
        Append("\n[response.201]\nbody = \"Object\"\n"),
        "success responses 200 and 201 have different bodies",
        (24, 11),
    ),
    case(
        Code::BodyWithoutContent,
        Edit("[response.200]", "[response.204]"),
        "a 204 response has no content, so it cannot have a body",
        (19, 8),
    ),
    ui(
        "no_success_response",
        Code::NoSuccessResponse,
        Edit("[response.200]", "[response.404]"),
        "operation `ShowThing` documents no success (2xx) response",
        (2, 6),
    ),
    // Generated Rust names.
    case(
        Code::ReservedName,
        Append("\n[query.send]\ntype = \"String\"\n"),
        "query parameter `send` would become a builder method `send`, which the builder already has",
        (24, 8),
    ),
    case(
        Code::ReservedPagingName,
        Append(PAGED_WITH_ITEMS),
        "query parameter `items` would become a builder method `items`, which the builder of a paged operation already has",
        (27, 8),
    ),
    case(
        Code::BodyParameterClash,
        Append("\n[query.body]\ntype = \"String\"\n\n[body]\ntype = \"Thing\"\n"),
        "a parameter named `body` clashes with the request body argument",
        (24, 8),
    ),
    ui(
        "object_names_collide",
        Code::TypeNameTaken,
        Append("\n[object.thing.name]\ntype = \"String\"\n"),
        "the generated type name `Thing` is already taken (on line 21)",
        (24, 9),
    ),
    case(
        Code::MissingService,
        Service(
            "[service]\nname = \"ecs\"\ntitle = \"Elastic Cloud Server\"\nendpoint = \"https://ecs.{region}.otc.t-systems.com\"\n",
            "",
        ),
        "missing required table `[service]`",
        (1, 1),
    ),
    case(
        Code::InvalidServiceName,
        Service("name = \"ecs\"", "name = \"Elastic-Cloud\""),
        "service name `Elastic-Cloud` is not a short lowercase name",
        (3, 8),
    ),
    case(
        Code::InvalidEndpoint,
        Service("{region}", "{project_id}"),
        "`{project_id}` is not a placeholder of an endpoint",
        (5, 12),
    ),
    case(
        Code::InvalidCatalog,
        Service(
            ".com\"\n",
            ".com\"\ncatalog = { compute = \"v2.1/{project_id}\" }\n",
        ),
        "invalid catalog path `v2.1/{project_id}`: a path below the endpoint starts with `/`",
        (6, 23),
    ),
    case(
        Code::DuplicateErrorCode,
        Errors("\"Ecs.0002\"", "\"Ecs.0001\""),
        "error code `Ecs.0001` is listed twice",
        (8, 8),
    ),
    case(
        Code::InvalidErrorStatus,
        Errors("404", "200"),
        "status 200 is not an error status",
        (9, 10),
    ),
    case(
        Code::EmptyErrorCode,
        Errors("\"Ecs.0002\"", "\"\""),
        "empty error code",
        (8, 8),
    ),
];

/// Makes [`BASE`] a paged operation (`offset`, `limit`, and `total` with one array in the
/// success body) with a query parameter `items`, the name of a paged builder's method.
const PAGED_WITH_ITEMS: &str = "\n[query.offset]\ntype = \"Long\"\n\n[query.items]\ntype = \"String\"\n\n[object.Thing.total]\ntype = \"Long\"\n\n[object.Thing.tags]\ntype = \"Array<String>\"\n";

/// The compile-fail cases whose mistake is not in the spec text.
const UI_WITHOUT_CASE: &[&str] = &[
    // The file is missing: reported by the macro, not by `load`.
    "file_not_found",
    // Several mistakes in one spec; each has its own case above.
    "many_mistakes_at_once",
    "no_follow_on_errors",
];

fn text(case: &Case) -> String {
    match case.text {
        Edit(from, to) => {
            assert_eq!(
                BASE.matches(from).count(),
                1,
                "{:?}: the edited text must occur once in the base spec: {from:?}",
                case.code
            );
            BASE.replacen(from, to, 1)
        }
        Append(more) => format!("{BASE}{more}"),
        Service(from, to) => {
            assert_eq!(
                SERVICE.matches(from).count(),
                1,
                "{:?}: {from:?}",
                case.code
            );
            SERVICE.replacen(from, to, 1)
        }
        Errors(from, to) => {
            assert_eq!(ERRORS.matches(from).count(), 1, "{:?}: {from:?}", case.code);
            ERRORS.replacen(from, to, 1)
        }
    }
}

fn fail(name: &str, text: &str) -> LoadError {
    if text.starts_with("# errors") {
        return match apigw_spec::service::load_errors(name, text) {
            Ok(_) => panic!("{name}: the error-code file loaded without a problem:\n{text}"),
            Err(err) => err,
        };
    }
    if text.starts_with("# service") {
        return match apigw_spec::service::load(name, text) {
            Ok(_) => panic!("{name}: the service file loaded without a problem:\n{text}"),
            Err(err) => err,
        };
    }
    match load(name, text) {
        Ok(_) => panic!("{name}: the spec loaded without a problem:\n{text}"),
        Err(err) => err,
    }
}

#[test]
fn base_spec_is_valid() {
    if let Err(err) = load("base.toml", BASE) {
        panic!("{err}");
    }
    if let Err(err) = apigw_spec::service::load("service.toml", SERVICE) {
        panic!("{err}");
    }
}

#[test]
fn every_case_reports_its_code_message_and_position() {
    let mut failures = Vec::new();
    for case in CASES {
        let text = text(case);
        let err = fail(case.code.as_str(), &text);
        let found: Vec<(Code, String, (usize, usize))> = err
            .diagnostics
            .iter()
            .map(|d| {
                let at = err.source.position(d.span.start);
                (d.code, d.message.clone(), (at.line, at.column))
            })
            .collect();
        let expected = (case.code, (case.message, case.at));
        let ok = matches!(found.as_slice(), [(code, message, at)]
            if *code == case.code && message.contains(case.message) && *at == case.at);
        if !ok {
            failures.push(format!(
                "{:?} (ui: {:?}): expected exactly {expected:?}, found {found:?}\n{}",
                case.code,
                case.ui,
                err.rendered().join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// `pages` and `items` are taken only where the builder has them: on an operation that
/// does not page they are ordinary parameter names.
#[test]
fn paging_names_are_reserved_only_where_the_operation_pages() {
    let paged = format!("{BASE}{PAGED_WITH_ITEMS}");
    // The macro's fallback still pages; only the parameter goes.
    let salvaged = fail("paged.toml", &paged).salvage().unwrap();
    assert!(apigw_spec::paging::detect(&salvaged).is_some());
    assert!(
        salvaged
            .params
            .iter()
            .all(|p| p.field.name.value != "items")
    );
    for name in ["items", "pages"] {
        let paged = paged.replace("[query.items]", &format!("[query.{name}]"));
        let codes: Vec<Code> = fail("paged.toml", &paged)
            .diagnostics
            .iter()
            .map(|d| d.code)
            .collect();
        assert_eq!(codes, [Code::ReservedPagingName], "{name}");
        // Without `offset` the operation does not page, and the name is free.
        let unpaged = paged.replace("[query.offset]", "[query.start]");
        if let Err(err) = load("unpaged.toml", &unpaged) {
            panic!("{name}: {err}");
        }
    }
}

#[test]
fn every_code_has_a_case() {
    let missing: Vec<&str> = Code::ALL
        .iter()
        .filter(|code| !CASES.iter().any(|case| case.code == **code))
        .map(|code| code.as_str())
        .collect();
    assert!(
        missing.is_empty(),
        "codes without a case in apigw-spec/tests/diagnostics.rs: {missing:?}"
    );
}

/// The compile-fail cases, as (name, spec text, expected stderr).
fn ui_cases() -> Vec<(String, String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/ui/spec");
    let mut cases = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let stderr = std::fs::read_to_string(path.with_extension("stderr"))
                .unwrap_or_else(|e| panic!("{name}.stderr: {e}"));
            cases.push((name, std::fs::read_to_string(&path).unwrap(), stderr));
        }
    }
    cases.sort();
    cases
}

#[test]
fn every_compile_fail_spec_has_a_case() {
    let cases = ui_cases();
    assert!(cases.len() > 20, "tests/ui/spec/*.toml not found");
    let missing: Vec<&str> = cases
        .iter()
        .map(|(name, ..)| name.as_str())
        .filter(|name| !UI_WITHOUT_CASE.contains(name))
        .filter(|name| !CASES.iter().any(|case| case.ui == Some(*name)))
        .collect();
    assert!(
        missing.is_empty(),
        "tests/ui/spec cases without a case here: {missing:?}"
    );
    for case in CASES.iter().filter(|c| c.ui.is_some()) {
        let name = case.ui.unwrap();
        let (.., ui_text, _) = cases
            .iter()
            .find(|(n, ..)| n == name)
            .unwrap_or_else(|| panic!("tests/ui/spec/{name}.toml is gone"));
        assert_eq!(
            &text(case),
            ui_text,
            "{name}: the case's spec differs from the ui one"
        );
    }
}

/// The `.stderr` files of the compile-fail cases hold `error: ` and the rendered diagnostic
/// (continuation lines indented by 7), then where the macro was called. The rendering must
/// stay what they say.
#[test]
fn compile_fail_messages_are_the_rendered_diagnostics() {
    for (name, text, stderr) in ui_cases() {
        let file = format!("spec/{name}.toml");
        let err = fail(&file, &text);
        let rendered: Vec<String> = err
            .rendered()
            .iter()
            .map(|r| format!("error: {}", r.replace('\n', "\n       ")))
            .collect();
        let expected: Vec<&str> = stderr
            .split("\n\nerror: ")
            .map(|block| block.split("\n --> ").next().unwrap())
            .map(|block| block.strip_prefix("error: ").unwrap_or(block))
            .collect();
        let rendered: Vec<&str> = rendered
            .iter()
            .map(|r| r.strip_prefix("error: ").unwrap())
            .collect();
        assert_eq!(rendered, expected, "{name}");
    }
}

/// [`check::field_problems`] applies the same rules as the checker: every case whose code
/// concerns one field's constraints gets that code for the field on its own.
#[test]
fn field_problems_agree_with_the_checker() {
    for case in CASES.iter().filter(|c| c.code.constraint().is_some()) {
        let err = fail(case.code.as_str(), &text(case));
        let spec = err.partial.as_ref().expect("the spec was read");
        let mut codes: Vec<Code> = Vec::new();
        for param in &spec.params {
            let what = format!("{} `{}`", param.location.noun(), param.field.name.value);
            codes.extend(problems(&what, &param.field));
        }
        for object in &spec.objects {
            for field in &object.fields {
                let what = format!(
                    "field `{}` of object `{}`",
                    field.name.value, object.name.value
                );
                codes.extend(problems(&what, field));
            }
        }
        assert_eq!(codes, [case.code], "{:?}", case.code);
    }
}

fn problems(what: &str, field: &apigw_spec::Field) -> Vec<Code> {
    let mut field = field.clone();
    // As the importer builds them: no place in a file.
    field.name.span = 0..0;
    field.schema.ty.span = 0..0;
    check::field_problems(what, &field)
        .iter()
        .map(|d: &Diagnostic| d.code)
        .collect()
}
