//! Fields the reference documents as secret are `SecretString`s: `Debug` of a body shows
//! `"***"` in their place, and the request sent still carries the value.

use apigw_ecs::operation::create_servers::CreateServersRequestBody;
use apigw_ecs::{Client, Config, Credentials};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PASSWORD: &str = "Cloud-Passw0rd!";
const USER_DATA: &str = "IyEvYmluL2Jhc2gKZWNobyBwYXNzd29yZA==";

/// The first documented example request of `CreateServers`, with a password and user data.
fn body() -> CreateServersRequestBody {
    let file =
        "specs/elastic-cloud-server/apis_recommended/lifecycle_management/create_servers.toml";
    let text = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file))
        .expect("the spec is there");
    let spec = apigw_spec::load(file, &text).expect("the spec loads");
    let example = &spec.body.expect("a body").examples[0].json.value;
    let mut body: CreateServersRequestBody =
        serde_json::from_str(example).expect("the documented example decodes");
    body.server.admin_pass = Some(PASSWORD.into());
    body.server.user_data = Some(USER_DATA.into());
    body
}

/// An ECS client of project `proj-1` at `endpoint`.
fn ecs_client(endpoint: &str) -> Client {
    Client::new(
        Config::builder()
            .endpoint(endpoint)
            .project_id("proj-1")
            .credentials(Credentials::token("tok"))
            .build()
            .unwrap(),
    )
    .unwrap()
}

#[test]
fn debug_of_a_body_shows_no_password() {
    let shown = format!("{:?} {:#?}", body(), body());
    assert!(!shown.contains(PASSWORD), "{shown}");
    assert!(!shown.contains(USER_DATA), "{shown}");
    assert!(shown.contains("admin_pass: Some(\"***\")"), "{shown}");
    // The rest of the body still shows.
    assert!(shown.contains("newserver"), "{shown}");
}

#[tokio::test]
async fn the_request_sent_carries_the_password() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/proj-1/cloudservers"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"job_id":"j-1","serverIds":["s-1"]}"#,
            "application/json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let response = ecs_client(&server.uri())
        .create_servers(body())
        .send()
        .await
        .unwrap();
    assert_eq!(response.job_id.as_deref(), Some("j-1"));
    let received = server.received_requests().await.unwrap();
    let sent: serde_json::Value = serde_json::from_slice(&received[0].body).unwrap();
    assert_eq!(sent["server"]["adminPass"], PASSWORD);
    assert_eq!(sent["server"]["user_data"], USER_DATA);
}

const SUBJECT_TOKEN: &str = "MIIDkgYJKoZIhvcNAQcCoIIDgzCCA38CAQExDTALBglghkgBZQMEAgEwgXXXXX";

fn iam_client(endpoint: &str) -> apigw_iam::Client {
    apigw_iam::Client::new(
        apigw_iam::Config::builder()
            .endpoint(endpoint)
            .project_id("proj-1")
            .credentials(apigw_iam::Credentials::token("tok"))
            .build()
            .unwrap(),
    )
    .unwrap()
}

/// A header the reference documents as a token (`X-Subject-Token`) is a secret too: neither
/// the request builder's `Debug` nor the built request's shows it.
#[test]
fn debug_of_a_request_shows_no_token_header() {
    let builder = iam_client("http://127.0.0.1:9").verify_token(SUBJECT_TOKEN);
    let request = builder.clone().build().expect("the request builds");
    let shown = format!("{builder:?} {request:?} {request:#?}");
    assert!(!shown.contains(SUBJECT_TOKEN), "{shown}");
    assert!(shown.contains("X-Subject-Token"), "{shown}");
    // What is sent is the token itself.
    assert!(
        request
            .headers()
            .iter()
            .any(|(name, value)| *name == "X-Subject-Token" && value == SUBJECT_TOKEN),
        "{:?}",
        request.headers()
    );
}

/// A built request's `Debug` shows the size of its body, never the body (which can hold a
/// password).
#[test]
fn debug_of_a_built_request_shows_no_body() {
    let request = ecs_client("http://127.0.0.1:9")
        .create_servers(body())
        .build()
        .expect("the request builds");
    let shown = format!("{request:?}");
    assert!(!shown.contains(PASSWORD), "{shown}");
    assert!(shown.contains(" bytes>"), "{shown}");
    let sent = std::str::from_utf8(request.body().expect("a body")).unwrap();
    assert!(sent.contains(PASSWORD));
}
