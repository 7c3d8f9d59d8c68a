//! Every service of `specs/` at the root of an address of its own, as on the cloud, reached by a
//! client that keeps only the host of an endpoint (as the official SDKs do): one operation of
//! each service answers, and so do the endpoints of the identity service's catalog.

mod support;

use support::send;

use std::net::SocketAddr;
use std::path::Path;

use apigw_emulator::respond::synthesize;
use apigw_emulator::{Emulator, Identity, Layout, PROJECT_ID, User};
use apigw_spec::{ParamLocation, PathSegment, Spec, TypeExpr};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Value, json};

/// Every service of `specs/`: its short name (from its `service.toml`) and its operations.
fn services() -> Vec<(String, Vec<Spec>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let mut services = Vec::new();
    for entry in std::fs::read_dir(&root).unwrap() {
        let dir = entry.unwrap().path();
        let service_file = dir.join(apigw_spec::service::FILE_NAME);
        if !service_file.is_file() {
            continue;
        }
        let relative = |path: &Path| {
            let within = path.strip_prefix(&root).unwrap();
            format!("specs/{}", within.display())
        };
        let text = std::fs::read_to_string(&service_file).unwrap();
        let service = apigw_spec::service::load(&relative(&service_file), &text)
            .unwrap_or_else(|e| panic!("{e}"));
        let specs = apigw_spec::service::operation_files(&dir)
            .unwrap()
            .iter()
            .map(|file| {
                let text = std::fs::read_to_string(file).unwrap();
                apigw_spec::load(&relative(file), &text).unwrap_or_else(|e| panic!("{e}"))
            })
            .collect();
        services.push((service.name.value, specs));
    }
    services.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(services.len() > 1, "the services of specs/");
    services
}

/// Every `catalog` type of the services of `specs/`: `(service, type, path)`.
fn catalog_types() -> Vec<(String, String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let mut types = Vec::new();
    for entry in std::fs::read_dir(&root).unwrap() {
        let service_file = entry.unwrap().path().join(apigw_spec::service::FILE_NAME);
        let Ok(text) = std::fs::read_to_string(&service_file) else {
            continue;
        };
        let service = apigw_spec::service::load("service.toml", &text).unwrap();
        for t in &service.catalog {
            let name = service.name.value.clone();
            types.push((name, t.service_type.value.clone(), t.path.value.clone()));
        }
    }
    types
}

/// The host of an endpoint, whatever path follows it: all a client that builds every URL from
/// the host root keeps (`http://127.0.0.1:8081/ecs/v1` → `127.0.0.1:8081`).
fn host_root(endpoint: &str) -> SocketAddr {
    let rest = endpoint.strip_prefix("http://").unwrap();
    let host = rest.split('/').next().unwrap();
    host.parse().unwrap_or_else(|e| panic!("{endpoint}: {e}"))
}

/// A value the spec accepts for a parameter.
fn valid_value(spec: &Spec, schema: &apigw_spec::Schema) -> String {
    let ty = match &schema.ty.value {
        TypeExpr::Array(inner) => inner.as_ref().clone(),
        other => other.clone(),
    };
    match synthesize(spec, &ty, Some(schema), 0) {
        Value::String(s) => {
            let min = schema.min_length.as_ref().map_or(0, |m| m.value as usize);
            if s.chars().count() < min {
                "x".repeat(min)
            } else {
                s
            }
        }
        other => other.to_string(),
    }
}

/// One operation of a service to try: its first `GET` that needs no body, and the path and
/// query of a valid request for it (the project is [`PROJECT_ID`]).
fn one_operation(name: &str, specs: &[Spec]) -> (String, String) {
    let spec = specs
        .iter()
        .find(|spec| {
            // One that needs a token (a version document does not).
            spec.operation.method.value.as_str() == "GET"
                && spec.body.is_none()
                && spec.operation.path.segments.len() > 1
        })
        .unwrap_or_else(|| panic!("{name}: no GET operation without a body"));
    let mut target = String::new();
    for segment in &spec.operation.path.segments {
        match segment {
            PathSegment::Literal(text) => target.push_str(text),
            PathSegment::Param(param) => {
                let value = if param.value == "project_id" {
                    PROJECT_ID.to_owned()
                } else {
                    let found = spec
                        .params_in(ParamLocation::Path)
                        .find(|p| p.field.name.value == param.value);
                    found.map_or_else(|| "demo".to_owned(), |p| valid_value(spec, &p.field.schema))
                };
                target.extend(utf8_percent_encode(&value, NON_ALPHANUMERIC));
            }
        }
    }
    let query: Vec<String> = spec
        .params_in(ParamLocation::Query)
        .filter(|p| p.field.required)
        .map(|p| {
            let value = valid_value(spec, &p.field.schema);
            format!(
                "{}={}",
                utf8_percent_encode(&p.field.name.value, NON_ALPHANUMERIC),
                utf8_percent_encode(&value, NON_ALPHANUMERIC)
            )
        })
        .collect();
    if !query.is_empty() {
        target.push('?');
        target.push_str(&query.join("&"));
    }
    (spec.operation.id.value.clone(), target)
}

