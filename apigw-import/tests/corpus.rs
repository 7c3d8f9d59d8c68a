//! The importer over the whole reference in `reference/apig/`: every operation page imports
//! with zero errors, and the committed `specs/` are exactly a fresh import.

use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Operation pages (those with a `URI` section), relative to `reference/apig`, sorted.
fn pages() -> Vec<(String, String)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rst") {
                out.push(path);
            }
        }
    }
    let root = repo().join("reference/apig");
    let mut files = Vec::new();
    walk(&root.join("dedicated_gateway_apis_v2"), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(&f).unwrap();
            (
                f.strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/"),
                text,
            )
        })
        .filter(|(_, text)| text.lines().any(|l| l.trim() == "URI"))
        .collect()
}

#[test]
fn all_pages_import_and_the_committed_specs_are_a_fresh_import() {
    let pages = pages();
    assert_eq!(pages.len(), 198);
    let mut errors = Vec::new();
    let mut stale = Vec::new();
    for (reference, text) in &pages {
        match apigw_import::import_page(reference, text) {
            Ok(imported) => {
                let folder = Path::new(reference)
                    .parent()
                    .unwrap()
                    .strip_prefix("dedicated_gateway_apis_v2")
                    .unwrap();
                let file = repo()
                    .join("specs")
                    .join(folder)
                    .join(apigw_import::spec_file_name(&imported.spec.operation.id));
                if std::fs::read_to_string(&file).ok().as_deref() != Some(imported.text.as_str()) {
                    stale.push(file.display().to_string());
                }
            }
            Err(e) => errors.push(format!("{reference}:{}: {}", e.line, e.message)),
        }
    }
    assert!(
        errors.is_empty(),
        "pages that do not import:\n{}",
        errors.join("\n")
    );
    assert!(
        stale.is_empty(),
        "specs that differ from a fresh import (run `cargo run -p apigw-import -- --root reference/apig --out specs reference/apig/dedicated_gateway_apis_v2`):\n{}",
        stale.join("\n")
    );
}

#[test]
fn contradictions_are_warned_with_page_line() {
    // The example shows `config_time` as a number; the table documents a String.
    let reference =
        "dedicated_gateway_apis_v2/configuration_management/querying_gateway_configurations.rst";
    let text = std::fs::read_to_string(repo().join("reference/apig").join(reference)).unwrap();
    let imported = apigw_import::import_page(reference, &text).unwrap();
    let warning = imported
        .warnings
        .iter()
        .find(|w| w.message.contains("configs[0].config_time"))
        .expect("a warning for the example's config_time");
    let line = text.lines().nth(warning.line - 1).unwrap();
    assert_eq!(
        line.trim(),
        ".. code-block::",
        "the warning points at the example"
    );
    assert!(
        warning
            .message
            .contains("expected a string, found the number 1597981093255"),
        "{}",
        warning.message
    );
    // The table wins: the spec keeps String.
    assert!(
        imported
            .text
            .contains("[object.InstanceConfig.config_time]\ntype = \"String\"")
    );
}
