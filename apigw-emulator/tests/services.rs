//! Several services in one emulator, over loopback HTTP: each is served under its own path
//! prefix, so services whose paths collide still answer separately.

mod support;

use support::{call, get_spec, object_text};

use std::net::SocketAddr;

use apigw_emulator::Emulator;
use apigw_spec::Spec;
use serde_json::{Value, json};

/// Two operations every service here has, with the same paths: `GET /` and
/// `GET /v3/{project_id}/things/{thing_id}`, each answering with the service's name.
fn specs(service: &str) -> Vec<Spec> {
    let fields = [("service", "String"), ("what", "String")];
    let error = format!(
        "[response.404]\nbody = \"Error\"\n\n[[response.404.examples]]\n\
         json = '{{\"error_code\": \"{service}.404\", \"error_msg\": \"no such thing\"}}'\n\n{}",
        object_text(
            "Error",
            &[("error_code", "String"), ("error_msg", "String")]
        )
    );
    vec![
        get_spec(
            "ListVersions",
            "/",
            &format!(r#"{{"service": "{service}", "what": "versions"}}"#),
            &fields,
            "",
        ),
        get_spec(
            "ShowThing",
            "/v3/{project_id}/things/{thing_id}",
            &format!(r#"{{"service": "{service}", "what": "thing"}}"#),
            &fields,
            &error,
        ),
    ]
}

/// `GET path` with a token: the status and the JSON body.
async fn get(address: SocketAddr, path: &str) -> (u16, Value) {
    call(address, "GET", path, None).await
}

#[tokio::test]
async fn services_with_the_same_paths_answer_under_their_own_prefix() {
    let emulator = Emulator::start_services([("alpha", specs("alpha")), ("beta", specs("beta"))])
        .await
        .unwrap();
    let address = emulator.address();
    assert!(address.ip().is_loopback(), "{address}");
    assert_eq!(emulator.services().collect::<Vec<_>>(), ["alpha", "beta"]);
    assert_eq!(
        emulator.service_url("alpha"),
        Some(format!("http://{address}/alpha"))
    );
    assert_eq!(emulator.service_url("gamma"), None);

    for service in ["alpha", "beta"] {
        let (status, body) = get(address, &format!("/{service}/v3/p1/things/t1")).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body, json!({ "service": service, "what": "thing" }));
        for root in [format!("/{service}/"), format!("/{service}")] {
            let (status, body) = call(address, "GET", &root, None).await;
            assert_eq!(status, 200, "{root}: {body}");
            assert_eq!(body, json!({ "service": service, "what": "versions" }));
        }
        // Within a service, everything else works as at the root: a missing resource gets
        // that service's documented 404.
        let (status, body) = get(address, &format!("/{service}/v3/p1/things/missing-1")).await;
        assert_eq!(status, 404);
        assert_eq!(body["error_code"], format!("{service}.404"));
    }
}

#[tokio::test]
async fn an_unknown_prefix_is_a_404_naming_the_services() {
    let emulator = Emulator::start_services([("alpha", specs("alpha")), ("beta", specs("beta"))])
        .await
        .unwrap();
    for path in [
        "/gamma/v3/p1/things/t1",
        "/v3/p1/things/t1",
        "/",
        "/alphabet/",
    ] {
        let (status, body) = get(emulator.address(), path).await;
        assert_eq!(status, 404, "{path}: {body}");
        assert_eq!(body["error_code"], "APIG.0101", "{path}");
        assert_eq!(body["services"], json!(["alpha", "beta"]), "{path}");
        let message = body["error_msg"].as_str().unwrap();
        assert!(message.contains("/alpha, /beta"), "{message}");
    }
    // A known prefix with an unknown operation is the usual 404, not this one.
    let (status, body) = get(emulator.address(), "/alpha/v3/p1/other").await;
    assert_eq!(status, 404);
    assert!(body.get("services").is_none(), "{body}");
}

#[tokio::test]
async fn one_service_at_the_root_as_before() {
    let emulator = Emulator::start(specs("alpha")).await.unwrap();
    assert!(emulator.address().ip().is_loopback());
    assert_eq!(emulator.services().count(), 0);
    assert_eq!(emulator.service_url("alpha"), None);
    let (status, body) = get(emulator.address(), "/v3/p1/things/t1").await;
    assert_eq!((status, body["service"].as_str()), (200, Some("alpha")));
    let (status, _) = get(emulator.address(), "/alpha/v3/p1/things/t1").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn service_names_are_one_path_segment_given_once() {
    for names in [
        vec!["a/b"],
        vec![""],
        vec![".."],
        vec!["ecs?x"],
        vec!["ecs", "ecs"],
    ] {
        let services = names.iter().map(|name| (*name, specs("x")));
        let err = Emulator::start_services(services).await.unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput, "{names:?}");
    }
}
