//! Every imported service against the reference it was imported from: every operation of
//! APIG's manifest (`reference/apig/`) has a spec and generated code with its method, path and
//! parameters; for every service, each spec under `specs/<service>/` has its generated
//! operation, every documented example response decodes into its generated type, and every
//! documented example request body survives decoding into the generated body type and
//! encoding back.
//!
//! Some examples contradict their own page's tables. Those are listed, with service, page,
//! field and reason, in `tests/example_discrepancies.tsv`; the test checks the list is exact,
//! so it can only shrink (fix the importer or the generator, then delete the line).

mod support;

use std::collections::BTreeSet;
use std::path::Path;

use apigw_apig::runtime::{
    self, DynOperation, RawResponse, StatusCode, header::HeaderMap, lenient::Mode,
};
use apigw_spec::{ParamLocation, Spec};
use serde_json::Value;
use support::ROOT;
const REFERENCE_PREFIX: &str = "dedicated_gateway_apis_v2/";

struct ManifestRow {
    folder: String,
    file: String,
    id: String,
    method: String,
    path: String,
}

fn manifest() -> Vec<ManifestRow> {
    let text =
        std::fs::read_to_string(Path::new(ROOT).join("reference/apig/operations.tsv")).unwrap();
    text.lines()
        .skip(1)
        .map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            let (method, path) = cols[3].split_once(' ').unwrap();
            ManifestRow {
                folder: cols[0].to_owned(),
                file: cols[1].to_owned(),
                id: cols[2].to_owned(),
                method: method.to_owned(),
                path: path.to_owned(),
            }
        })
        .collect()
}

/// Every APIG spec under `specs/`, loaded, with its path relative to the repository.
fn specs() -> Vec<(String, Spec)> {
    support::spec_files()
        .into_iter()
        .map(|file| {
            let shown = file
                .strip_prefix(ROOT)
                .unwrap()
                .to_string_lossy()
                .trim_start_matches('/')
                .to_owned();
            let text = std::fs::read_to_string(&file).unwrap();
            let spec = apigw_spec::load(&shown, &text).unwrap_or_else(|e| panic!("{e}"));
            (shown, spec)
        })
        .collect()
}

#[test]
fn every_manifest_operation_is_specified_and_generated() {
    let manifest = manifest();
    let ids: BTreeSet<&str> = manifest.iter().map(|row| row.id.as_str()).collect();
    assert!(
        !manifest.is_empty(),
        "the manifest lists the operation pages"
    );
    assert_eq!(
        ids.len(),
        manifest.len(),
        "each operation once in the manifest"
    );
    let specs = specs();
    assert_eq!(
        specs.len(),
        manifest.len(),
        "one spec per manifest row, no more"
    );
    for row in &manifest {
        let folder = row.folder.strip_prefix(REFERENCE_PREFIX).unwrap();
        let file = format!(
            "specs/apig/{folder}/{}.toml",
            apigw_spec::naming::snake(&row.id)
        );
        let (_, spec) = specs
            .iter()
            .find(|(shown, _)| *shown == file)
            .unwrap_or_else(|| panic!("{} has no spec at {file}", row.id));
        let op = &spec.operation;
        assert_eq!(op.id.value, row.id);
        assert_eq!(op.method.value.as_str(), row.method, "{}", row.id);
        assert_eq!(op.path.raw, row.path, "{}", row.id);
        assert_eq!(
            op.reference.as_deref(),
            Some(format!("{}/{}", row.folder, row.file).as_str())
        );
        // Path parameters: exactly the placeholders of the manifest's path.
        let placeholders: BTreeSet<&str> = row
            .path
            .split('{')
            .skip(1)
            .map(|s| s.split('}').next().unwrap())
            .collect();
        let params: BTreeSet<&str> = spec
            .params_in(ParamLocation::Path)
            .map(|p| p.field.name.value.as_str())
            .collect();
        assert_eq!(params, placeholders, "{}", row.id);

        // And the generated code carries the same identity.
        let generated = apigw_apig::SERVICE
            .operation(&row.id)
            .unwrap_or_else(|| panic!("{} is not generated", row.id));
        assert_eq!(generated.meta.method.as_str(), row.method);
        assert_eq!(generated.meta.path.as_str(), row.path);
        assert_eq!(
            generated.meta.placeholders().collect::<BTreeSet<_>>(),
            placeholders,
            "{}: the generated template's pieces",
            row.id
        );
    }
    assert_eq!(
        apigw_apig::SERVICE.operations.iter().copied().count(),
        manifest.len(),
        "src/lib.rs lists every folder once"
    );
}

