//! Every service's documented error codes: each crate's `ErrorCode` reads a documented code
//! sent in an error body, and every operation's error reaches it (`err.code()`).

use apigw_runtime::{DocumentedCode, RawResponse, ServiceErrorCode, StatusCode};
use bytes::Bytes;

/// A documented code of `C`, sent as the service would (`{"error_code", "error_msg"}`), reads
/// back as the variant whose documentation is that row; an undocumented one is `Unknown`.
fn decodes<C: ServiceErrorCode + PartialEq>(service: &str) {
    assert!(!C::DOCUMENTED.is_empty(), "{service} documents error codes");
    let documented: &DocumentedCode = &C::DOCUMENTED[C::DOCUMENTED.len() / 2];
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
    let unknown = C::from_code("Nobody.0000");
    assert_eq!(unknown.documented(), None, "{service}");
}

macro_rules! services {
    ($($name:ident),* $(,)?) => {$(
        #[test]
        fn $name() {
            decodes::<$name::ErrorCode>(stringify!($name));
        }
    )*};
}

use apigw_ces as ces;
use apigw_cfw as cfw;
use apigw_dcs as dcs;
use apigw_dns as dns;
use apigw_drs as drs;
use apigw_ecs as ecs;
use apigw_er as er;
use apigw_iam as iam;
use apigw_ims as ims;
use apigw_kms as kms;
use apigw_lts as lts;
use apigw_nat as nat;
use apigw_rds as rds;
use apigw_rms as rms;
use apigw_smn as smn;
use apigw_vpc as vpc;
use apigw_vpcep as vpcep;

services!(
    ces, cfw, dcs, dns, drs, ecs, er, iam, ims, kms, lts, nat, rds, rms, smn, vpc, vpcep
);

#[test]
fn apig_documents_no_codes_and_keeps_every_code() {
    assert!(apigw_apig::ErrorCode::DOCUMENTED.is_empty());
    assert_eq!(
        apigw_apig::ErrorCode::from_code("APIG.3002"),
        apigw_apig::ErrorCode::Unknown("APIG.3002".into())
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
