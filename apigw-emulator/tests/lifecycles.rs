//! Resources by rule, for every service in `specs/`: each resource the rule finds that can be
//! created, read and deleted lives through its lifecycle over loopback HTTP — create (the
//! documented example body) → read (the fields sent come back) → list (it is there) → update
//! where documented (the read shows the change) → delete → read (404).
//!
//! `apigw-emulator/RESOURCES.md` lists, per service, what the rule binds and how each
//! lifecycle ends; `UPDATE_RESOURCES=1 cargo test -p apigw-emulator --test lifecycles` rewrites
//! it, and the test fails when it is stale or when fewer than 80% of the lifecycles pass.

mod support;

use support::call;

use std::fmt::Write as _;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use apigw_emulator::resources::{Resource, Resources, Role};
use apigw_emulator::respond::{synthesize, synthesize_field};
use apigw_emulator::{Emulator, PROJECT_ID, state};
use apigw_spec::{BodyEncoding, ParamLocation, Spec};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every service folder of `specs/` (one with a `service.toml`), with its specs in path order.
fn services() -> Vec<(String, Vec<Spec>)> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(repo().join("specs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("service.toml").is_file())
        .collect();
    dirs.sort();
    dirs.into_iter()
        .map(|dir| {
            let mut files = Vec::new();
            walk(&dir, &mut files);
            files.sort();
            let specs = files
                .iter()
                .map(|f| {
                    let shown = f
                        .strip_prefix(repo())
                        .unwrap()
                        .to_string_lossy()
                        .into_owned();
                    let text = std::fs::read_to_string(f).unwrap();
                    apigw_spec::load(&shown, &text).unwrap_or_else(|e| panic!("{e}"))
                })
                .collect();
            (
                dir.file_name().unwrap().to_string_lossy().into_owned(),
                specs,
            )
        })
        .collect()
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if !path.ends_with("src") {
                walk(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "toml")
            && !["service.toml", "errors.toml", "Cargo.toml"]
                .iter()
                .any(|n| path.ends_with(n))
        {
            out.push(path);
        }
    }
}

/// A valid value of a parameter, as text.
fn text_of(value: Value) -> String {
    match value {
        Value::String(s) => s,
        other => other.to_string(),
    }
}

/// `spec`'s path up to and including the collection's segments, with values filled in, and
/// the required query string.
fn collection_path(spec: &Spec, resource: &Resource) -> String {
    let mut out = String::new();
    for part in resource.collection.split('/').filter(|p| !p.is_empty()) {
        out.push('/');
        let mut rest = part;
        while let Some(start) = rest.find('{') {
            out.push_str(&rest[..start]);
            let end = rest[start..].find('}').map_or(rest.len(), |e| start + e);
            let name = &rest[start + 1..end];
            let value = if name == "project_id" {
                PROJECT_ID.to_owned()
            } else {
                spec.params_in(ParamLocation::Path)
                    .find(|p| p.field.name.value == name)
                    .map_or_else(
                        || "p1".to_owned(),
                        |p| text_of(synthesize_field(spec, &p.field, 0)),
                    )
            };
            out.push_str(&utf8_percent_encode(&value, NON_ALPHANUMERIC).to_string());
            rest = &rest[(end + 1).min(rest.len())..];
        }
        out.push_str(rest);
    }
    out
}

fn query(spec: &Spec) -> String {
    let pairs: Vec<String> = spec
        .params_in(ParamLocation::Query)
        .filter(|p| p.field.required)
        .map(|p| {
            let value = text_of(synthesize_field(spec, &p.field, 0));
            format!(
                "{}={}",
                utf8_percent_encode(&p.field.name.value, NON_ALPHANUMERIC),
                utf8_percent_encode(&value, NON_ALPHANUMERIC)
            )
        })
        .collect();
    if pairs.is_empty() {
        String::new()
    } else {
        format!("?{}", pairs.join("&"))
    }
}

/// The documented example body of `spec`, else one made from its type; `None` for a form.
fn example_body(spec: &Spec) -> Result<Option<Value>, String> {
    let Some(body) = &spec.body else {
        return Ok(None);
    };
    if body.encoding == BodyEncoding::Form {
        return Err("its body is a form".into());
    }
    Ok(Some(
        body.examples
            .first()
            .and_then(|e| serde_json::from_str(&e.json.value).ok())
            .unwrap_or_else(|| synthesize(spec, &body.ty.value, None, 0)),
    ))
}

/// The scalar fields of the resource a body sends.
fn scalars(body: Option<&Value>, of: &Resource) -> Vec<(String, Value)> {
    body.and_then(|b| state::resource(b, of))
        .map(|r| {
            r.iter()
                .filter(|(_, v)| v.is_string() || v.is_number() || v.is_boolean())
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        })
        .unwrap_or_default()
}

/// Where a lifecycle ended.
async fn lifecycle(address: SocketAddr, specs: &[Spec], resource: &Resource) -> Result<(), String> {
    let spec = |role| resource.operation(role).map(|i| &specs[i]);
    let create = spec(Role::Create).unwrap();
    let collection = collection_path(create, resource);
    let sent = example_body(create)?;
    let (status, created) = call(
        address,
        "POST",
        &format!("{collection}{}", query(create)),
        sent.as_ref(),
    )
    .await;
    if !(200..300).contains(&status) {
        return Err(format!("create: {status} {}", error_code(&created)));
    }
    let object = state::resource(&created, resource).ok_or("create: no resource in the answer")?;
    let key = resource.id_field(object);
    let id = object
        .get(&key)
        .map(|v| text_of(v.clone()))
        .ok_or("create: no id")?;
    let item = format!(
        "{collection}/{}",
        utf8_percent_encode(&id, NON_ALPHANUMERIC)
    );
    let read = spec(Role::Read).unwrap();
    let read_back = |fields: Vec<(String, Value)>, step: &'static str| {
        let path = format!("{item}{}", query(read));
        async move {
            let (status, body) = call(address, "GET", &path, None).await;
            if !(200..300).contains(&status) {
                return Err(format!("{step}: {status} {}", error_code(&body)));
            }
            let object = state::resource(&body, resource).ok_or(format!("{step}: no resource"))?;
            for (k, v) in &fields {
                if object.get(k) != Some(v) {
                    return Err(format!("{step}: `{k}` is not what was sent"));
                }
            }
            Ok(())
        }
    };
    read_back(scalars(sent.as_ref(), resource), "read").await?;
    if let Some(list) = spec(Role::List) {
        // The collection's path, or it and `/detail`.
        let depth = resource
            .collection
            .split('/')
            .filter(|p| !p.is_empty())
            .count();
        let suffix: String = list
            .operation
            .path
            .raw
            .split('/')
            .filter(|p| !p.is_empty())
            .skip(depth)
            .map(|p| format!("/{p}"))
            .collect();
        let (status, body) = call(
            address,
            "GET",
            &format!("{collection}{suffix}{}", query(list)),
            None,
        )
        .await;
        if status != 200 {
            return Err(format!("list: {status} {}", error_code(&body)));
        }
        let items = match state::items_key(list, resource, &body) {
            Some(key) => body.get(&key).cloned().unwrap_or(Value::Null),
            None => body.clone(),
        };
        let listed = items.as_array().is_some_and(|items| {
            items
                .iter()
                .any(|i| i.get(&key).map(|v| text_of(v.clone())).as_deref() == Some(id.as_str()))
        });
        if !listed {
            return Err("list: not listed".into());
        }
    }
    if let Some(update) = spec(Role::Update) {
        let body = example_body(update)?;
        let (status, answer) = call(
            address,
            update.operation.method.value.as_str(),
            &format!("{item}{}", query(update)),
            body.as_ref(),
        )
        .await;
        if !(200..300).contains(&status) {
            return Err(format!("update: {status} {}", error_code(&answer)));
        }
        let changed: Vec<(String, Value)> = scalars(body.as_ref(), resource)
            .into_iter()
            .filter(|(k, _)| *k != key)
            .collect();
        read_back(changed, "read after update").await?;
    }
    let delete = spec(Role::Delete).unwrap();
    let body = example_body(delete)?;
    let (status, body) = call(
        address,
        "DELETE",
        &format!("{item}{}", query(delete)),
        body.as_ref(),
    )
    .await;
    if !(200..300).contains(&status) {
        return Err(format!("delete: {status} {}", error_code(&body)));
    }
    let (status, _) = call(address, "GET", &format!("{item}{}", query(read)), None).await;
    if status != 404 {
        return Err(format!("read after delete: {status}"));
    }
    Ok(())
}