/// One line of the discrepancy list: page, status (or `request`), field and reason.
fn line(spec: &Spec, what: &str, field: &str, reason: &str) -> String {
    let page = spec.operation.reference.as_deref().unwrap_or("?");
    let reason = reason.split(" at line ").next().unwrap_or(reason);
    format!("{page}\t{what}\t{field}\t{reason}")
}

/// The operation specs of a service's folder, `specs/<dir>/` (every `*.toml` but the service
/// file), and the folder's service name from its service file.
fn service_folders() -> Vec<(String, usize)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(Path::new(ROOT).join("specs")).unwrap() {
        let dir = entry.unwrap().path();
        let text = std::fs::read_to_string(dir.join(apigw_spec::service::FILE_NAME)).unwrap();
        let service = apigw_spec::service::load("service.toml", &text).unwrap();
        let count = apigw_spec::service::operation_files(&dir).unwrap().len();
        out.push((service.name.value, count));
    }
    out.sort();
    out
}

#[test]
fn every_spec_of_every_service_is_generated() {
    let mut generated: Vec<(String, usize)> = support::services()
        .iter()
        .map(|s| (s.name.to_owned(), s.operations.len()))
        .collect();
    generated.sort();
    assert_eq!(generated, service_folders(), "(service, operations)");
    for service in support::services() {
        for op in service.operations {
            let spec = apigw_spec::load(op.meta.id, op.spec).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(spec.operation.id.value, op.meta.id);
            assert_eq!(spec.operation.path.raw, op.meta.path.as_str());
        }
    }
}

