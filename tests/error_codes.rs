//! Every service's documented error codes: each crate's `ErrorCode` reads a documented code
//! sent in an error body, and every operation's error reaches it (`err.code()`).

use apigw_runtime::{RawResponse, ServiceErrorCode, StatusCode};
use bytes::Bytes;

/// A documented code of `C`, sent as the service would (`{"error_code", "error_msg"}`), reads
/// back as the variant whose documentation is that row; an undocumented one is `Unknown`, and
/// kept. A service whose reference has no error-code appendix documents none and keeps every
/// code as `Unknown`.
fn decodes<C: ServiceErrorCode + PartialEq + std::fmt::Debug>(service: &str) {
    let unknown = C::from_code("Nobody.0000");
    assert_eq!(unknown.documented(), None, "{service}");
    assert!(
        format!("{unknown:?}").contains("Nobody.0000"),
        "{service}: {unknown:?}"
    );
    let Some(documented) = C::DOCUMENTED.get(C::DOCUMENTED.len() / 2) else {
        return;
    };
    let body = serde_json::json!({
        "error_code": documented.code,
        "error_msg": documented.message.unwrap_or("failed"),
    });
    let raw = RawResponse::new(
        "Op",
        StatusCode::from_u16(documented.status).unwrap(),
        Default::default(),
        Bytes::from(body.to_string()),
    );
    let apigw_runtime::Error::Service(error) = raw.error(()) else {
        panic!("{service}: an error status is a service error");
    };
    let code = C::from_code(error.error_code.as_deref().expect("the code is read"));
    assert_eq!(code.documented(), Some(documented), "{service}");
    assert_eq!(C::from_code(documented.code), code, "{service}");
}

#[path = "../src/bin/apigw/services.rs"]
#[macro_use]
mod services;

/// One test per service crate of `specs/` (`build.rs` lists them).
macro_rules! tests {
    ($($name:ident),* $(,)?) => {$(
        #[test]
        fn $name() {
            super::decodes::<$name::ErrorCode>(stringify!($name));
        }
    )*};
}

mod each {
    each_service!(tests);
}

/// The services whose references have an error-code appendix document their codes.
#[test]
fn services_with_an_error_code_appendix_document_them() {
    let documenting = services::SERVICES
        .iter()
        .filter(|s| !s.error_codes.is_empty())
        .count();
    assert!(
        documenting >= 17,
        "{documenting} services document error codes"
    );
}

/// An ECS operation, whose page documents no error status, still gives the documented code.
#[tokio::test]
async fn an_operation_error_gives_its_services_code() {
    use wiremock::matchers::method;
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404).set_body_raw(
            r#"{"error":{"code":"Ecs.0114","message":"The ECS does not exist."}}"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    let client = apigw_ecs::Client::new(
        apigw_ecs::Config::builder()
            .endpoint(server.uri())
            .project_id("p")
            .credentials(apigw_ecs::Credentials::token("t"))
            .build()
            .unwrap(),
    )
    .unwrap();
    let err = client.show_server_v1("s-1").send().await.unwrap_err();
    assert_eq!(err.code(), Some(apigw_ecs::ErrorCode::Ecs0114));
    let code = err.code().unwrap();
    assert_eq!(code.meaning(), Some("The ECS cannot be detected."));
    assert_eq!(code.as_str(), "Ecs.0114");
    assert_eq!(code.documented().map(|d| d.status), Some(404));
    assert_eq!(err.error_msg(), Some("The ECS does not exist."));
}