fn error_code(body: &Value) -> String {
    body.get("error_msg")
        .or_else(|| body.get("error_code"))
        .map(|v| text_of(v.clone()))
        .unwrap_or_default()
}

#[tokio::test]
async fn every_resource_the_rule_finds_lives_through_its_lifecycle() {
    let mut report = String::from(
        "# Emulated resources\n\nWhat the emulator's resource rule (`apigw_emulator::resources`, \
         described in `docs/emulator.md`) binds in every service, and how each lifecycle ends \
         (create → read → list → update → delete → read, through loopback HTTP). Regenerated by \
         `UPDATE_RESOURCES=1 cargo test -p apigw-emulator --test lifecycles`.\n\n\
         | service | operations | bound to a resource | resources | with create, read and delete | lifecycles passed |\n\
         |---|---:|---:|---:|---:|---:|\n",
    );
    let mut details = String::new();
    let (mut complete_all, mut passed_all) = (0, 0);
    for (name, specs) in services() {
        let resources = Resources::find(&specs);
        let emulator = Emulator::start(specs.clone()).await.unwrap();
        let address = emulator.address();
        let (mut complete, mut passed) = (0, 0);
        let _ = writeln!(details, "\n## {name}\n");
        for resource in resources.iter() {
            let roles: Vec<String> = resource
                .operations
                .iter()
                .map(|(role, i)| format!("{} `{}`", role.as_str(), specs[*i].operation.id.value))
                .collect();
            let outcome = if resource.is_complete() {
                complete += 1;
                match lifecycle(address, &specs, resource).await {
                    Ok(()) => {
                        passed += 1;
                        "lifecycle passes".to_owned()
                    }
                    Err(e) => format!("lifecycle fails at {e}"),
                }
            } else {
                "no lifecycle (not created, read and deleted)".to_owned()
            };
            let _ = writeln!(
                details,
                "- `{}`: {}; {outcome}",
                resource.collection,
                roles.join(", ")
            );
        }
        let _ = writeln!(
            report,
            "| {name} | {} | {} | {} | {complete} | {passed} |",
            specs.len(),
            resources.bound(),
            resources.iter().count(),
        );
        complete_all += complete;
        passed_all += passed;
    }
    let _ = writeln!(
        report,
        "| **all** | | | | {complete_all} | {passed_all} ({:.0}%) |",
        100.0 * passed_all as f64 / complete_all.max(1) as f64
    );
    report.push_str(&details);
    let path = repo().join("apigw-emulator/RESOURCES.md");
    if std::env::var_os("UPDATE_RESOURCES").is_some() {
        std::fs::write(&path, &report).unwrap();
    } else {
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == report,
            "apigw-emulator/RESOURCES.md is stale: run UPDATE_RESOURCES=1 cargo test -p apigw-emulator --test lifecycles"
        );
    }
    assert!(
        passed_all * 5 >= complete_all * 4,
        "{passed_all} of {complete_all} lifecycles pass, fewer than 80%"
    );
}

