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
    insta::assert_snapshot!(generated("specs/api_management/list_api_versions_v2.toml"));
}

#[test]
fn list_endpoint_connections() {
    insta::assert_snapshot!(generated(
        "specs/vpc_endpoint_management/list_endpoint_connections.toml"
    ));
}
