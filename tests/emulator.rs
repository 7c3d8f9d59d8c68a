//! The embedded emulator, through the generated client: every operation's documented example
//! request is answered with a response the generated types decode; credentials, parameters
//! and bodies are checked as the reference documents; list operations page.

mod support;

use apigw_apig::runtime::{self, FilePart, Form, Request};
use apigw_apig::{Client, Credentials, RetryPolicy};
use apigw_emulator::Emulator;
use apigw_emulator::respond::synthesize;
use apigw_spec::{BodyEncoding, ParamLocation, Spec, TypeExpr};
use serde_json::Value;
use support::{generated_specs, valid_value};

async fn emulator() -> Emulator {
    Emulator::start(generated_specs().into_iter().map(|(_, s)| s))
        .await
        .unwrap()
}

/// A client for the emulator at `url`, with `credentials`; no retries, so every status is the
/// emulator's first answer.
fn client(url: &str, credentials: Credentials) -> Client {
    support::client_for(url, |c| {
        c.credentials(credentials).retry(RetryPolicy::disabled())
    })
}

/// The operation's documented example request (path values `demo`, required query values
/// valid, the first example body), ready to send.
fn example_request(
    op: &'static runtime::DynOperation,
    spec: &Spec,
    example: Option<&Value>,
) -> Request {
    let placeholders: Vec<&'static str> = op.meta.placeholders().collect();
    let values: Vec<String> = placeholders
        .iter()
        .map(|&n| {
            match spec
                .params_in(ParamLocation::Path)
                .find(|p| p.field.name.value == n)
            {
                Some(param) => valid_value(spec, &param.field.schema),
                None => "demo".to_owned(),
            }
        })
        .collect();
    let path: Vec<(&'static str, &str)> = placeholders
        .iter()
        .copied()
        .zip(values.iter().map(String::as_str))
        .collect();
    let mut request = Request::new(op.meta, &path).unwrap();
    for param in spec
        .params_in(ParamLocation::Query)
        .filter(|p| p.field.required)
    {
        request.query(
            &param.field.name.value,
            valid_value(spec, &param.field.schema).as_str(),
        );
    }
    if let Some(body) = &spec.body {
        match body.encoding {
            BodyEncoding::Json => {
                let value = example
                    .cloned()
                    .unwrap_or_else(|| synthesize(spec, &body.ty.value, None, 0));
                request.json_body(&value).unwrap();
            }
            BodyEncoding::Form => {
                let TypeExpr::Named(name) = &body.ty.value else {
                    panic!("form body of a named object")
                };
                let mut form = Form::new();
                for field in &spec.object(name).unwrap().fields {
                    if field.schema.ty.value == TypeExpr::File {
                        form.file(
                            &field.name.value,
                            &FilePart::new("apis.yaml", "swagger: '2.0'\n"),
                        );
                    } else if field.required {
                        form.text(&field.name.value, valid_value(spec, &field.schema));
                    }
                }
                request.multipart_body(&form);
            }
        }
    }
    request
}

#[tokio::test]
async fn every_operation_of_every_service_answers_its_example_requests_with_a_decodable_response() {
    let services = support::services();
    let emulator = Emulator::start_services(
        services
            .iter()
            .map(|s| (s.name.to_owned(), support::specs(s))),
    )
    .await
    .unwrap();
    // One endpoint for every service: each at its prefix.
    let client = client(
        &format!("{}/{{service}}", emulator.url()),
        Credentials::token("t"),
    );
    let (mut operations, mut succeeded) = (0, 0);
    let mut failures = Vec::new();
    for service in &services {
        let client = runtime::Client::for_service(client.config().clone(), service).unwrap();
        // Deletes last: the emulator holds what the examples create (a key pair named as the
        // example names it), and a read after its delete would be the documented 404.
        let mut operations_in_order: Vec<_> = service.operations.to_vec();
        operations_in_order.sort_by_key(|op| op.meta.method == "DELETE");
        for op in operations_in_order {
            let spec = apigw_spec::load(op.meta.id, op.spec).unwrap();
            operations += 1;
            // Every documented example body (JSON bodies), or one made from the type.
            let examples: Vec<Option<Value>> = match &spec.body {
                Some(body) if body.encoding == BodyEncoding::Json && !body.examples.is_empty() => {
                    body.examples
                        .iter()
                        .map(|e| Some(serde_json::from_str(&e.json.value).unwrap()))
                        .collect()
                }
                _ => vec![None],
            };
            for example in examples {
                let raw = client
                    .execute(example_request(op, &spec, example.as_ref()))
                    .await
                    .unwrap();
                let status = raw.status();
                assert!(raw.header("x-request-id").is_some());
                let page = format!(
                    "{}/{}",
                    service.name,
                    spec.operation.reference.clone().unwrap_or_default()
                );
                let body = String::from_utf8_lossy(raw.body()).into_owned();
                let documented = spec.success_responses().next().unwrap().status.value;
                // Every documented example is accepted, including those that break their own
                // page's table in ways a server evidently accepts (listed in
                // tests/example_discrepancies.tsv), and the answer decodes.
                match (op.decode)(raw) {
                    Ok(_) if status == documented => succeeded += 1,
                    Ok(_) => failures.push(format!(
                        "{page}: status {status}, documented {documented}: {body}"
                    )),
                    Err(e) => failures.push(format!("{page}: {e}")),
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} example requests not answered as documented:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(
        operations,
        services.iter().map(|s| s.operations.len()).sum::<usize>(),
        "every operation of every service"
    );
    assert!(succeeded > operations, "{succeeded} answered");
}

#[tokio::test]
async fn credentials_parameters_and_bodies_are_checked() {
    let emulator = emulator().await;
    let versions = "/v2/p1/apigw/instances/demo/apis/publish/demo";
    let http = reqwest_like(&emulator.url());

    // No credentials: 401 in the documented format.
    let (status, body, id) = http.get(versions, &[]).await;
    assert_eq!(status, 401);
    assert_eq!(body["error_code"], "APIG.1002");
    assert!(id.is_some());

    // A malformed AK/SK Authorization is refused; a well-formed one is accepted.
    let (status, _, _) = http
        .get(versions, &[("authorization", "SDK-HMAC-SHA256 Access=AK")])
        .await;
    assert_eq!(status, 401);
    let signed = format!(
        "SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature={}",
        "ab".repeat(32)
    );
    let (status, _, _) = http
        .get(
            versions,
            &[
                ("authorization", &signed),
                ("x-sdk-date", "20261123T193740Z"),
            ],
        )
        .await;
    assert_eq!(status, 200);

    // Query values out of range or of the wrong type: 400 naming the parameter.
    let token = [("x-auth-token", "t")];
    let (status, body, _) = http.get(&format!("{versions}?limit=501"), &token).await;
    assert_eq!(status, 400);
    assert_eq!(body["error_code"], "APIG.2012");
    assert!(
        body["error_msg"]
            .as_str()
            .unwrap()
            .contains("parameterName:limit"),
        "{body}"
    );
    let (status, body, _) = http.get(&format!("{versions}?offset=first"), &token).await;
    assert_eq!(status, 400, "{body}");
    let (status, body, _) = http
        .get(
            "/v2/p1/apigw/instances/demo/vpc-endpoint/connections?status=bogus",
            &token,
        )
        .await;
    assert_eq!(status, 400);
    assert!(
        body["error_msg"]
            .as_str()
            .unwrap()
            .contains("parameterName:status"),
        "{body}"
    );

    // A JSON body missing a mandatory field, or with an enumerated value not documented.
    let acls = "/v2/p1/apigw/instances/demo/acls";
    let (status, body, _) = http
        .post(
            acls,
            &token,
            r#"{"acl_name": "acl-1", "acl_type": "PERMIT", "entity_type": "IP"}"#,
        )
        .await;
    assert_eq!(status, 400);
    assert!(
        body["error_msg"].as_str().unwrap().contains("acl_value"),
        "{body}"
    );
    let (status, body, _) =
        http.post(acls, &token, r#"{"acl_name": "acl-1", "acl_type": "MAYBE", "acl_value": "1.2.3.4", "entity_type": "IP"}"#).await;
    assert_eq!(status, 400);
    assert!(
        body["error_msg"].as_str().unwrap().contains("acl_type"),
        "{body}"
    );

    // An unknown route: 404 in the same format.
    let (status, body, _) = http.get("/v2/p1/apigw/nothing-here", &token).await;
    assert_eq!(
        (status, body["error_code"].as_str()),
        (404, Some("APIG.0101"))
    );
}

#[tokio::test]
async fn list_operations_page_end_to_end_through_the_generated_client() {
    use apigw_apig::runtime::paging::StreamExt;
    let emulator = emulator().await;
    let client = client(&emulator.url(), Credentials::aksk("AK", "SK"));
    let items: Vec<_> = client
        .list_api_versions_v2("gw", "api")
        .limit(7)
        .items()
        .collect()
        .await;
    assert_eq!(items.len(), apigw_emulator::respond::LIST_SIZE);
    let ids: std::collections::BTreeSet<_> = items
        .into_iter()
        .map(|i| i.unwrap())
        .map(|v| (v.api_id, v.version_id))
        .collect();
    assert_eq!(
        ids.len(),
        apigw_emulator::respond::LIST_SIZE,
        "distinct items"
    );
    // A filter the query names and the data has.
    let page = client
        .list_api_versions_v2("gw", "api")
        .env_name("no-such-env")
        .send()
        .await
        .unwrap();
    assert_eq!(page.total, Some(0));
}

/// A tiny HTTP client for requests the generated client would never send (no credentials,
/// values out of range).
fn reqwest_like(base: &str) -> Raw {
    Raw {
        base: base.to_owned(),
    }
}

struct Raw {
    base: String,
}

impl Raw {
    async fn send(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> (u16, Value, Option<String>) {
        let (host, port) = self
            .base
            .trim_start_matches("http://")
            .split_once(':')
            .unwrap();
        let mut stream = tokio::net::TcpStream::connect((host, port.parse::<u16>().unwrap()))
            .await
            .unwrap();
        let mut request =
            format!("{method} {path} HTTP/1.1\r\nhost: {host}\r\nconnection: close\r\n");
        for (k, v) in headers {
            request.push_str(&format!("{k}: {v}\r\n"));
        }
        let body = body.unwrap_or("");
        request.push_str(&format!(
            "content-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        ));
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).await.unwrap();
        let (head, body) = response.split_once("\r\n\r\n").unwrap();
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        let id = head.lines().find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("x-request-id: ")
                .map(str::to_owned)
        });
        (
            status,
            serde_json::from_str(body).unwrap_or(Value::Null),
            id,
        )
    }

    async fn get(&self, path: &str, headers: &[(&str, &str)]) -> (u16, Value, Option<String>) {
        self.send("GET", path, headers, None).await
    }

    async fn post(
        &self,
        path: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> (u16, Value, Option<String>) {
        self.send("POST", path, headers, Some(body)).await
    }
}