/// An asynchronous create (ECS `CreateServers`, answered with a job) returns a job that the
/// job-status operation reports running, then successful; the server is then listed and read.
#[tokio::test]
async fn an_ecs_create_is_a_job_and_the_server_appears_when_it_succeeds() {
    let (_, specs) = services()
        .into_iter()
        .find(|(name, _)| name == "elastic-cloud-server")
        .unwrap();
    let create = specs
        .iter()
        .find(|s| s.operation.id.value == "CreateServers")
        .unwrap();
    let emulator = Emulator::start(specs.clone()).await.unwrap();
    let address = emulator.address();
    let body = example_body(create).unwrap();
    let base = format!("/v1/{PROJECT_ID}");
    let (status, answer) = call(
        address,
        "POST",
        &format!("{base}/cloudservers"),
        body.as_ref(),
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    let job = answer["job_id"].as_str().unwrap().to_owned();
    let server = answer["serverIds"][0].as_str().unwrap().to_owned();
    let listed = |body: &Value| {
        body["servers"]
            .as_array()
            .is_some_and(|s| s.iter().any(|s| s["id"] == server.as_str()))
    };
    let (_, servers) = call(address, "GET", &format!("{base}/cloudservers/detail"), None).await;
    assert!(!listed(&servers), "not yet: {servers}");

    let (status, first) = call(address, "GET", &format!("{base}/jobs/{job}"), None).await;
    assert_eq!(
        (status, &first["status"]),
        (200, &Value::from("RUNNING")),
        "{first}"
    );
    assert_eq!(first["job_id"], job.as_str());
    let (_, second) = call(address, "GET", &format!("{base}/jobs/{job}"), None).await;
    assert_eq!(second["status"], "SUCCESS", "{second}");

    let (status, servers) =
        call(address, "GET", &format!("{base}/cloudservers/detail"), None).await;
    assert_eq!(status, 200);
    assert!(listed(&servers), "{servers}");
    let (status, shown) = call(
        address,
        "GET",
        &format!("{base}/cloudservers/{server}"),
        None,
    )
    .await;
    assert_eq!(status, 200);
    let sent = body
        .as_ref()
        .and_then(|b| b["server"]["name"].as_str())
        .unwrap();
    assert_eq!(shown["server"]["name"], sent, "{shown}");
}
