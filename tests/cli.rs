//! The `apigw` command line as a user runs it: a subprocess, against the embedded emulator
//! (no endpoint configured) or a server of the test's own.

mod support;

use std::process::{Command, Output};

use apigw_emulator::respond::LIST_SIZE;
use serde_json::Value;
use support::{Loopback, PROJECT, TOKEN};
use wiremock::ResponseTemplate;
use wiremock::matchers::method;

fn apigw(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_apigw"))
        .args(args)
        .env_remove("APIGW_ENDPOINT")
        .env_remove("OS_AUTH_TOKEN")
        .env_remove("HUAWEICLOUD_SDK_AK")
        .env_remove("HUAWEICLOUD_SDK_SK")
        .output()
        .unwrap()
}

/// `apigw apig <args>` against the server at `uri`, with the test's project and token.
async fn apigw_at(uri: String, args: &[&'static str]) -> Output {
    let args = args.to_vec();
    tokio::task::spawn_blocking(move || {
        let mut all = vec![
            "--endpoint",
            uri.as_str(),
            "--project-id",
            PROJECT,
            "--token",
            TOKEN,
            "apig",
        ];
        all.extend(args);
        apigw(&all)
    })
    .await
    .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn a_call_with_no_endpoint_is_answered_by_the_embedded_emulator() {
    let out = apigw(&[
        "apig",
        "list-api-versions-v2",
        "--instance-id",
        "demo",
        "--api-id",
        "demo",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("using the embedded API Gateway emulator at http://127.0.0.1:")
    );
    let body: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        body["api_versions"].as_array().unwrap().len(),
        20,
        "the documented default limit"
    );
    assert_eq!(body["total"], LIST_SIZE);
}

#[test]
fn all_pages_through_every_item() {
    let out = apigw(&[
        "apig",
        "list-api-versions-v2",
        "--instance-id",
        "d",
        "--api-id",
        "d",
        "--limit",
        "10",
        "--all",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let items: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(items.len(), LIST_SIZE);
    let distinct: std::collections::BTreeSet<String> =
        items.iter().map(|i| i["api_id"].to_string()).collect();
    assert_eq!(distinct.len(), LIST_SIZE);

    let table = apigw(&[
        "apig",
        "list-api-versions-v2",
        "--instance-id",
        "d",
        "--api-id",
        "d",
        "--limit",
        "3",
        "--output",
        "table",
    ]);
    let shown = text(&table.stdout);
    assert!(
        shown.starts_with("API_ID") && shown.contains("(3 items)"),
        "{shown}"
    );
}

#[test]
fn invalid_values_are_refused_before_anything_is_sent() {
    // Nothing listens on port 9: a usage error (2), not a transport error (4), proves the
    // value was refused locally.
    let nowhere = [
        "--endpoint",
        "http://127.0.0.1:9",
        "--project-id",
        PROJECT,
        "--token",
        TOKEN,
    ];
    let out = apigw(
        &[
            &nowhere[..],
            &[
                "apig",
                "list-endpoint-connections",
                "--instance-id",
                "d",
                "--status",
                "bogus",
            ],
        ]
        .concat(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr)
            .contains("[possible values: pendingAcceptance, accepted, rejected, failed]"),
        "{}",
        text(&out.stderr)
    );

    let out = apigw(
        &[
            &nowhere[..],
            &[
                "apig",
                "list-api-versions-v2",
                "--instance-id",
                "d",
                "--api-id",
                "d",
                "--limit",
                "0",
            ],
        ]
        .concat(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr).trim(),
        "apigw: invalid value for --limit: 0 is below the minimum 1"
    );

    // A valid call to the same nowhere is a transport error.
    let out = apigw(
        &[
            &nowhere[..],
            &[
                "apig",
                "list-api-versions-v2",
                "--instance-id",
                "d",
                "--api-id",
                "d",
            ],
        ]
        .concat(),
    );
    assert_eq!(out.status.code(), Some(4), "{}", text(&out.stderr));
}

#[tokio::test]
async fn a_service_error_is_printed_as_code_message_and_request_id() {
    let not_found = ResponseTemplate::new(404)
        .insert_header("x-request-id", "req-42")
        .set_body_json(
            serde_json::json!({"error_code": "APIG.3002", "error_msg": "API a does not exist"}),
        );
    let server = Loopback::scripted(method("GET"), vec![not_found]).await;
    let out = apigw_at(
        server.uri(),
        &[
            "list-api-versions-v2",
            "--instance-id",
            "d",
            "--api-id",
            "a",
        ],
    )
    .await;
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        text(&out.stderr).trim(),
        "APIG.3002: API a does not exist (request id req-42)"
    );
    assert!(out.stdout.is_empty());
    let request = &server.requests().await[0];
    assert_eq!(server.hits(), 1, "a 404 is not retried");
    assert_eq!(request.headers["x-auth-token"], TOKEN);
    assert_eq!(
        request.url.path(),
        format!("/v2/{PROJECT}/apigw/instances/d/apis/publish/a")
    );
}

#[tokio::test]
async fn a_service_error_code_is_printed_with_its_documented_meaning() {
    // ECS documents no error status on its pages, only its error-code appendix: the code's
    // meaning comes from there, in the body shape ECS answers with.
    let not_found = support::json_reply(
        404,
        r#"{"error": {"code": "Ecs.0114", "message": "The ECS does not exist."}}"#,
    );
    let server = Loopback::scripted(method("GET"), vec![not_found]).await;
    let uri = server.uri();
    let out = tokio::task::spawn_blocking(move || {
        apigw(&[
            "--endpoint",
            &uri,
            "--project-id",
            PROJECT,
            "--token",
            TOKEN,
            "ecs",
            "show-server-v1",
            "--server-id",
            "s-1",
        ])
    })
    .await
    .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(
        text(&out.stderr).trim(),
        "Ecs.0114: The ECS does not exist. (request id req-404)\n  meaning: The ECS cannot be detected."
    );
}

#[test]
fn the_emulator_answers_a_missing_resource_with_its_documented_404() {
    let out = apigw(&[
        "apig",
        "show-details-of-api-v2",
        "--instance-id",
        "demo",
        "--api-id",
        "missing-api",
    ]);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    let last = stderr.lines().last().unwrap();
    assert!(
        last.starts_with("APIG.3002: ") && last.contains("(request id emu-"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn a_create_with_a_json_body() {
    let dir = std::env::temp_dir().join(format!("apigw-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let body = dir.join("acl.json");
    std::fs::write(&body, r#"{"acl_name": "demo", "acl_type": "PERMIT", "acl_value": "192.168.1.5", "entity_type": "IP"}"#).unwrap();
    let out = apigw(&[
        "apig",
        "create-acl-strategy-v2",
        "--instance-id",
        "d",
        "--body",
        body.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let created: Value = serde_json::from_slice(&out.stdout).unwrap();
    // The documented answer, holding what was sent (the page's example says `acl_demo`),
    // under a fresh id of the documented form.
    assert_eq!(created["acl_name"], "demo", "{created}");
    assert_eq!(created["acl_value"], "192.168.1.5");
    let id = created["id"].as_str().unwrap();
    assert_eq!(id.len(), 32, "{id}");
    assert!(id.chars().all(|c| c.is_ascii_hexdigit()), "{id}");

    // A body that breaks the table is refused locally.
    std::fs::write(
        &body,
        r#"{"acl_name": "demo", "acl_type": "MAYBE", "acl_value": "1", "entity_type": "IP"}"#,
    )
    .unwrap();
    let out = apigw(&[
        "apig",
        "create-acl-strategy-v2",
        "--instance-id",
        "d",
        "--body",
        body.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("invalid request body at `acl_type`"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn every_service_is_a_subcommand_with_its_operation_count() {
    let out = apigw(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = text(&out.stdout);
    // Name and description, in columns as wide as the longest subcommand's name needs.
    let listed = |name: &str, about: &str| {
        help.lines().any(|l| {
            l.strip_prefix("  ")
                .and_then(|l| l.strip_prefix(name))
                .is_some_and(|rest| rest.starts_with(' ') && rest.trim_start().starts_with(about))
        })
    };
    for service in support::services() {
        let about = format!(
            "{} ({} operations)",
            service.title,
            service.operations.len()
        );
        assert!(
            listed(service.name, &about),
            "{} {about:?} missing from --help:\n{help}",
            service.name
        );
    }
    assert!(listed("serve", "Runs the emulator"), "{help}");
    assert!(listed("config", "Shows the cloud, user, project"), "{help}");
}

/// README's table of services is every service the command line serves, with its title,
/// operation count, crate and command, and nothing else: a service added or grown is not
/// left out of it.
#[test]
fn the_readmes_table_lists_every_service() {
    let readme =
        std::fs::read_to_string(std::path::Path::new(support::ROOT).join("README.md")).unwrap();
    let rows: std::collections::BTreeSet<String> = readme
        .lines()
        .skip_while(|l| !l.starts_with("| service | operations | crate |"))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            // title, operations, crate, command (the specs folder is the crate's)
            format!("{} {} {} {}", cells[1], cells[2], cells[3], cells[5])
        })
        .collect();
    let services: std::collections::BTreeSet<String> = support::services()
        .iter()
        .map(|s| {
            format!(
                "{} {} `apigw-{}` `apigw {}`",
                s.title,
                s.operations.len(),
                s.name,
                s.name
            )
        })
        .collect();
    assert_eq!(rows, services, "README.md's table of services");
}

#[test]
fn every_operation_is_a_subcommand_with_help_from_its_spec() {
    let out = apigw(&["apig", "--help"]);
    let help = text(&out.stdout);
    let mut count = 0;
    for op in apigw_apig::SERVICE.operations {
        let name = apigw_spec::naming::snake(op.meta.id).replace('_', "-");
        assert!(
            help.contains(&format!("  {name} ")) || help.contains(&format!("  {name}\n")),
            "{name} missing from --help"
        );
        count += 1;
    }
    assert_eq!(
        count,
        support::spec_files().len(),
        "one subcommand per spec"
    );
    let out = apigw(&["apig", "list-endpoint-connections", "--help"]);
    let help = text(&out.stdout);
    assert!(help.contains("Querying VPC Endpoint Connections"), "{help}");
    assert!(
        help.contains("--status <TEXT>") && help.contains("pendingAcceptance"),
        "{help}"
    );
    assert!(help.contains("--all"), "list operations page");
}

#[test]
fn a_services_help_groups_operations_by_section_and_deprecated_ones_apart() {
    let out = apigw(&["ecs", "--help"]);
    assert!(out.status.success());
    let help = text(&out.stdout);
    // The reference's sections, each a heading followed by its operations.
    let section = help
        .find("Apis recommended › Lifecycle management:")
        .unwrap_or_else(|| panic!("no section heading in:\n{help}"));
    let create = help
        .find("  create-servers ")
        .expect("create-servers listed");
    assert!(create > section, "{help}");
    // Deprecated operations come last, under their own heading, and nowhere else.
    let deprecated = help
        .find("Deprecated (the reference marks these as out of date):")
        .expect("a deprecated section");
    let floating = help.find("  list-floating-ip-addresses ").expect("listed");
    assert!(floating > deprecated && create < deprecated, "{help}");
    assert_eq!(help.matches("  list-floating-ip-addresses ").count(), 1);
}

/// The operation the command-line test calls in `service`: a GET with the fewest required
/// values (a list, where there is one), else the operation with the fewest, with its example
/// body.
fn simplest_operation(service: &apigw_runtime::ServiceMeta) -> apigw_spec::Spec {
    let mut specs: Vec<apigw_spec::Spec> = support::specs(service)
        .into_iter()
        .filter(|spec| spec.body.as_ref().is_none_or(|b| !b.examples.is_empty()))
        .collect();
    specs.sort_by_key(|spec| {
        let required = spec
            .params
            .iter()
            .filter(|p| p.is_caller_supplied() && p.field.required)
            .count();
        let list = spec.operation.id.value.starts_with("List")
            || spec.operation.id.value.starts_with("Querying");
        (
            spec.operation.method.value != apigw_spec::Method::Get,
            required,
            !list,
            spec.operation.id.value.clone(),
        )
    });
    specs.remove(0)
}

#[test]
fn every_service_answers_a_call_from_the_command_line() {
    let dir = std::env::temp_dir().join(format!("apigw-cli-services-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for service in support::services() {
        let spec = simplest_operation(service);
        let name = apigw_spec::naming::snake(&spec.operation.id.value).replace('_', "-");
        let mut args: Vec<String> = vec![service.name.into(), name.clone()];
        for param in spec
            .params
            .iter()
            .filter(|p| p.is_caller_supplied() && p.field.required)
        {
            let option = apigw_spec::naming::snake(&param.field.name.value).replace('_', "-");
            args.push(format!("--{option}"));
            args.push(support::valid_value(&spec, &param.field.schema));
        }
        if let Some(example) = spec.body.as_ref().and_then(|b| b.examples.first()) {
            let file = dir.join(format!("{}.json", service.name));
            std::fs::write(&file, &example.json.value).unwrap();
            args.push("--body".into());
            args.push(file.to_string_lossy().into_owned());
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = apigw(&args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "apigw {}: {}",
            args.join(" "),
            text(&out.stderr)
        );
        assert!(
            text(&out.stderr).contains(&format!("using the embedded {} emulator", service.title)),
            "{}",
            text(&out.stderr)
        );
        let printed: Result<Value, _> = serde_json::from_slice(&out.stdout);
        assert!(
            printed.is_ok(),
            "apigw {}: not JSON: {}",
            args.join(" "),
            text(&out.stdout)
        );
    }
}

/// The issue's own case: a server whose ListApiVersionsV2 reply has `"total":"2"`.
async fn drifted_reply(strict: bool) -> Output {
    let body = r#"{"size":1,"total":"2","api_versions":[{"version_id":"v1","status":1}]}"#;
    let reply = ResponseTemplate::new(200).set_body_raw(body, "application/json");
    let server = Loopback::scripted(method("GET"), vec![reply]).await;
    let mut args = vec![
        "list-api-versions-v2",
        "--instance-id",
        "demo",
        "--api-id",
        "demo",
    ];
    if strict {
        args.push("--strict");
    }
    apigw_at(server.uri(), &args).await
}

#[tokio::test]
async fn a_reply_that_differs_from_its_documentation_is_printed_with_the_difference_named() {
    let out = drifted_reply(false).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let body: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(body["total"], 2, "read as the documented integer");
    assert_eq!(
        body["api_versions"][0]["version_id"], "v1",
        "the rest is kept"
    );
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(
            "ListApiVersionsV2: the response differs from its documentation at `total`: expected an integer, found the string \"2\" (converted)"
        ),
        "{stderr}"
    );
}

#[tokio::test]
async fn strict_mode_prints_the_body_as_it_came_then_the_error() {
    let out = drifted_reply(true).await;
    assert_eq!(out.status.code(), Some(5), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with(r#"{"size":1,"total":"2""#), "{stdout}");
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("at `total`: expected an integer, found the string \"2\""),
        "{stderr}"
    );
}

/// `apigw serve <args> --port 0 --ports-file …`, running until dropped.
struct Serving {
    child: std::process::Child,
    /// The folder of its ports file (a folder of its own, also a `HOME` for calls).
    dir: std::path::PathBuf,
    /// The ports file, as it wrote it.
    ports: serde_json::Map<String, Value>,
}

impl Serving {
    /// Starts `apigw serve` with `args` and waits for its ports file, failing if it exits.
    fn start(name: &str, args: &[&str]) -> Self {
        let dir = std::env::temp_dir().join(format!("apigw-serve-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("ports.json");
        let _ = std::fs::remove_file(&file);
        let mut child = Command::new(env!("CARGO_BIN_EXE_apigw"))
            .arg("serve")
            .args(args)
            .args(["--port", "0", "--ports-file"])
            .arg(&file)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // The file appears once every port listens (written beside it, then renamed).
        while !file.exists() {
            if let Some(status) = child.try_wait().unwrap() {
                panic!("apigw serve {args:?} ended before writing its ports file: {status}");
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let ports = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
        Serving { child, dir, ports }
    }

    /// The endpoint the ports file gives `service`.
    fn url(&self, service: &str) -> String {
        let url = self.ports.get(service);
        let url = url.unwrap_or_else(|| panic!("{service} not in {:?}", self.ports));
        url.as_str().unwrap().to_owned()
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// Whether `url` is a host root: `http://127.0.0.1:PORT` and no path.
fn is_host_root(url: &str) -> bool {
    url.strip_prefix("http://127.0.0.1:")
        .and_then(|port| port.parse::<u16>().ok())
        .is_some_and(|port| port != 0)
}

#[test]
fn serve_with_a_port_per_service_writes_host_roots_that_answer_through_the_catalog() {
    let serving = Serving::start("hosts", &["--port-per-service", "--user", "alice:pw-1:dom"]);
    let mut names: Vec<&str> = support::services().iter().map(|s| s.name).collect();
    names.sort_unstable();
    let listed: Vec<&str> = serving.ports.keys().map(String::as_str).collect();
    assert_eq!(listed, names, "every service, by name");
    for (name, url) in &serving.ports {
        assert!(is_host_root(url.as_str().unwrap()), "{name}: {url}");
    }

    // Password authentication at the identity service's host root; ECS at the endpoint of
    // the token's catalog, APIG at the host root alone, as an SDK is given it.
    let auth_url = format!("{}/v3", serving.url("iam"));
    let vars = [
        ("HOME", serving.dir.to_str().unwrap()),
        ("OS_AUTH_URL", auth_url.as_str()),
        ("OS_USERNAME", "alice"),
        ("OS_PASSWORD", "pw-1"),
        ("OS_USER_DOMAIN_NAME", "dom"),
        ("OS_PROJECT_NAME", "eu-de"),
        ("OS_REGION_NAME", "eu-de"),
    ];
    let apig = serving.url("apig");
    for args in [
        vec!["ecs", "list-ecs-groups-v1"],
        vec![
            "--endpoint",
            apig.as_str(),
            "apig",
            "list-api-versions-v2",
            "--instance-id",
            "demo",
            "--api-id",
            "demo",
        ],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_apigw"))
            .args(&args)
            .current_dir(&serving.dir)
            .env_clear()
            .envs(vars)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(
            !text(&out.stderr).contains("emulator at"),
            "{}",
            text(&out.stderr)
        );
        let body: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(body.is_object(), "{args:?}: {body}");
    }
}

#[test]
fn serve_with_one_service_serves_it_at_the_root() {
    let serving = Serving::start("one", &["--service", "apig"]);
    let listed: Vec<&str> = serving.ports.keys().map(String::as_str).collect();
    assert_eq!(listed, ["apig"]);
    let apig = serving.url("apig");
    assert!(is_host_root(&apig), "{apig}");
    let out = apigw(&[
        "--endpoint",
        &apig,
        "--project-id",
        PROJECT,
        "--token",
        TOKEN,
        "apig",
        "list-api-versions-v2",
        "--instance-id",
        "demo",
        "--api-id",
        "demo",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let body: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(body["total"], LIST_SIZE);
    // Under the prefix it is not: the service is at the root alone.
    let out = apigw(&[
        "--endpoint",
        &format!("{apig}/apig"),
        "--project-id",
        PROJECT,
        "--token",
        TOKEN,
        "apig",
        "list-api-versions-v2",
        "--instance-id",
        "demo",
        "--api-id",
        "demo",
    ]);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
}

/// README's tour: with `apigw serve` running, a VPC created from the command line is listed,
/// deleted, and then the documented 404; `--state` keeps it in a file meanwhile.
#[test]
fn the_readmes_tour_creates_lists_and_deletes_a_vpc() {
    let dir = std::env::temp_dir().join(format!("apigw-tour-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let state = dir.join("state.json");
    let _ = std::fs::remove_file(&state);
    let serving = Serving::start(
        "tour",
        &["--service", "vpc", "--state", state.to_str().unwrap()],
    );
    let vpc = serving.url("vpc");
    let run = |args: &[&str]| {
        let mut all = vec![
            "--endpoint",
            &vpc,
            "--project-id",
            PROJECT,
            "--token",
            TOKEN,
            "vpc",
        ];
        all.extend_from_slice(args);
        apigw(&all)
    };
    let body = dir.join("vpc.json");
    std::fs::write(&body, r#"{"vpc":{"name":"mine","cidr":"10.0.0.0/16"}}"#).unwrap();
    let out = run(&["create-vpc", "--body", body.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let created: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(created["vpc"]["name"], "mine", "{created}");
    let id = created["vpc"]["id"].as_str().unwrap().to_owned();

    let out = run(&["list-vpcs-v1"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let listed: Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&Value> = listed["vpcs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| &v["name"])
        .collect();
    assert_eq!(names, [&serde_json::json!("mine")], "{listed}");
    let kept: Value = serde_json::from_slice(&std::fs::read(&state).unwrap()).unwrap();
    assert!(kept.to_string().contains(&id), "{kept}");

    let out = run(&["delete-vpc", "--vpc-id", &id]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = run(&["show-vpc-v1", "--vpc-id", &id]);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stdout));
    drop(serving);
    std::fs::remove_dir_all(&dir).unwrap();
}
