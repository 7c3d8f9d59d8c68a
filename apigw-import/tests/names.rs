//! Every operation of every service has a name a Rust developer would give it (the rule is
//! `apigw_import::naming`): an imperative verb, not a page title's gerund; abbreviations whole
//! (`Ecss`, not `EcSs`); no folder or version words of the reference in the name; a method
//! short enough to type; and no two operations of a service with one method name.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The words of a `PascalCase` id (`BatchAddServerNics` → `Batch`, `Add`, `Server`, `Nics`).
fn words(id: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in id.char_indices().skip(1) {
        if c.is_ascii_uppercase() || c == '_' {
            out.push(&id[start..i]);
            start = if c == '_' { i + 1 } else { i };
        }
    }
    out.push(&id[start..]);
    out.retain(|w| !w.is_empty());
    out
}

/// What is wrong with an id, if anything; `own` when it is the page's own label.
fn fault(id: &str, method: &str, own: bool) -> Option<String> {
    let words = words(id);
    let first = words.first().copied().unwrap_or_default();
    if !own && first.len() > 5 && first.ends_with("ing") {
        return Some(format!("starts with the gerund `{first}`"));
    }
    // An abbreviation split in two: `EcSs`, `NiCs`, `VpCs`.
    for pair in words.windows(2) {
        if pair[0].len() == 2 && pair[1].len() == 2 && pair[1].ends_with('s') {
            return Some(format!("splits an abbreviation: `{}{}`", pair[0], pair[1]));
        }
    }
    for fragment in ["Discarded", "Microversion", "Deprecated"] {
        if id.contains(fragment) {
            return Some(format!("holds `{fragment}`"));
        }
    }
    if id.contains("Native") && id.contains("Apis") {
        return Some("holds a folder's `Native…Apis`".to_owned());
    }
    if method.len() > 50 {
        return Some(format!("method `{method}` is {} characters", method.len()));
    }
    None
}

#[test]
fn every_operation_is_named_like_an_sdk_method() {
    let mut lengths = Vec::new();
    let mut faults = Vec::new();
    let mut services = 0;
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(repo().join("specs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join(apigw_spec::service::FILE_NAME).is_file())
        .collect();
    dirs.sort();
    for dir in dirs {
        services += 1;
        let mut methods: HashMap<String, PathBuf> = HashMap::new();
        for file in apigw_spec::service::operation_files(&dir).unwrap() {
            let text = std::fs::read_to_string(&file).unwrap();
            let spec = apigw_spec::load("spec", &text).unwrap();
            let id = &spec.operation.id.value;
            let method = apigw_spec::naming::method_name(&spec);
            let service = dir.file_name().unwrap();
            let page = spec
                .operation
                .reference
                .as_ref()
                .and_then(|r| {
                    std::fs::read_to_string(repo().join("reference").join(service).join(r)).ok()
                })
                .and_then(|text| apigw_import::page::read(&text).ok());
            let own = page.and_then(|p| p.label).as_ref() == Some(id);
            let shown = file
                .strip_prefix(repo())
                .unwrap_or(&file)
                .display()
                .to_string();
            if let Some(fault) = fault(id, &method, own) {
                faults.push(format!("{shown}: `{id}` {fault}"));
            }
            if let Some(other) = methods.insert(method.clone(), file.clone()) {
                faults.push(format!(
                    "{} and {shown}: one method `{method}`",
                    other.strip_prefix(repo()).unwrap().display()
                ));
            }
            lengths.push(method.len());
        }
    }
    assert!(services >= 18, "{services} services");
    assert!(faults.is_empty(), "{}", faults.join("\n"));
    lengths.sort_unstable();
    let median = lengths[lengths.len() / 2];
    eprintln!(
        "{} operations of {services} services: method names median {median}, longest {} characters",
        lengths.len(),
        lengths.last().unwrap()
    );
    assert!(median <= 22, "median method name length {median}");
}

#[test]
fn faults_are_found() {
    assert!(fault("CreatingEcss", "creating_ecss", false).is_some());
    assert_eq!(fault("CreatingEcss", "creating_ecss", true), None);
    assert!(fault("CreateEcSs", "create_ec_ss", false).is_some());
    assert!(fault("AddNiCsToServer", "add_ni_cs_to_server", false).is_some());
    assert!(fault("ShowFloatingIpNativeOpenstackNeutronApisV20", "x", false).is_some());
    assert!(fault("ListImagesMicroversion26", "x", false).is_some());
    assert!(fault("ListX", &"x".repeat(51), false).is_some());
    assert_eq!(fault("CreateServers", "create_servers", false), None);
    assert_eq!(
        fault("BatchAddServerNics", "batch_add_server_nics", false),
        None
    );
    assert_eq!(fault("ListEcss", "list_ecss", false), None);
}
