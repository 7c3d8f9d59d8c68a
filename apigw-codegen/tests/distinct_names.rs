//! Values whose names become the same in snake case (`server_id` and `serverId`, `name` and
//! `name~`) get distinct Rust names (`apigw_spec::naming::distinct_snake`) and keep their wire
//! names.

const SPEC: &str = r#"
[operation]
id = "ListEngines"
method = "GET"
path = "/v1/engines"

[query.name]
type = "String"

[query."name~"]
type = "String"

[response.200]
body = "Engine"

[object.Engine.serverId]
type = "String"

[object.Engine.server_id]
type = "String"
"#;

#[test]
fn names_alike_in_snake_case_stay_apart_and_keep_their_wire_names() {
    let spec = apigw_spec::load("engines.toml", SPEC).unwrap_or_else(|e| panic!("{e}"));
    let code = apigw_codegen::expand(&spec, &apigw_codegen::Options::default()).to_string();
    let file: syn::File = syn::parse_str(&code).unwrap();
    let module = file
        .items
        .iter()
        .find_map(|item| match item {
            syn::Item::Mod(m) if m.ident == "list_engines" => m.content.as_ref().map(|(_, i)| i),
            _ => None,
        })
        .expect("the operation's module");
    let fields = |name: &str| -> Vec<String> {
        module
            .iter()
            .find_map(|item| match item {
                syn::Item::Struct(s) if s.ident == name => Some(
                    s.fields
                        .iter()
                        .map(|f| f.ident.as_ref().unwrap().to_string())
                        .collect(),
                ),
                _ => None,
            })
            .unwrap_or_else(|| panic!("struct {name}"))
    };
    // The one written in snake case keeps the name; the other is numbered.
    assert_eq!(fields("Engine"), ["server_id_2", "server_id"]);
    assert!(code.contains("rename = \"serverId\""), "{code}");
    let builder = fields("ListEnginesRequest");
    assert!(builder.contains(&"name".to_owned()) && builder.contains(&"name_2".to_owned()));
    assert!(code.contains("\"name~\""), "the wire name is sent");
}
