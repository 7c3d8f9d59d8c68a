//! The main job without a cloud account: starts a local HTTP server that answers with the
//! responses documented in the specs, then calls both seed operations through the generated
//! client and prints what came back.
//!
//! Run with `cargo run --example demo`.

use apigw_apig::operation::list_api_versions_v2::ListApiVersionsV2Error;
use apigw_apig::operation::list_endpoint_connections::Status;
use apigw_apig::{Client, Config, Credentials};
use wiremock::matchers::{method, path_regex};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The documented example of `status` in the spec at `spec_path`.
fn documented(spec_path: &str, status: u16) -> String {
    let text = std::fs::read_to_string(format!("{}/{spec_path}", env!("CARGO_MANIFEST_DIR")))
        .expect("spec file");
    let spec = apigw_spec::load(spec_path, &text).unwrap_or_else(|e| panic!("{e}"));
    spec.responses
        .iter()
        .find(|r| r.status.value == status)
        .and_then(|r| r.examples.first())
        .map(|e| e.json.value.clone())
        .unwrap_or_else(|| panic!("{spec_path} documents no example for {status}"))
}

fn answer(status: u16, body: String) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .set_body_raw(body.into_bytes(), "application/json")
        .insert_header("x-request-id", "demo-request-1")
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    const VERSIONS: &str = "specs/api_management/list_api_versions_v2.toml";
    const CONNECTIONS: &str = "specs/vpc_endpoint_management/list_endpoint_connections.toml";

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path_regex(r"/apis/publish/missing-api$"))
        .respond_with(answer(404, documented(VERSIONS, 404)))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path_regex(
            r"^/v2/demo-project/apigw/instances/[^/]+/apis/publish/[^/]+$",
        ))
        .respond_with(answer(200, documented(VERSIONS, 200)))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path_regex(
            r"^/v2/demo-project/apigw/instances/[^/]+/vpc-endpoint/connections$",
        ))
        .respond_with(answer(200, documented(CONNECTIONS, 200)))
        .mount(&server)
        .await;
    eprintln!(
        "local APIG stand-in answering with the documented responses at {}",
        server.uri()
    );

    let client = Client::new(
        Config::builder()
            .endpoint(server.uri())
            .project_id("demo-project")
            .credentials(Credentials::token("demo-token"))
            .build()?,
    )?;

    println!("== ListApiVersionsV2 (env_name=RELEASE, limit=50)");
    let versions = client
        .list_api_versions_v2("demo-gateway", "5f918d104dc84480a75166ba99efff21")
        .env_name("RELEASE")
        .limit(50)
        .send()
        .await?;
    println!(
        "status {}, request id {:?}",
        versions.status(),
        versions.request_id()
    );
    println!("{:#?}", versions.body());

    println!("\n== ListEndpointConnections (status=accepted)");
    let connections = client
        .list_endpoint_connections("demo-gateway")
        .status(Status::Accepted)
        .send()
        .await?;
    println!(
        "status {}, request id {:?}",
        connections.status(),
        connections.request_id()
    );
    println!("{:#?}", connections.body());

    println!("\n== An error: ListApiVersionsV2 for an API that does not exist");
    match client
        .list_api_versions_v2("demo-gateway", "missing-api")
        .send()
        .await
    {
        Ok(response) => println!("unexpected success: {:?}", response.body()),
        Err(err) => {
            println!("{err}");
            if let Some(ListApiVersionsV2Error::NotFound(body)) = err.service_kind() {
                println!("typed 404 body: {body:?}");
            }
        }
    }

    println!("\n== Refused locally: limit(0) is outside the documented 1 to 500");
    let err = client
        .list_api_versions_v2("demo-gateway", "5f918d104dc84480a75166ba99efff21")
        .limit(0)
        .send()
        .await
        .unwrap_err();
    println!("{err}");
    Ok(())
}
