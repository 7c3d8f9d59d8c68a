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

#[test]
fn pages_of_one_reference_that_share_an_id_are_told_apart_with_a_warning() {
    // Two pages of the ECS reference yield `CreateEcsGroup` (`/v1/…` and `/v2.1/…`); a
    // third page's id is its own.
    let pages: Vec<(String, String)> = [
        "apis_recommended/ecs_group_management/creating_an_ecs_group.rst",
        "native_openstack_nova_apis/ecs_group_management/creating_an_ecs_group.rst",
        "apis_recommended/ecs_group_management/deleting_an_ecs_group.rst",
    ]
    .iter()
    .map(|reference| {
        let path = repo()
            .join("reference/elastic-cloud-server")
            .join(reference);
        (
            reference.to_string(),
            std::fs::read_to_string(path).unwrap(),
        )
    })
    .collect();
    let alone: Vec<_> = pages
        .iter()
        .map(|(reference, text)| apigw_import::import_page(reference, text).unwrap())
        .collect();
    assert_eq!(alone[0].spec.operation.id.value, "CreateEcsGroup");
    assert_eq!(alone[1].spec.operation.id.value, "CreateEcsGroup");

    let run: Vec<_> = apigw_import::import_pages(&pages)
        .into_iter()
        .map(Result::unwrap)
        .collect();
    let ids: Vec<&str> = run.iter().map(|i| &*i.spec.operation.id.value).collect();
    assert_eq!(
        ids,
        ["CreateEcsGroupV1", "CreateEcsGroupV2_1", "DeleteEcsGroup"]
    );
    // The unique page is imported as alone, byte for byte.
    assert_eq!(run[2].text, alone[2].text);
    assert_eq!(run[2].warnings, alone[2].warnings);
    // A renamed page: the types named after the id follow it, and the rename is warned at the
    // title (where the id comes from), naming the other page; the page's own warnings stay.
    assert!(run[1].text.contains("id = \"CreateEcsGroupV2_1\""));
    assert!(!run[1].text.contains("\"CreatingAnEcsGroup\""));
    let body = run[1].spec.body.as_ref().expect("a request body");
    assert_eq!(body.ty.value.to_string(), "CreateEcsGroupV2_1RequestBody");
    let warning = &run[1].warnings[0];
    assert_eq!(
        pages[1].1.lines().nth(warning.line - 1).unwrap(),
        "Creating an ECS Group"
    );
    assert_eq!(
        warning.message,
        "operation id `CreateEcsGroup` is not unique in the reference (also \
         apis_recommended/ecs_group_management/creating_an_ecs_group.rst); renamed \
         `CreateEcsGroupV2_1` after the API version of its path"
    );
    assert_eq!(run[1].warnings[1..], alone[1].warnings[..]);
    assert_eq!(
        apigw_import::spec_file_name("CreateEcsGroupV2_1"),
        "create_ecs_group_v2_1.toml"
    );
}
