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
    let client = Client::new(
        Config::builder()
            .endpoint(server.uri())
            .project_id("proj-1")
            .credentials(Credentials::token("tok"))
            .build()
            .unwrap(),
    )
    .unwrap();
    let response = client.create_servers(body()).send().await.unwrap();
    assert_eq!(response.job_id.as_deref(), Some("j-1"));
    let received = server.received_requests().await.unwrap();
    let sent: serde_json::Value = serde_json::from_slice(&received[0].body).unwrap();
    assert_eq!(sent["server"]["adminPass"], PASSWORD);
    assert_eq!(sent["server"]["user_data"], USER_DATA);
}
