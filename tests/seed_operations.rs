//! The two seed operations end to end against a real HTTP server on loopback: what the server
//! receives, and every documented example response decoded into the generated types.

mod support;

use apigw_apig::operation::list_api_versions_v2::{ApiVersionRespStatus, ListApiVersionsV2Error};
use apigw_apig::operation::list_endpoint_connections::{
    EndpointConnectionStatus, ListEndpointConnectionsError, Status,
};
use apigw_apig::{BuildError, Error, ErrorKind};
use serde_json::Value;
use support::{PROJECT, TOKEN, client, examples, json_reply, spec};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const VERSIONS_SPEC: &str = "specs/apig/api_management/list_api_versions_v2.toml";
const CONNECTIONS_SPEC: &str = "specs/apig/vpc_endpoint_management/list_endpoint_connections.toml";

fn versions_path() -> String {
    format!("/v2/{PROJECT}/apigw/instances/inst-1/apis/publish/api-1")
}

fn connections_path() -> String {
    format!("/v2/{PROJECT}/apigw/instances/inst-1/vpc-endpoint/connections")
}

async fn serve(server: &MockServer, at: String, status: u16, body: &str) {
    server.reset().await;
    Mock::given(method("GET"))
        .and(path(at))
        .respond_with(json_reply(status, body))
        .mount(server)
        .await;
}

#[tokio::test]
async fn list_api_versions_v2_sends_method_path_query_and_token() {
    let server = MockServer::start().await;
    let (_, ok) = examples(&spec(VERSIONS_SPEC))
        .into_iter()
        .find(|(s, _)| *s == 200)
        .unwrap();
    Mock::given(method("GET"))
        .and(path(versions_path()))
        .and(header("x-auth-token", TOKEN))
        .respond_with(json_reply(200, &ok))
        .expect(1)
        .mount(&server)
        .await;

    let response = client(&server)
        .list_api_versions_v2("inst-1", "api-1")
        .env_name("RELEASE")
        .limit(50)
        .send()
        .await
        .unwrap();

    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 1);
    // Only the parameters that were set are sent, in the spec's order.
    assert_eq!(received[0].url.query(), Some("limit=50&env_name=RELEASE"));
    assert_eq!(response.request_id(), Some("req-200"));
    assert_eq!(response.total, Some(1));
    let version = &response.api_versions.as_ref().unwrap()[0];
    assert_eq!(version.version_no.as_deref(), Some("20200803093600"));
    assert_eq!(version.env_name.as_deref(), Some("RELEASE"));
    assert_eq!(version.status, Some(ApiVersionRespStatus::Effective));
    assert_eq!(version.remark, None, "absent in the example");
}

#[tokio::test]
async fn list_endpoint_connections_sends_enum_query_and_no_unset_parameters() {
    let server = MockServer::start().await;
    let (_, ok) = examples(&spec(CONNECTIONS_SPEC))
        .into_iter()
        .find(|(s, _)| *s == 200)
        .unwrap();
    Mock::given(method("GET"))
        .and(path(connections_path()))
        .and(header("x-auth-token", TOKEN))
        .respond_with(json_reply(200, &ok))
        .expect(2)
        .mount(&server)
        .await;
    let client = client(&server);

    let plain = client
        .list_endpoint_connections("inst-1")
        .send()
        .await
        .unwrap();
    let filtered = client
        .list_endpoint_connections("inst-1")
        .status(Status::PendingAcceptance)
        .marker_id(167960098)
        .offset(0)
        .send()
        .await
        .unwrap();

    let received = server.received_requests().await.unwrap();
    assert_eq!(received[0].url.query(), None);
    assert_eq!(
        received[1].url.query(),
        Some("offset=0&marker_id=167960098&status=pendingAcceptance")
    );
    let connection = &plain.connections.as_ref().unwrap()[0];
    assert_eq!(connection.status, Some(EndpointConnectionStatus::Accepted));
    assert_eq!(connection.marker_id, Some(167960098));
    assert_eq!(plain.total, filtered.total);
}

