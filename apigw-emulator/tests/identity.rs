//! The emulator as a small cloud, over loopback HTTP: IAM's token operation for the users it
//! knows (a wrong password gets the documented 401), a catalog pointing at itself, tokens
//! that expire, and the token checked on every call.

mod support;

use support::{get_spec, send};

use std::time::Duration;

use apigw_emulator::{Emulator, Identity, PROJECT_ID, User};
use apigw_spec::Spec;
use serde_json::json;

fn thing_specs() -> Vec<Spec> {
    vec![
        get_spec(
            "ShowThing",
            "/v1/{project_id}/things",
            r#"{"what": "thing"}"#,
            &[("what", "String")],
            "",
        ),
        get_spec(
            "ShowVersion",
            "/v1",
            r#"{"version": {"id": "v1", "status": "CURRENT"}}"#,
            &[("version", "Object")],
            "",
        ),
    ]
}

fn password_body(user: &str, password: &str, domain: &str) -> String {
    json!({"auth": {
        "identity": {"methods": ["password"], "password": {"user": {
            "name": user, "password": password, "domain": {"name": domain}}}},
        "scope": {"project": {"name": "eu-de", "domain": {"name": domain}}}
    }})
    .to_string()
}

#[tokio::test]
async fn tokens_for_known_users_a_catalog_of_itself_and_every_call_checked() {
    let identity = Identity::new("iam", "eu-de")
        .user(User::new("alice", "pw-1", "dom"))
        .token_lifetime(Duration::from_millis(300))
        .catalog_type("iam", "identity", "/v3")
        .catalog_type("iam", "iam", "/v3")
        .catalog_type("things", "thing-store", "/v1/{project_id}");
    let emulator = Emulator::start_cloud([("things", thing_specs())], identity)
        .await
        .unwrap();
    let address = emulator.address();
    assert_eq!(emulator.services().collect::<Vec<_>>(), ["things", "iam"]);
    let tokens = "/iam/v3/auth/tokens";

    // A version document is read without a token, as on the cloud; nothing else is.
    let (status, _, body) = send(address, "GET", "/things/v1", &[], "").await;
    assert_eq!(
        (status, &body["version"]["id"]),
        (200, &json!("v1")),
        "{body}"
    );
    let (status, _, _) = send(
        address,
        "GET",
        &format!("/things/v1/{PROJECT_ID}/things"),
        &[],
        "",
    )
    .await;
    assert_eq!(status, 401);

    // A wrong password, an unknown user: the documented 401, no token.
    for (user, password) in [("alice", "wrong"), ("bob", "pw-1")] {
        let (status, headers, body) = send(
            address,
            "POST",
            tokens,
            &[],
            &password_body(user, password, "dom"),
        )
        .await;
        assert_eq!(status, 401, "{body}");
        assert_eq!(
            body["error"]["message"],
            "The username or password is wrong."
        );
        assert!(!headers.iter().any(|(n, _)| n == "x-subject-token"));
    }
    assert_eq!(emulator.tokens_issued(), 0);

    let (status, headers, body) = send(
        address,
        "POST",
        tokens,
        &[],
        &password_body("alice", "pw-1", "dom"),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let token = headers
        .iter()
        .find(|(n, _)| n == "x-subject-token")
        .map(|(_, v)| v.clone())
        .unwrap();
    assert_eq!(emulator.tokens_issued(), 1);
    assert_eq!(body["token"]["project"]["id"], PROJECT_ID);
    assert_eq!(body["token"]["user"]["name"], "alice");
    let catalog = body["token"]["catalog"].as_array().unwrap();
    let url = |name: &str| {
        catalog.iter().find(|s| s["type"] == name).unwrap()["endpoints"][0]["url"].clone()
    };
    // Each service under its name, at its endpoint or the path its types give the name, and
    // under its other types, at their paths for the token's project.
    assert_eq!(url("things"), format!("http://{address}/things"));
    assert_eq!(
        url("thing-store"),
        format!("http://{address}/things/v1/{PROJECT_ID}")
    );
    assert_eq!(url("iam"), format!("http://{address}/iam/v3"));
    assert_eq!(url("identity"), format!("http://{address}/iam/v3"));
    assert_eq!(catalog.len(), 4, "{catalog:?}");
    assert!(body["token"]["expires_at"].as_str().unwrap().ends_with('Z'));

    let thing = format!("/things/v1/{PROJECT_ID}/things");
    let (status, _, body) = send(address, "GET", &thing, &[("X-Auth-Token", &token)], "").await;
    assert_eq!((status, body), (200, json!({"what": "thing"})));
    let (status, _, body) = send(address, "GET", &thing, &[("X-Auth-Token", "made-up")], "").await;
    assert_eq!(status, 401);
    assert_eq!(body["error_msg"], "The token must be updated.");

    tokio::time::sleep(Duration::from_millis(400)).await;
    let (status, _, _) = send(address, "GET", &thing, &[("X-Auth-Token", &token)], "").await;
    assert_eq!(status, 401, "an expired token");

    let (_, headers, _) = send(
        address,
        "POST",
        tokens,
        &[],
        &password_body("alice", "pw-1", "dom"),
    )
    .await;
    let fresh = headers
        .iter()
        .find(|(n, _)| n == "x-subject-token")
        .unwrap()
        .1
        .clone();
    assert_ne!(fresh, token);
    emulator.revoke_tokens();
    let (status, _, _) = send(address, "GET", &thing, &[("X-Auth-Token", &fresh)], "").await;
    assert_eq!(status, 401, "a revoked token");
}