/// Calls one operation of every service at the host root of `endpoint(name)` with `token` and
/// checks each answers with a success.
async fn every_service_answers_at(
    services: &[(String, Vec<Spec>)],
    endpoint: impl Fn(&str) -> String,
    token: &str,
) {
    let mut failures = Vec::new();
    for (name, specs) in services {
        let (operation, target) = one_operation(name, specs);
        let address = host_root(&endpoint(name));
        let (status, _, body) = send(address, "GET", &target, &[("X-Auth-Token", token)], "").await;
        if !(200..300).contains(&status) {
            failures.push(format!("{name} {operation} GET {target}: {status} {body}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn every_service_answers_at_the_root_of_its_own_address() {
    let services = services();
    let emulator = Emulator::start_hosts(services.clone()).await.unwrap();
    let names: Vec<&str> = services.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(emulator.services().collect::<Vec<_>>(), names);
    assert_eq!(emulator.addresses().len(), services.len());
    let mut ports = Vec::new();
    for (name, address) in names.iter().zip(emulator.addresses()) {
        assert!(address.ip().is_loopback(), "{address}");
        // The endpoint is the host root: nothing a client could drop.
        assert_eq!(
            emulator.service_url(name),
            Some(format!("http://{address}")),
            "{name}"
        );
        ports.push(address.port());
    }
    ports.sort_unstable();
    ports.dedup();
    assert_eq!(ports.len(), services.len(), "one port per service");

    let url = |name: &str| emulator.service_url(name).unwrap();
    every_service_answers_at(&services, url, "t").await;

    // At a service's own address its operations are at the root, not under its prefix.
    let (name, specs) = &services[0];
    let (_, target) = one_operation(name, specs);
    let address = host_root(&url(name));
    let under_prefix = format!("/{name}{target}");
    let (status, _, body) = send(address, "GET", &under_prefix, &[("X-Auth-Token", "t")], "").await;
    assert_eq!(status, 404, "{under_prefix}: {body}");
}

#[tokio::test]
async fn the_catalog_of_the_identity_service_lists_host_roots_that_answer() {
    let services = services();
    assert!(
        services.iter().any(|(name, _)| name == "iam"),
        "specs/ has the identity service"
    );
    let types = catalog_types();
    assert!(
        types
            .iter()
            .any(|(service, t, _)| service == "ecs" && t == "compute"),
        "ECS is `compute` too: {types:?}"
    );
    let identity = types.iter().fold(
        Identity::new("iam", "eu-de").user(User::new("alice", "pw-1", "dom")),
        |identity, (service, t, path)| identity.catalog_type(service, t, path),
    );
    let emulator = Emulator::with_layout(Layout::LOOPBACK_HOSTS, services.clone(), Some(identity))
        .await
        .unwrap();
    // The identity service is one of the services: no address of its own besides.
    assert_eq!(emulator.addresses().len(), services.len());

    let auth = json!({"auth": {
        "identity": {"methods": ["password"], "password": {"user": {
            "name": "alice", "password": "pw-1", "domain": {"name": "dom"}}}},
        "scope": {"project": {"name": "eu-de"}}
    }});
    let iam = host_root(&emulator.service_url("iam").unwrap());
    let (status, headers, body) = send(
        iam,
        "POST",
        apigw_emulator::TOKENS_PATH,
        &[("Content-Type", "application/json")],
        &auth.to_string(),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let token = headers
        .iter()
        .find(|(n, _)| n == "x-subject-token")
        .map(|(_, v)| v.clone())
        .unwrap();

    let catalog = body["token"]["catalog"].as_array().unwrap();
    let other_types = types.iter().filter(|(service, t, _)| service != t).count();
    assert_eq!(catalog.len(), services.len() + other_types, "{catalog:?}");
    let listed = |name: &str| -> String {
        let entry = catalog.iter().find(|s| s["type"] == name);
        let url =
            entry.unwrap_or_else(|| panic!("{name} not in the catalog"))["endpoints"][0]["url"]
                .as_str()
                .unwrap();
        url.to_owned()
    };
    for (name, _) in &services {
        let address = emulator.service_url(name).unwrap();
        assert_eq!(address, format!("http://{}", host_root(&address)));
        // Each service's catalog URL is its host root, or the path its `catalog` gives its
        // name: IAM's is its version below it, as IAM's own catalog lists
        // `https://iam.eu-de.otc.t-systems.com/v3`.
        let path = types
            .iter()
            .find(|(service, t, _)| service == name && t == name)
            .map_or("", |(_, _, path)| path.as_str());
        assert_eq!(listed(name), format!("{address}{path}"), "{name}");
        // Its other types at their paths, for the token's project.
        for (_, t, path) in types.iter().filter(|(service, _, _)| service == name) {
            let path = path.replace("{project_id}", PROJECT_ID);
            assert_eq!(listed(t), format!("{address}{path}"), "{name} as {t}");
        }
    }
    assert_eq!(
        listed("iam"),
        format!("{}/v3", emulator.service_url("iam").unwrap())
    );
    every_service_answers_at(&services, listed, &token).await;

    // The token is checked at every address: a made-up one is refused.
    let (name, specs) = &services[0];
    let (_, target) = one_operation(name, specs);
    let (status, _, _) = send(
        host_root(&listed(name)),
        "GET",
        &target,
        &[("X-Auth-Token", "made-up")],
        "",
    )
    .await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn the_hosts_layout_needs_a_service_and_checks_names_as_prefixes_do() {
    let none: [(&str, Vec<Spec>); 0] = [];
    let err = Emulator::start_hosts(none).await.unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
    for names in [vec!["a/b"], vec!["ecs", "ecs"]] {
        let services = names.iter().map(|name| (*name, Vec::<Spec>::new()));
        let err = Emulator::start_hosts(services).await.unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput, "{names:?}");
    }
}
