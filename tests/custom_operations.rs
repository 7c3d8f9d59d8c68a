//! A library author's crate: its own `Client` and its own spec, expanded by the macro. The spec
//! (tests/specs/create_widget.toml) covers a required JSON body, an integer path parameter, a
//! header parameter, an array query parameter with enumerated values, Rust keywords as field
//! names, maps, free-form objects, a 201 success and an error status without a body.

mod support;

use apigw_apig::{BuildError, Error, runtime};
use serde_json::{Value, json};
use support::{Loopback, PROJECT, TOKEN, json_reply};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The client type the generated methods are added to.
#[derive(Clone, Debug)]
pub struct Client(runtime::Client);

impl AsRef<runtime::Client> for Client {
    fn as_ref(&self) -> &runtime::Client {
        &self.0
    }
}

mod widgets {
    apigw_macros::operation!("tests/specs/create_widget.toml");
}

mod prelude_names {
    apigw_macros::operation!("tests/specs/prelude_names.toml");
}

use widgets::create_widget::{CreateWidgetError, Tag, Widget, WidgetSpec};

/// The library author's client for `endpoint`, configured as the shared fixtures are.
fn client(endpoint: &str) -> Client {
    let config = support::config(endpoint).build().unwrap();
    Client(runtime::Client::new(config).unwrap())
}

fn spec_body() -> WidgetSpec {
    WidgetSpec {
        name: "w1".into(),
        r#type: "round".into(),
        labels: Some([("a".to_owned(), "b".to_owned())].into()),
        extra: Some(json!({ "any": [1, "x"] })),
        size: Some(3),
    }
}

#[tokio::test]
async fn sends_the_json_body_path_query_and_headers() {
    let server = MockServer::start().await;
    let documented = support::spec("tests/specs/create_widget.toml");
    let request_example: Value =
        serde_json::from_str(&documented.body.as_ref().unwrap().examples[0].json.value).unwrap();
    let response_example = &documented.responses[0].examples[0].json.value;
    Mock::given(method("POST"))
        .and(path(format!("/v2/{PROJECT}/widgets/7")))
        .and(header("x-trace", "abc-1"))
        .and(header("x-auth-token", TOKEN))
        .and(header("content-type", "application/json"))
        .and(body_json(&request_example))
        .respond_with(json_reply(201, response_example))
        .expect(1)
        .mount(&server)
        .await;

    // The body encodes from the generated type to the documented example.
    assert_eq!(serde_json::to_value(spec_body()).unwrap(), request_example);

    let created = client(&server.uri())
        .create_widget(7, spec_body())
        .tag(vec![Tag::New, Tag::Used])
        .dry_run(false)
        .x_trace("abc-1")
        .send()
        .await
        .unwrap();
    assert_eq!(created.status().as_u16(), 201);
    let widget: &Widget = created.body();
    assert_eq!(widget.r#type.as_deref(), Some("round"));
    assert_eq!(widget.r#match, Some(true));
    let received = server.received_requests().await.unwrap();
    assert_eq!(
        received[0].url.query(),
        Some("tag=new&tag=used&dry_run=false")
    );
}

#[tokio::test]
async fn limits_on_paths_arrays_headers_and_nothing_is_sent() {
    let server = MockServer::start().await;
    let client = client(&server.uri());
    let err = client
        .create_widget(0, spec_body())
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Build(BuildError::OutOfRange { param: "shelf", .. })
        ),
        "{err:?}"
    );
    let err = client
        .create_widget(1, spec_body())
        .tag(vec![Tag::New, Tag::New, Tag::Used])
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Build(BuildError::Length {
                param: "tag",
                length: 3,
                ..
            })
        ),
        "{err:?}"
    );
    let err = client
        .create_widget(1, spec_body())
        .x_trace("ab")
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Build(BuildError::Length {
                param: "X-Trace",
                ..
            })
        ),
        "{err:?}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn an_error_status_without_a_body_is_its_own_variant() {
    let server = Loopback::scripted(method("POST"), vec![ResponseTemplate::new(409)]).await;
    let err = client(&server.uri())
        .create_widget(1, spec_body())
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(err.service_kind(), Some(CreateWidgetError::Conflict)),
        "{err:?}"
    );
}

#[tokio::test]
async fn generated_types_may_shadow_names_of_the_prelude() {
    use prelude_names::list_choices::{Option as Choice, Result as Choices, Vec as Number};
    let server = Loopback::scripted(
        method("GET"),
        vec![json_reply(200, r#"{"items":["x"],"total":1}"#)],
    )
    .await;
    let request = client(&server.uri())
        .list_choices()
        .option(Choice::B)
        .vec(vec![Number::V1, Number::from(7)])
        .name("n");
    assert_eq!(
        request.build().unwrap().query_string(),
        "option=b&vec=1&vec=7&name=n"
    );
    let choices: Choices = request.send().await.unwrap().into_body();
    assert_eq!(choices.items, Some(vec!["x".to_owned()]));
    assert_eq!(choices.total, Some(1));
}
