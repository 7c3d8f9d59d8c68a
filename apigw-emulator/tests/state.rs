//! The emulator remembers: what is created is read, listed (filtered and paged), updated and
//! deleted, per project, and [`Emulator::held`] shows it to a test.

mod support;

use support::call;

use apigw_emulator::Emulator;
use apigw_spec::Spec;
use serde_json::{Value, json};

fn specs() -> Vec<Spec> {
    let params = "[path.project_id]\ntype = \"String\"\n\n";
    let item = "[path.vpc_id]\ntype = \"String\"\n\n";
    let vpc = r#"[object.Vpc.id]
type = "String"

[object.Vpc.name]
type = "String"

[object.Vpc.cidr]
type = "String"

[object.Vpc.status]
type = "String"
enum = ["CREATING", "OK"]

[object.Vpc.tenant_id]
type = "String"

[object.Vpc.created_at]
type = "String"
"#;
    let example = r#"{"vpc": {"id": "99d9d709-8478-4b46-9f3f-2206b1023fd3", "name": "vpc", "cidr": "192.168.0.0/16", "status": "CREATING", "tenant_id": "087679f0aa80d32a2f4ec0172f5e902b", "created_at": "2018-03-23T09:26:08"}}"#;
    let one = format!(
        "[response.200]\nbody = \"One\"\n\n[[response.200.examples]]\njson = '{example}'\n\n\
         [object.One.vpc]\ntype = \"Vpc\"\n\n{vpc}"
    );
    let texts = [
        format!(
            "[operation]\nid = \"CreateVpc\"\nmethod = \"POST\"\npath = \"/v1/{{project_id}}/vpcs\"\n\n{params}\
             [body]\ntype = \"One\"\n\n{one}"
        ),
        format!(
            "[operation]\nid = \"ListVpcs\"\nmethod = \"GET\"\npath = \"/v1/{{project_id}}/vpcs\"\n\n{params}\
             [query.name]\ntype = \"String\"\n\n[query.limit]\ntype = \"Integer\"\n\n[query.marker]\ntype = \"String\"\n\n\
             [response.200]\nbody = \"Many\"\n\n[[response.200.examples]]\njson = '{{\"vpcs\": [{}]}}'\n\n\
             [object.Many.vpcs]\ntype = \"Array<Vpc>\"\n\n{vpc}",
            &example[8..example.len() - 1]
        ),
        format!(
            "[operation]\nid = \"ShowVpc\"\nmethod = \"GET\"\npath = \"/v1/{{project_id}}/vpcs/{{vpc_id}}\"\n\n{params}{item}{one}\
             [response.404]\nbody = \"Error\"\n\n[[response.404.examples]]\njson = '{{\"error_code\": \"VPC.0202\", \"error_msg\": \"no such VPC\"}}'\n\n\
             [object.Error.error_code]\ntype = \"String\"\n\n[object.Error.error_msg]\ntype = \"String\"\n"
        ),
        format!(
            "[operation]\nid = \"UpdateVpc\"\nmethod = \"PUT\"\npath = \"/v1/{{project_id}}/vpcs/{{vpc_id}}\"\n\n{params}{item}\
             [body]\ntype = \"One\"\n\n{one}"
        ),
        format!(
            "[operation]\nid = \"DeleteVpc\"\nmethod = \"DELETE\"\npath = \"/v1/{{project_id}}/vpcs/{{vpc_id}}\"\n\n{params}{item}\
             [response.204]\ndescription = \"No Content\"\n"
        ),
    ];
    texts
        .iter()
        .map(|t| apigw_spec::load("vpc.toml", t).unwrap_or_else(|e| panic!("{e}\n{t}")))
        .collect()
}

