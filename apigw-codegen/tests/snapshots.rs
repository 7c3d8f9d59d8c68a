//! The generated code of the seed operations, of an operation of another service and of a
//! whole (tiny) service, kept as reviewed snapshots (`tests/snapshots/*.snap`): a change to the
//! generator shows up in review as a diff of the code users get. The inputs are frozen copies
//! in `tests/specs/` (see its README), so an importer change cannot move them. Update with
//! `INSTA_UPDATE=always cargo test -p apigw-codegen` and review.

use apigw_codegen::{Folder, Operation, Options};

/// The text of a frozen input, by its path below `tests/specs/`.
fn frozen(name: &str) -> String {
    let path = format!("{}/tests/specs/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("tests/specs/{name}: {e}"))
}

/// Tokens as the formatted Rust a user reads.
fn pretty(tokens: proc_macro2::TokenStream) -> String {
    let file = syn::parse2::<syn::File>(tokens).expect("generated code parses as Rust");
    prettyplease::unparse(&file)
}

/// The code generated from the frozen spec `name`.
fn generated(name: &str) -> String {
    expanded(name, &frozen(name))
}

/// The code generated from the spec `text` (called `name` in messages).
fn expanded(name: &str, text: &str) -> String {
    let spec = apigw_spec::load(name, text).unwrap_or_else(|e| panic!("{e}"));
    pretty(apigw_codegen::expand(&spec, &Options::default()))
}

#[test]
fn list_api_versions_v2() {
    insta::assert_snapshot!(generated("list_api_versions_v2.toml"));
}

#[test]
fn list_endpoint_connections() {
    insta::assert_snapshot!(generated("list_endpoint_connections.toml"));
}

/// An operation of another service than APIG (the Elastic Cloud Server's native OpenStack
/// API): objects nested two deep and a free-form `Object` list.
#[test]
fn listing_a_zs() {
    insta::assert_snapshot!(generated("listing_a_zs.toml"));
}

/// A whole `service!` expansion: `SERVICE`, `Client`, the error codes of `errors.toml`, the
/// shared `types` module (both operations define `Widget` alike, so it is generated once; one's
/// `WidgetsLink` is the other's `Link`, so it is re-exported under that name) and the folder's
/// modules.
#[test]
fn a_whole_service() {
    let mut service =
        apigw_spec::service::load("shelf/service.toml", &frozen("shelf/service.toml"))
            .unwrap_or_else(|e| panic!("{e}"));
    service.errors =
        apigw_spec::service::load_errors("shelf/errors.toml", &frozen("shelf/errors.toml"))
            .unwrap_or_else(|e| panic!("{e}"));
    let operations = ["list_widgets.toml", "show_widget.toml"].map(|file| {
        let name = format!("shelf/widgets/{file}");
        Operation {
            spec: apigw_spec::load(&name, &frozen(&name)).unwrap_or_else(|e| panic!("{e}")),
            spec_source: quote::quote!(""),
            extra: proc_macro2::TokenStream::new(),
        }
    });
    let root = Folder {
        folders: vec![Folder {
            title: "Widgets".to_owned(),
            operations: operations.into(),
            folders: Vec::new(),
        }],
        ..Folder::default()
    };
    let code = pretty(apigw_codegen::expand_service(
        &service,
        &root,
        &Options::default(),
    ));
    assert_eq!(
        code.matches("pub struct Widget {").count(),
        1,
        "a shared type is generated once"
    );
    assert_eq!(code.matches("pub struct Link {").count(), 1);
    assert!(!code.contains("pub struct WidgetsLink"));
    assert!(
        code.contains("pub type WidgetsLink = crate::types::Link;")
            && code.contains("pub type WidgetsLinkRel = crate::types::LinkRel;"),
        "{code}"
    );
    insta::assert_snapshot!(code);
}

/// The specs really drive the code: a query parameter removed from the spec loses its setter
/// (and its encoding), and nothing else changes.
#[test]
fn removing_a_query_parameter_removes_its_setter() {
    let path = "list_api_versions_v2.toml";
    let text = frozen(path);
    let table = "[query.env_name]\ntype = \"String\"\ndescription = \"Environment name.\"\n";
    assert!(text.contains(table));
    let without = text.replace(table, "");

    let (before, after) = (expanded(path, &text), expanded(path, &without));
    // The code, not its docs (the documented example response shows an `env_name` field).
    let code = |text: &str| -> String {
        text.lines()
            .filter(|l| !l.trim_start().starts_with("///") && !l.trim_start().starts_with("//!"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let after = code(&after);
    assert!(before.contains("pub fn env_name(") && before.contains("request.query(\"env_name\""));
    assert!(
        !after.contains("pub fn env_name(") && !after.contains("\"env_name\""),
        "{after}"
    );
    assert!(after.contains("pub fn env_id("), "other setters stay");
}

/// Generated types may take names of the standard prelude (here the enums `Option` and `Vec`
/// and the object `Result`); the module then writes those prelude names in full, and only
/// those (`tests/custom_operations.rs` compiles and calls it).
#[test]
fn prelude_names_taken_by_generated_types_are_written_in_full() {
    // The hand-written spec of the root tests (not imported, so not moved by the importer).
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/specs/prelude_names.toml"
    );
    let code = expanded(
        "prelude_names.toml",
        &std::fs::read_to_string(path).unwrap(),
    );
    assert!(code.contains("pub enum Option {") && code.contains("pub struct Result {"));
    assert!(
        code.contains("option: ::core::option::Option<Option>,"),
        "{code}"
    );
    assert!(
        code.contains("vec: ::core::option::Option<::std::vec::Vec<Vec>>,"),
        "{code}"
    );
    assert!(code.contains("-> ::core::result::Result<rt::Request, rt::BuildError>"));
    assert!(code.contains("skip_serializing_if = \"::core::option::Option::is_none\""));
    // `String` and `Into` are not taken: short.
    assert!(code.contains("name: impl Into<String>"), "{code}");
}
