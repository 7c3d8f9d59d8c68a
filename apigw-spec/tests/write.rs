//! `write::spec` is the inverse of `load`: every spec file under `specs/` is written back
//! byte for byte (after its header comment), and written specs load back to the same model.

use std::path::{Path, PathBuf};

use apigw_spec::{
    BodyEncoding, EnumValue, Enumeration, Example, Field, Literal, Method, Number, Object,
    Operation, Param, ParamLocation, PathSegment, PathTemplate, RequestBody, Response, Schema,
    Spanned, Spec, TypeExpr, load, write,
};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every operation spec under `specs/` (every `.toml` file but the service files), sorted, as
/// (path relative to the workspace, text).
fn spec_files() -> Vec<(String, String)> {
    let root = root();
    let paths = apigw_spec::service::operation_files(&root.join("specs")).unwrap();
    paths
        .into_iter()
        .map(|p| {
            let name = p
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// The file without the header the importer writes before the spec: the leading `#` comment
/// lines and the empty line(s) after them.
fn without_header(text: &str) -> &str {
    let mut rest = text;
    while rest.starts_with('#') {
        rest = rest.split_once('\n').map_or("", |(_, r)| r);
    }
    rest.trim_start_matches('\n')
}

/// The first line where two texts differ, for a readable failure.
fn first_difference(expected: &str, actual: &str) -> String {
    let (mut e, mut a) = (expected.lines(), actual.lines());
    for n in 1.. {
        match (e.next(), a.next()) {
            (None, None) => return "only in line endings".to_owned(),
            (x, y) if x == y => continue,
            (x, y) => return format!("line {n}: expected {x:?}, written {y:?}"),
        }
    }
    unreachable!()
}

// ---------------------------------------------------------------------------------------------
// Span erasure: every `Span` in the model set to `0..0`. The structs are destructured without
// `..`, so a field added to the model later does not escape the comparison unnoticed.

fn erase<T>(s: &mut Spanned<T>) {
    s.span = 0..0;
}

fn erase_spec(spec: &mut Spec) {
    let Spec {
        operation,
        params,
        body,
        responses,
        objects,
    } = spec;
    let Operation {
        id,
        method,
        path,
        summary: _,
        description: _,
        reference: _,
        deprecated: _,
    } = operation;
    erase(id);
    erase(method);
    let PathTemplate {
        raw: _,
        span,
        segments,
        complete: _,
    } = path;
    *span = 0..0;
    for segment in segments {
        match segment {
            PathSegment::Literal(_) => {}
            PathSegment::Param(name) => erase(name),
        }
    }
    for param in params {
        let Param {
            location: _,
            field,
            from_client,
            auth: _,
        } = param;
        erase_field(field);
        if let Some(from) = from_client {
            erase(from);
        }
    }
    if let Some(body) = body {
        let RequestBody {
            span,
            ty,
            required: _,
            description: _,
            encoding: _,
            examples,
        } = body;
        *span = 0..0;
        erase(ty);
        examples.iter_mut().for_each(erase_example);
    }
    for response in responses {
        let Response {
            status,
            description: _,
            body,
            headers,
            examples,
        } = response;
        erase(status);
        if let Some(body) = body {
            erase(body);
        }
        headers.iter_mut().for_each(erase_field);
        examples.iter_mut().for_each(erase_example);
    }
    for object in objects {
        let Object { name, fields } = object;
        erase(name);
        fields.iter_mut().for_each(erase_field);
    }
}

fn erase_example(example: &mut Example) {
    let Example { summary: _, json } = example;
    erase(json);
}

fn erase_field(field: &mut Field) {
    let Field {
        name,
        schema,
        required: _,
        description: _,
    } = field;
    erase(name);
    let Schema {
        ty,
        ty_broken: _,
        enumeration,
        default,
        minimum,
        maximum,
        min_length,
        max_length,
    } = schema;
    erase(ty);
    if let Some(Enumeration {
        span,
        type_name,
        values,
    }) = enumeration
    {
        *span = 0..0;
        if let Some(t) = type_name {
            erase(t);
        }
        for EnumValue {
            value,
            name,
            description: _,
        } in values
        {
            erase(value);
            if let Some(n) = name {
                erase(n);
            }
        }
    }
    if let Some(d) = default {
        erase(d);
    }
    for n in [minimum, maximum].into_iter().flatten() {
        erase(n);
    }
    for n in [min_length, max_length].into_iter().flatten() {
        erase(n);
    }
}

fn without_spans(spec: &Spec) -> Spec {
    let mut spec = spec.clone();
    erase_spec(&mut spec);
    spec
}

/// Writes `spec`, loads the text back and checks that nothing but spans changed; returns the
/// text.
fn round_trip(name: &str, spec: &Spec) -> String {
    let text = write::spec(spec);
    let back = load(name, &text)
        .unwrap_or_else(|e| panic!("{name}: written text does not load:\n{e}\n---\n{text}"));
    assert_eq!(
        without_spans(&back),
        without_spans(spec),
        "{name}: the model changed in a round trip; written text:\n{text}"
    );
    assert_eq!(write::spec(&back), text, "{name}: writing is not stable");
    text
}

#[test]
fn every_spec_file_is_written_back_byte_for_byte() {
    let files = spec_files();
    assert!(
        files.len() > 100,
        "expected the specs/ tree, found {} files",
        files.len()
    );
    let mut differ = Vec::new();
    for (name, text) in &files {
        let spec = load(name, text).unwrap_or_else(|e| panic!("{e}"));
        let written = write::spec(&spec);
        let expected = without_header(text);
        // What is left out is the importer's header: two comment lines and an empty line.
        let header = &text[..text.len() - expected.len()];
        let header_lines: Vec<&str> = header.split('\n').collect();
        assert!(
            header_lines.len() == 4 && header_lines[..2].iter().all(|l| l.starts_with("# ")),
            "{name}: unexpected header {header:?}"
        );
        if written != expected {
            differ.push(format!("{name}: {}", first_difference(expected, &written)));
        }
    }
    assert!(
        differ.is_empty(),
        "{} of {} spec files differ when written back:\n{}",
        differ.len(),
        files.len(),
        differ.join("\n")
    );
}

#[test]
fn every_spec_file_round_trips_through_the_model() {
    for (name, text) in spec_files() {
        let spec = load(&name, &text).unwrap_or_else(|e| panic!("{e}"));
        round_trip(&name, &spec);
    }
}

#[test]
fn span_erasure_reaches_every_span() {
    // Two loads of the same spec at different offsets differ in every span and nothing else.
    let (name, text) = spec_files()
        .into_iter()
        .find(|(n, _)| n.ends_with("list_api_versions_v2.toml"))
        .unwrap();
    let a = load(&name, &text).unwrap();
    let shifted = format!("\n\n# shifted\n{text}");
    let b = load(&name, &shifted).unwrap();
    assert_ne!(a, b);
    assert_eq!(without_spans(&a), without_spans(&b));
}

// ---------------------------------------------------------------------------------------------
// Hand-built specs with awkward content.

fn at<T>(value: T) -> Spanned<T> {
    Spanned::new(value, 0..0)
}

fn string(s: &str) -> Spanned<String> {
    at(s.to_owned())
}

/// A template read by the one path parser, spans cleared like every hand-built span here.
fn path(raw: &str) -> PathTemplate {
    let mut path = PathTemplate::parse(raw).unwrap();
    path.span = 0..0;
    for segment in &mut path.segments {
        if let PathSegment::Param(name) = segment {
            name.span = 0..0;
        }
    }
    path
}

fn field(name: &str, ty: TypeExpr) -> Field {
    Field {
        name: string(name),
        schema: Schema::of(at(ty)),
        required: false,
        description: None,
    }
}

fn param(location: ParamLocation, field: Field) -> Param {
    Param {
        location,
        field,
        from_client: None,
        auth: false,
    }
}

fn enumeration(values: Vec<EnumValue>, type_name: Option<&str>) -> Option<Enumeration> {
    Some(Enumeration {
        span: 0..0,
        type_name: type_name.map(string),
        values,
    })
}

fn plain(value: Literal) -> EnumValue {
    EnumValue {
        value: at(value),
        name: None,
        description: None,
    }
}

fn s(text: &str) -> Literal {
    Literal::String(text.to_owned())
}

fn int(i: i64) -> Number {
    Number::Integer(i)
}

fn float(x: f64) -> Number {
    Number::Float(x)
}

fn named(name: &str) -> TypeExpr {
    TypeExpr::Named(name.to_owned())
}

fn example(summary: Option<&str>, json: &str) -> Example {
    Example {
        summary: summary.map(str::to_owned),
        json: string(json),
    }
}

fn response(status: u16, description: Option<&str>, body: Option<TypeExpr>) -> Response {
    Response {
        status: at(status),
        description: description.map(str::to_owned),
        body: body.map(at),
        headers: Vec::new(),
        examples: Vec::new(),
    }
}

/// Quotes, backslashes, `'''`, non-ASCII, quoted keys, negative and float bounds, named integer
/// enumerations, maps and arrays.
fn awkward() -> Spec {
    let project = Param {
        from_client: Some(string("project_id")),
        ..param(ParamLocation::Path, {
            let mut f = field("project_id", TypeExpr::String);
            f.required = true;
            f.description = Some("Project ID.".into());
            f
        })
    };
    let mut thing = field("thing-id", TypeExpr::String);
    thing.required = true;
    thing.description = Some("Tab\there, \"quoted\" and C:\\path\\ — größe 大小 ✓".into());

    let mut page_size = field("page size", TypeExpr::Integer);
    page_size.schema.minimum = Some(at(int(-5)));
    page_size.schema.maximum = Some(at(int(500)));
    page_size.schema.default = Some(at(Literal::Number(int(20))));
    page_size.description = Some("Line one.\nLine two, with 'single' quotes.\n".into());

    let mut ratio = field("ratio", TypeExpr::Float);
    ratio.schema.minimum = Some(at(float(-1.5)));
    ratio.schema.maximum = Some(at(float(1.0)));
    ratio.schema.default = Some(at(Literal::Number(float(0.25))));
    ratio.description = Some("Holds ''' inside,\nso it cannot be a literal string.".into());

    let mut level = field("level", TypeExpr::Integer);
    level.required = true;
    level.schema.enumeration = enumeration(
        vec![
            EnumValue {
                value: at(Literal::Number(int(1))),
                name: Some(string("Low")),
                description: Some("low \"one\" \\ ok".into()),
            },
            EnumValue {
                value: at(Literal::Number(int(-2))),
                name: Some(string("Negative")),
                description: None,
            },
            EnumValue {
                value: at(Literal::Number(int(3))),
                name: None,
                description: Some("ünïcödé".into()),
            },
        ],
        Some("ThingLevel"),
    );
    level.schema.default = Some(at(Literal::Number(int(1))));

    let mut tags = field("tags", TypeExpr::Array(Box::new(TypeExpr::String)));
    tags.schema.min_length = Some(at(1));
    tags.schema.max_length = Some(at(10));
    tags.description = Some(String::new());

    let mut flag = field("flag", TypeExpr::Boolean);
    flag.schema.default = Some(at(Literal::Boolean(false)));

    let mut token = field("X-Auth-Token", TypeExpr::String);
    token.required = true;
    token.description = Some("User token.".into());
    let token = Param {
        auth: true,
        ..param(ParamLocation::Header, token)
    };
    let mut trace = field("X-Trace.Id", TypeExpr::String);
    trace.description = Some("Ends with a quote '\nover two lines'".into());

    let mut ok = response(
        200,
        Some("OK \"fine\""),
        Some(TypeExpr::Map(Box::new(named("Thing")))),
    );
    let mut request_id = field("x-request-id", TypeExpr::String);
    request_id.required = true;
    let mut rate = field("x.rate", TypeExpr::Float);
    rate.schema.minimum = Some(at(float(1e-7)));
    rate.schema.maximum = Some(at(float(1e16)));
    ok.headers = vec![request_id, rate];
    ok.examples = vec![
        example(Some("Grüße"), "{\n  \"a\": { \"b\": [1, 2.5, -3] }\n}\n"),
        example(None, "{\"quote\": \"'''\", \"back\": \"\\\\\"}\n"),
        example(Some(""), "[1, 2]"),
        example(None, "{\"x\": \"ends with '\"}"),
        example(None, "{\n\t\"tab\": \"indented with a tab\"\n}\n"),
    ];

    let mut name = field("name", TypeExpr::String);
    name.required = true;
    name.schema.min_length = Some(at(1));
    name.schema.max_length = Some(at(64));
    name.schema.default = Some(at(s("x \\ y \"z\" ''' é")));
    let mut big = field("big number", TypeExpr::Long);
    big.schema.minimum = Some(at(int(i64::MIN)));
    big.schema.maximum = Some(at(int(i64::MAX)));
    let mut score = field("score", TypeExpr::Float);
    score.schema.minimum = Some(at(float(-0.0)));
    score.schema.maximum = Some(at(float(100.0)));
    score.schema.default = Some(at(Literal::Number(float(1.0))));
    let mut kind = field("kind", TypeExpr::String);
    kind.schema.enumeration = enumeration(
        vec![
            plain(s("plain")),
            plain(s("with \"quotes\"")),
            plain(s("back\\slash")),
            plain(s("ünï")),
        ],
        None,
    );
    kind.schema.default = Some(at(s("with \"quotes\"")));
    let mut kinds = field("kinds", TypeExpr::Array(Box::new(TypeExpr::Integer)));
    kinds.schema.enumeration = enumeration(
        vec![
            plain(Literal::Number(int(1))),
            plain(Literal::Number(int(2))),
        ],
        Some("ThingKinds"),
    );
    let labels = field(
        "labels",
        TypeExpr::Map(Box::new(TypeExpr::Array(Box::new(TypeExpr::String)))),
    );
    let any = field("extra", TypeExpr::Any);
    let items = field("items", TypeExpr::Array(Box::new(named("Item"))));
    let mut item_id = field("id", TypeExpr::Long);
    item_id.required = true;

    Spec {
        operation: Operation {
            id: string("UpdateThingV2"),
            method: at(Method::Put),
            path: path("/v2/{project_id}/things/{thing-id}/détails"),
            summary: Some("Update a \"thing\" \\ größe".into()),
            description: Some("First line.\n\nThird line — ✓, with a backslash \\ kept.".into()),
            reference: Some("some/page with spaces.rst".into()),
            deprecated: Some("Use `CreateWidgetV2` \"instead\".".into()),
        },
        params: vec![
            project,
            param(ParamLocation::Path, thing),
            param(ParamLocation::Query, page_size),
            param(ParamLocation::Query, ratio),
            param(ParamLocation::Query, level),
            param(ParamLocation::Query, tags),
            param(ParamLocation::Query, flag),
            token,
            param(ParamLocation::Header, trace),
        ],
        body: Some(RequestBody {
            span: 0..0,
            ty: at(named("Thing")),
            required: false,
            description: Some("The thing.\nAll of it.\n".into()),
            encoding: BodyEncoding::Json,
            examples: vec![example(Some("Body"), "{ \"name\": \"n\" }\n")],
        }),
        responses: vec![
            ok,
            response(404, None, None),
            response(400, Some(""), Some(named("Item"))),
        ],
        objects: vec![
            Object {
                name: string("Thing"),
                fields: vec![name, big, score, kind, kinds, labels, any, items],
            },
            Object {
                name: string("Item"),
                fields: vec![item_id],
            },
        ],
    }
}

#[test]
fn awkward_content_round_trips() {
    let text = round_trip("awkward.toml", &awkward());
    for expected in [
        "[query.\"page size\"]\n",
        "minimum = -5\n",
        "minimum = -1.5\nmaximum = 1.0\n",
        "default = 0.25\n",
        "minimum = 1e-7\nmaximum = 1e16\n",
        "minimum = -9223372036854775808\nmaximum = 9223372036854775807\n",
        "enum = [\n  { value = 1, name = \"Low\", description = \"low \\\"one\\\" \\\\ ok\" },\n",
        "  { value = -2, name = \"Negative\" },\n  { value = 3, description = \"ünïcödé\" },\n]\nenum_name = \"ThingLevel\"\ndefault = 1\n",
        "[header.\"X-Trace.Id\"]\n",
        "[response.200.headers.\"x.rate\"]\n",
        "[object.Thing.\"big number\"]\n",
        "body = \"Map<String, Thing>\"",
        "type = \"Map<String, Array<String>>\"",
        "description = '''\nLine one.\nLine two, with 'single' quotes.\n'''\n",
        "description = \"Holds ''' inside,\\nso it cannot be a literal string.\"\n",
        "description = \"Ends with a quote '\\nover two lines'\"\n",
        "json = \"{\\\"quote\\\": \\\"'''\\\", \\\"back\\\": \\\"\\\\\\\\\\\"}\\n\"\n",
        "json = \"[1, 2]\"\n",
        "json = '''\n{\n\t\"tab\"",
        "[body]\ntype = \"Thing\"\nrequired = false\ndescription = '''\nThe thing.\nAll of it.\n'''\n\n[[body.examples]]\n",
        "[response.404]\n\n[response.400]\ndescription = \"\"\nbody = \"Item\"\n",
        "enum = [\"plain\", \"with \\\"quotes\\\"\", \"back\\\\slash\", \"ünï\"]\ndefault = \"with \\\"quotes\\\"\"\n",
        "default = 1.0\nminimum = -0.0\nmaximum = 100.0\n",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    // `min_length` etc. of the query array, and `description = ""` kept as `Some("")`.
    assert!(text.contains("[query.tags]\ntype = \"Array<String>\"\nmin_length = 1\nmax_length = 10\ndescription = \"\"\n"));
}

/// Control characters, CRLF, a multipart upload, a file download and a minimal operation.
#[test]
fn control_characters_and_uploads_round_trip() {
    let mut file = field("file", TypeExpr::File);
    file.required = true;
    file.description = Some("Bell \u{7} and CRLF\r\nand DEL \u{7f}.".into());
    let mut note = field("note", TypeExpr::String);
    note.description = Some("\nStarts with a line break, ends with two.\n\n".into());
    let spec = Spec {
        operation: Operation {
            id: string("UploadThing"),
            method: at(Method::Post),
            path: path("/things"),
            summary: None,
            description: None,
            reference: None,
            deprecated: None,
        },
        params: Vec::new(),
        body: Some(RequestBody {
            span: 0..0,
            ty: at(named("Upload")),
            required: true,
            description: None,
            encoding: BodyEncoding::Form,
            examples: Vec::new(),
        }),
        responses: vec![response(200, Some("OK"), Some(TypeExpr::File))],
        objects: vec![Object {
            name: string("Upload"),
            fields: vec![file, note],
        }],
    };
    let text = round_trip("upload.toml", &spec);
    assert!(text.starts_with("[operation]\nid = \"UploadThing\"\nmethod = \"POST\"\npath = \"/things\"\n\n[body]\ntype = \"Upload\"\ncontent_type = \"multipart/form-data\"\n"), "{text}");
    assert!(
        text.contains("description = \"Bell \\u0007 and CRLF\\r\\nand DEL \\u007F.\"\n"),
        "{text}"
    );
    assert!(
        text.contains("description = '''\n\nStarts with a line break, ends with two.\n\n'''\n"),
        "{text}"
    );
}

#[test]
fn numbers_are_written_so_they_read_back_the_same() {
    for (n, text) in [
        (int(0), "0"),
        (int(-7), "-7"),
        (float(1.0), "1.0"),
        (float(-2.0), "-2.0"),
        (float(0.1), "0.1"),
        (float(1e300), "1e300"),
        (float(2.5e-8), "2.5e-8"),
        (float(f64::INFINITY), "inf"),
        (float(f64::NEG_INFINITY), "-inf"),
    ] {
        assert_eq!(write::number(n), text);
    }
    assert_eq!(write::number(float(f64::NAN)), "nan");
    assert_eq!(write::key("a-b_C9"), "a-b_C9");
    assert_eq!(write::key(""), "\"\"");
    assert_eq!(write::key("a.b"), "\"a.b\"");
    assert_eq!(write::key("größe"), "\"größe\"");
}