#[test]
fn every_example_decodes_except_the_listed_discrepancies() {
    let mut found = BTreeSet::new();
    let (mut responses, mut requests) = (0, 0);
    let all: Vec<(&str, &'static DynOperation)> = support::services()
        .into_iter()
        .flat_map(|s| s.operations.iter().map(move |op| (s.name, *op)))
        .collect();
    for (service, op) in all {
        let spec = apigw_spec::load(op.meta.id, op.spec).unwrap_or_else(|e| panic!("{e}"));
        let line = |spec: &Spec, what: &str, field: &str, reason: &str| {
            format!("{service}\t{}", line(spec, what, field, reason))
        };
        for response in &spec.responses {
            for example in &response.examples {
                responses += 1;
                let status = StatusCode::from_u16(response.status.value).unwrap();
                let mut headers = HeaderMap::new();
                headers.insert("x-request-id", "example".parse().unwrap());
                let raw = RawResponse::new(
                    op.meta.id,
                    status,
                    headers,
                    example.json.value.clone().into(),
                );
                let strict = raw.clone().with_mode(Mode::Strict);
                let what = response.status.value.to_string();
                match ((op.decode)(raw), response.is_success()) {
                    (Ok(decoded), true) => {
                        for d in decoded.deviations() {
                            let why = format!("expected {}, found {}", d.expected, d.found);
                            found.insert(line(&spec, &what, &d.path, &why));
                        }
                        // Strict decoding refuses exactly these, at the first of them.
                        match ((op.decode)(strict), decoded.deviations().first()) {
                            (Ok(_), None) => {}
                            (Err(runtime::Error::Decode(e)), Some(first)) => {
                                assert_eq!(e.path, first.path, "{}", spec.operation.id.value)
                            }
                            (other, first) => panic!(
                                "{} {what}: strictly {other:?}, leniently first {first:?}",
                                spec.operation.id.value
                            ),
                        }
                    }
                    (Err(runtime::Error::Decode(e)), true) => {
                        found.insert(line(&spec, &what, &e.path, &e.reason));
                    }
                    (Err(runtime::Error::Service(e)), false) if !e.kind.is_null() => {}
                    (Err(runtime::Error::Service(_)), false) => {
                        found.insert(line(
                            &spec,
                            &what,
                            ".",
                            "error body does not decode as its documented type",
                        ));
                    }
                    (other, _) => panic!(
                        "{} {what}: unexpected outcome {other:?}",
                        spec.operation.id.value
                    ),
                }
            }
        }
        if let Some(body) = &spec.body {
            for example in &body.examples {
                requests += 1;
                let documented: Value = serde_json::from_str(&example.json.value).unwrap();
                let Some(reencode) = op.reencode_body else {
                    found.insert(line(
                        &spec,
                        "request",
                        ".",
                        &format!("{} body: the example is JSON", body.encoding.media_type()),
                    ));
                    continue;
                };
                match reencode(&documented) {
                    Ok(encoded) => {
                        if let Some((path, why)) =
                            first_difference(&documented, &encoded, String::new())
                        {
                            found.insert(line(&spec, "request", &path, &why));
                        }
                        // It decodes, but may still break the table's rules (a gateway refuses it).
                        for v in apigw_spec::conform::conform(&spec, &body.ty.value, &documented) {
                            if v.kind != apigw_spec::conform::ViolationKind::Undocumented {
                                found.insert(line(&spec, "request", &v.path, &v.message));
                            }
                        }
                    }
                    Err(e) => {
                        found.insert(line(&spec, "request", &e.path, &e.reason));
                    }
                }
            }
        }
    }
    assert!(
        responses > 2000 && requests > 500,
        "{responses} response and {requests} request examples"
    );

    let listed_text =
        std::fs::read_to_string(Path::new(ROOT).join("tests/example_discrepancies.tsv"))
            .unwrap_or_default();
    let listed: BTreeSet<String> = listed_text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(str::to_owned)
        .collect();
    let new: Vec<&String> = found.difference(&listed).collect();
    let fixed: Vec<&String> = listed.difference(&found).collect();
    if std::env::var_os("APIGW_WRITE_DISCREPANCIES").is_some() {
        let header = "# Documented examples that contradict their own page's tables (service, page, status or `request`, field, reason).\n# Checked to be exact by tests/imported_operations.rs; it may only shrink.\n";
        let body: String = found.iter().map(|l| format!("{l}\n")).collect();
        std::fs::write(
            Path::new(ROOT).join("tests/example_discrepancies.tsv"),
            format!("{header}{body}"),
        )
        .unwrap();
        return;
    }
    assert!(
        new.is_empty() && fixed.is_empty(),
        "new discrepancies (fix them, or list them with a reason):\n{}\n\nno longer discrepancies (delete them from the list):\n{}",
        new.iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        fixed
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
    );
}

/// Where two JSON values first differ (`a.b[2]`), and how.
fn first_difference(documented: &Value, encoded: &Value, at: String) -> Option<(String, String)> {
    let here = || {
        if at.is_empty() {
            ".".to_owned()
        } else {
            at.clone()
        }
    };
    match (documented, encoded) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                let path = if at.is_empty() {
                    key.clone()
                } else {
                    format!("{at}.{key}")
                };
                match b.get(key) {
                    None => {
                        return Some((
                            path,
                            "not in the documented type; dropped when encoding".to_owned(),
                        ));
                    }
                    Some(other) => {
                        if let Some(d) = first_difference(value, other, path) {
                            return Some(d);
                        }
                    }
                }
            }
            b.keys().find(|k| !a.contains_key(*k)).map(|k| {
                (
                    format!(
                        "{}{k}",
                        if at.is_empty() {
                            String::new()
                        } else {
                            format!("{at}.")
                        }
                    ),
                    "added when encoding".to_owned(),
                )
            })
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(i, (x, y))| first_difference(x, y, format!("{at}[{i}]"))),
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => None,
        (a, b) if a == b => None,
        (a, b) => Some((here(), format!("documented {a}, encoded {b}"))),
    }
}
