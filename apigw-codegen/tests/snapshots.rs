//! The generated code of the seed operations, kept as reviewed snapshots
//! (`tests/snapshots/*.snap`): a change to the generator shows up in review as a diff of the
//! code users get. Update with `INSTA_UPDATE=always cargo test -p apigw-codegen` and review.

fn generated(spec_path: &str) -> String {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let text = std::fs::read_to_string(format!("{root}/{spec_path}")).unwrap();
    let spec = apigw_spec::load(spec_path, &text).unwrap_or_else(|e| panic!("{e}"));
    let tokens = apigw_codegen::expand(&spec, &apigw_codegen::Options::default());
    let file = syn::parse2::<syn::File>(tokens).expect("generated code parses as Rust");
    prettyplease::unparse(&file)
}

#[test]
fn list_api_versions_v2() {
    insta::assert_snapshot!(generated(
        "specs/apig/api_management/list_api_versions_v2.toml"
    ));
}

#[test]
fn list_endpoint_connections() {
    insta::assert_snapshot!(generated(
        "specs/apig/vpc_endpoint_management/list_endpoint_connections.toml"
    ));
}

/// The specs really drive the code: a query parameter removed from the spec loses its setter
/// (and its encoding), and nothing else changes.
#[test]
fn removing_a_query_parameter_removes_its_setter() {
    let path = "specs/apig/api_management/list_api_versions_v2.toml";
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let text = std::fs::read_to_string(format!("{root}/{path}")).unwrap();
    let table = "[query.env_name]\ntype = \"String\"\ndescription = \"Environment name.\"\n";
    assert!(text.contains(table));
    let without = text.replace(table, "");

    let render = |text: &str| {
        let spec = apigw_spec::load(path, text).unwrap_or_else(|e| panic!("{e}"));
        let tokens = apigw_codegen::expand(&spec, &apigw_codegen::Options::default());
        prettyplease::unparse(&syn::parse2::<syn::File>(tokens).unwrap())
    };
    let (before, after) = (render(&text), render(&without));
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
    let code = generated("tests/specs/prelude_names.toml");
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
