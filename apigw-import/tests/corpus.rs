//! What the importer says about a page: contradictions between examples and tables are warned
//! at the example's page line, and the table wins. (Every reference importing as committed is
//! `tests/coverage.rs`.)

use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
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