#[tokio::test]
async fn created_resources_are_read_listed_updated_and_deleted() {
    let emulator = Emulator::start(specs()).await.unwrap();
    let address = emulator.address();
    let mut ids = Vec::new();
    for name in ["a", "b", "c"] {
        let (status, body) = call(
            address,
            "POST",
            "/v1/p1/vpcs",
            Some(&json!({"vpc": {"name": name, "cidr": "10.0.0.0/16"}})),
        )
        .await;
        assert_eq!(status, 200, "{body}");
        let vpc = &body["vpc"];
        assert_eq!(
            (&vpc["name"], &vpc["cidr"]),
            (&json!(name), &json!("10.0.0.0/16"))
        );
        // A fresh id of the documented form, the request's project, a settled state, now.
        let id = vpc["id"].as_str().unwrap().to_owned();
        assert_eq!(id.len(), 36);
        assert_ne!(id, "99d9d709-8478-4b46-9f3f-2206b1023fd3");
        assert_eq!(vpc["tenant_id"], "p1");
        assert_eq!(vpc["status"], "OK");
        assert!(!vpc["created_at"].as_str().unwrap().starts_with("2018"));
        ids.push(id);
    }
    assert_ne!(ids[0], ids[1]);
    assert_eq!(emulator.held(None)["v1/p1/vpcs"].len(), 3);

    let (status, body) = call(address, "GET", &format!("/v1/p1/vpcs/{}", ids[1]), None).await;
    assert_eq!((status, &body["vpc"]["name"]), (200, &json!("b")));

    // A list holds what exists, filtered by a field and paged by marker and limit.
    let names = |body: &Value| -> Vec<String> {
        body["vpcs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["name"].as_str().unwrap().to_owned())
            .collect()
    };
    let (_, body) = call(address, "GET", "/v1/p1/vpcs", None).await;
    assert_eq!(names(&body), ["a", "b", "c"]);
    let (_, body) = call(address, "GET", "/v1/p1/vpcs?name=b", None).await;
    assert_eq!(names(&body), ["b"]);
    let (_, body) = call(
        address,
        "GET",
        &format!("/v1/p1/vpcs?marker={}&limit=1", ids[0]),
        None,
    )
    .await;
    assert_eq!(names(&body), ["b"]);
    // Another project holds nothing of these.
    let (_, body) = call(address, "GET", &format!("/v1/p2/vpcs/{}", ids[1]), None).await;
    assert_eq!(
        body["vpc"]["id"], "99d9d709-8478-4b46-9f3f-2206b1023fd3",
        "not held: the example"
    );

    let (status, _) = call(
        address,
        "PUT",
        &format!("/v1/p1/vpcs/{}", ids[1]),
        Some(&json!({"vpc": {"name": "renamed"}})),
    )
    .await;
    assert_eq!(status, 200);
    let (_, body) = call(address, "GET", &format!("/v1/p1/vpcs/{}", ids[1]), None).await;
    assert_eq!(
        (&body["vpc"]["name"], &body["vpc"]["cidr"]),
        (&json!("renamed"), &json!("10.0.0.0/16"))
    );

    let (status, _) = call(address, "DELETE", &format!("/v1/p1/vpcs/{}", ids[1]), None).await;
    assert_eq!(status, 204);
    let (status, body) = call(address, "GET", &format!("/v1/p1/vpcs/{}", ids[1]), None).await;
    assert_eq!((status, &body["error_code"]), (404, &json!("VPC.0202")));
    let (status, _) = call(address, "DELETE", &format!("/v1/p1/vpcs/{}", ids[1]), None).await;
    assert_eq!(status, 404, "deleted twice");
    let (_, body) = call(address, "GET", "/v1/p1/vpcs", None).await;
    assert_eq!(names(&body), ["a", "c"]);
    assert_eq!(emulator.held(None)["v1/p1/vpcs"].len(), 2);
}

/// A state saved is a state loaded: fixtures a test writes are what the emulator holds, and
/// `persist_state` keeps every change in a file that a new emulator picks up.
#[tokio::test]
async fn state_is_saved_loaded_and_kept_in_a_file() {
    let first = Emulator::start(specs()).await.unwrap();
    let (_, body) = call(
        first.address(),
        "POST",
        "/v1/p1/vpcs",
        Some(&json!({"vpc": {"name": "kept", "cidr": "10.1.0.0/16"}})),
    )
    .await;
    let id = body["vpc"]["id"].as_str().unwrap().to_owned();
    let saved = first.save_state();
    let items = &saved["services"][""]["v1/p1/vpcs"]["items"];
    assert_eq!(items[0]["id"], json!(id), "{saved}");
    assert_eq!(items[0]["resource"]["name"], "kept");

    // Fixtures: a second emulator starts from them.
    let second = Emulator::start(specs()).await.unwrap();
    second.load_state(&saved).unwrap();
    let (status, body) = call(second.address(), "GET", &format!("/v1/p1/vpcs/{id}"), None).await;
    assert_eq!((status, &body["vpc"]["cidr"]), (200, &json!("10.1.0.0/16")));

    // Kept in a file: a delete is written at once, and a third emulator finds it deleted.
    let dir = std::env::temp_dir().join(format!("apigw-state-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("state.json");
    std::fs::write(&file, serde_json::to_vec(&saved).unwrap()).unwrap();
    second.persist_state(&file).unwrap();
    let (status, _) = call(
        second.address(),
        "DELETE",
        &format!("/v1/p1/vpcs/{id}"),
        None,
    )
    .await;
    assert_eq!(status, 204);
    let written: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(
        written["services"][""]["v1/p1/vpcs"]["deleted"],
        json!([id])
    );
    let third = Emulator::start(specs()).await.unwrap();
    third.persist_state(&file).unwrap();
    let (status, _) = call(third.address(), "GET", &format!("/v1/p1/vpcs/{id}"), None).await;
    assert_eq!(status, 404, "deleted in the state it started from");

    // A state that is not one is refused, naming the place.
    let err = third
        .load_state(&json!({"services": {"": {"v1/p1/vpcs": {"items": [{"resource": {}}]}}}}))
        .unwrap_err();
    assert!(err.to_string().contains("item 0 has no `id`"), "{err}");
    let err = third
        .load_state(&json!({"services": {"ecs": {}}}))
        .unwrap_err();
    assert!(
        err.to_string().contains("`ecs`, which is not served"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
