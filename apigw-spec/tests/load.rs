//! Loading real specs and broken ones, outside any macro.

use apigw_spec::{Literal, Method, Number, ParamLocation, TypeExpr, load};

fn seed(path: &str) -> String {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    std::fs::read_to_string(format!("{root}/{path}")).unwrap()
}

#[test]
fn loads_list_api_versions_v2() {
    let text = seed("specs/apig/api_management/list_api_versions_v2.toml");
    let spec = load("specs/apig/api_management/list_api_versions_v2.toml", &text)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(spec.operation.id.value, "ListApiVersionsV2");
    assert_eq!(spec.operation.method.value, Method::Get);
    let placeholders: Vec<_> = spec
        .operation
        .path
        .placeholders()
        .map(|p| p.value.as_str())
        .collect();
    assert_eq!(placeholders, ["project_id", "instance_id", "api_id"]);
    let limit = spec
        .params_in(ParamLocation::Query)
        .find(|p| p.field.name.value == "limit")
        .unwrap();
    assert_eq!(limit.field.schema.ty.value, TypeExpr::Integer);
    assert_eq!(
        limit.field.schema.minimum.as_ref().unwrap().value,
        Number::Integer(1)
    );
    assert_eq!(
        limit.field.schema.maximum.as_ref().unwrap().value,
        Number::Integer(500)
    );
    assert_eq!(
        limit.field.schema.default.as_ref().unwrap().value,
        Literal::Number(Number::Integer(20))
    );
    // The span of the name points at `limit` in `[query.limit]`.
    assert_eq!(&text[limit.field.name.span.clone()], "limit");
    let statuses: Vec<u16> = spec.responses.iter().map(|r| r.status.value).collect();
    assert_eq!(statuses, [200, 400, 401, 403, 404, 500]);
    assert_eq!(spec.objects.len(), 3);
    let status = &spec.object("ApiVersionResp").unwrap().fields[7];
    assert_eq!(status.schema.enumeration.as_ref().unwrap().values.len(), 2);
}

#[test]
fn loads_list_endpoint_connections() {
    let text = seed("specs/apig/vpc_endpoint_management/list_endpoint_connections.toml");
    let spec = load("x.toml", &text).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(spec.responses[0].headers[0].name.value, "x-request-id");
    assert_eq!(spec.responses[0].examples.len(), 1);
    let auth = spec.params_in(ParamLocation::Header).next().unwrap();
    assert!(auth.auth);
}

#[test]
fn reports_every_problem_with_its_position() {
    let text = r#"[operation]
id = "Broken"
method = "FETCH"
path = "/v2/{project_id}/things/{thing_id}"

[path.project_id]
type = "Strng"

[query.limit]
type = "Integer"
mininum = 1
minimum = 10
maximum = 5
default = 50

[response.200]
body = "Thing"
"#;
    let err = load("specs/broken.toml", text).unwrap_err();
    let rendered = err.to_string();
    for expected in [
        "specs/broken.toml:3:10: unknown HTTP method `FETCH`",
        "specs/broken.toml:4:33: path placeholder `{thing_id}` has no path parameter",
        "specs/broken.toml:7:8: unknown type `Strng`",
        "did you mean `String`?",
        "specs/broken.toml:11:1: unknown key `mininum` in query parameter `limit`",
        "did you mean `minimum`?",
        "query parameter `limit` has minimum 10 above its maximum 5",
        "specs/broken.toml:14:11: default 50 of query parameter `limit` is outside its range 10 to 5",
        "specs/broken.toml:17:8: unknown type `Thing`",
    ] {
        assert!(
            rendered.contains(expected),
            "missing {expected:?} in:\n{rendered}"
        );
    }
}