/// The status a documented error variant stands for.
fn versions_variant_status(kind: &ListApiVersionsV2Error) -> Option<u16> {
    Some(match kind {
        ListApiVersionsV2Error::BadRequest(_) => 400,
        ListApiVersionsV2Error::Unauthorized(_) => 401,
        ListApiVersionsV2Error::Forbidden(_) => 403,
        ListApiVersionsV2Error::NotFound(_) => 404,
        ListApiVersionsV2Error::InternalServerError(_) => 500,
        _ => return None,
    })
}

fn connections_variant_status(kind: &ListEndpointConnectionsError) -> Option<u16> {
    Some(match kind {
        ListEndpointConnectionsError::Unauthorized(_) => 401,
        ListEndpointConnectionsError::Forbidden(_) => 403,
        ListEndpointConnectionsError::NotFound(_) => 404,
        ListEndpointConnectionsError::InternalServerError(_) => 500,
        _ => return None,
    })
}

fn assert_documented_error<E: std::fmt::Debug>(
    err: &Error<E>,
    status: u16,
    example: &Value,
    variant_status: fn(&E) -> Option<u16>,
) {
    assert_eq!(err.kind(), ErrorKind::Service, "{err:?}");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(status));
    assert_eq!(err.error_code(), example["error_code"].as_str());
    assert_eq!(err.error_msg(), example["error_msg"].as_str());
    assert_eq!(err.request_id(), Some(format!("req-{status}").as_str()));
    assert_eq!(
        variant_status(err.service_kind().unwrap()),
        Some(status),
        "{err:?}"
    );
    let line = err.to_string();
    assert!(
        line.contains(example["error_code"].as_str().unwrap()) && line.contains("req-"),
        "{line}"
    );
}

#[tokio::test]
async fn every_documented_list_api_versions_v2_example_decodes() {
    let server = MockServer::start().await;
    let client = client(&server);
    let all = examples(&spec(VERSIONS_SPEC));
    assert_eq!(all.len(), 6, "200 and five error statuses are documented");
    for (status, json) in all {
        serve(&server, versions_path(), status, &json).await;
        let example: Value = serde_json::from_str(&json).unwrap();
        match client.list_api_versions_v2("inst-1", "api-1").send().await {
            Ok(response) => {
                assert_eq!(status, 200);
                // Re-encoding the decoded body gives the documented JSON back.
                assert_eq!(serde_json::to_value(response.body()).unwrap(), example);
            }
            Err(err) => assert_documented_error(&err, status, &example, versions_variant_status),
        }
    }
}

#[tokio::test]
async fn every_documented_list_endpoint_connections_example_decodes() {
    let server = MockServer::start().await;
    let client = client(&server);
    let all = examples(&spec(CONNECTIONS_SPEC));
    assert_eq!(all.len(), 5, "200 and four error statuses are documented");
    for (status, json) in all {
        serve(&server, connections_path(), status, &json).await;
        let example: Value = serde_json::from_str(&json).unwrap();
        match client.list_endpoint_connections("inst-1").send().await {
            Ok(response) => {
                assert_eq!(status, 200);
                assert_eq!(serde_json::to_value(response.body()).unwrap(), example);
            }
            Err(err) => assert_documented_error(&err, status, &example, connections_variant_status),
        }
    }
}

#[tokio::test]
async fn unknown_enum_values_decode_as_unknown_and_encode_back_unchanged() {
    let server = MockServer::start().await;
    let client = client(&server);
    let body = r#"{"total":1,"size":1,"api_versions":[{"version_id":"v","status":3}]}"#;
    serve(&server, versions_path(), 200, body).await;
    let response = client
        .list_api_versions_v2("inst-1", "api-1")
        .send()
        .await
        .unwrap();
    let status = response.api_versions.as_ref().unwrap()[0].status.unwrap();
    assert!(
        matches!(status, ApiVersionRespStatus::Unknown(v) if *v.get() == 3),
        "{status:?}"
    );
    assert_eq!(
        serde_json::to_value(response.body()).unwrap(),
        serde_json::from_str::<Value>(body).unwrap()
    );

    let body = r#"{"connections":[{"id":"c","status":"migrating"}]}"#;
    serve(&server, connections_path(), 200, body).await;
    let response = client
        .list_endpoint_connections("inst-1")
        .send()
        .await
        .unwrap();
    let status = response.connections.as_ref().unwrap()[0]
        .status
        .clone()
        .unwrap();
    assert_eq!(status.as_str(), "migrating");
    assert!(matches!(status, EndpointConnectionStatus::Unknown(_)));
    assert_eq!(
        serde_json::to_value(response.body()).unwrap(),
        serde_json::from_str::<Value>(body).unwrap()
    );
}

#[tokio::test]
async fn absent_optional_fields_and_extra_fields_decode() {
    let server = MockServer::start().await;
    let client = client(&server);
    serve(
        &server,
        versions_path(),
        200,
        r#"{"api_versions":[{}],"new_field":{"x":1}}"#,
    )
    .await;
    let response = client
        .list_api_versions_v2("inst-1", "api-1")
        .send()
        .await
        .unwrap();
    assert_eq!(response.total, None);
    assert_eq!(response.size, None);
    let version = &response.api_versions.as_ref().unwrap()[0];
    assert_eq!(version, &Default::default());

    serve(&server, connections_path(), 200, "{}").await;
    let response = client
        .list_endpoint_connections("inst-1")
        .send()
        .await
        .unwrap();
    assert_eq!(response.connections, None);
}

#[tokio::test]
async fn out_of_range_limit_is_refused_before_anything_is_sent() {
    let server = MockServer::start().await;
    let client = client(&server);
    for limit in [0, 501, -5] {
        let err = client
            .list_api_versions_v2("inst-1", "api-1")
            .limit(limit)
            .send()
            .await
            .unwrap_err();
        match &err {
            Error::Build(BuildError::OutOfRange {
                param,
                value,
                range,
            }) => {
                assert_eq!(*param, "limit");
                assert_eq!(value, &limit.to_string());
                assert_eq!(range, "1 to 500");
            }
            other => panic!("expected OutOfRange, got {other:?}"),
        }
        assert_eq!(err.kind(), ErrorKind::Build);
        assert!(err.to_string().contains("`limit`"), "{err}");
    }
    let err = client
        .list_endpoint_connections("inst-1")
        .limit(1000)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(
        err,
        Error::Build(BuildError::OutOfRange { param: "limit", .. })
    ));
    assert_eq!(server.received_requests().await.unwrap().len(), 0);
}

#[tokio::test]
async fn path_values_stay_one_segment() {
    let server = MockServer::start().await;
    let client = client(&server);
    serve(&server, "/anything".into(), 200, "{}").await;
    let _ = client
        .list_api_versions_v2("a/../b", "x?y#z %")
        .send()
        .await;
    let received = server.received_requests().await.unwrap();
    assert_eq!(
        received[0].url.path(),
        format!("/v2/{PROJECT}/apigw/instances/a%2F..%2Fb/apis/publish/x%3Fy%23z%20%25")
    );
    let err = client
        .list_api_versions_v2("inst-1", "..")
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Build(BuildError::InvalidPathSegment {
                param: "api_id",
                ..
            })
        ),
        "{err:?}"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn undocumented_and_undecodable_replies_are_typed_errors() {
    let server = MockServer::start().await;
    let client = client(&server);

    serve(&server, versions_path(), 200, r#"{"total": "many""#).await;
    let err = client
        .list_api_versions_v2("inst-1", "api-1")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert_eq!(err.request_id(), Some("req-200"));

    server.reset().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(502).set_body_string("<html>Bad Gateway</html>"))
        .mount(&server)
        .await;
    let err = client
        .list_api_versions_v2("inst-1", "api-1")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(
        err.service_kind(),
        Some(ListApiVersionsV2Error::Unhandled)
    ));
    assert_eq!(
        err.service().unwrap().body_excerpt,
        "<html>Bad Gateway</html>"
    );
    assert!(err.to_string().contains("502"), "{err}");

    // A documented status whose body is not the documented one is still that status.
    serve(&server, versions_path(), 404, "not json").await;
    let err = client
        .list_api_versions_v2("inst-1", "api-1")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    assert!(matches!(
        err.service_kind(),
        Some(ListApiVersionsV2Error::Unhandled)
    ));
}

#[tokio::test]
async fn the_token_never_shows_in_debug_output() {
    let server = MockServer::start().await;
    let client = client(&server);
    let request = client.list_api_versions_v2("inst-1", "api-1").limit(5);
    let shown = format!("{client:?} {request:?}");
    assert!(!shown.contains(TOKEN), "{shown}");
}
