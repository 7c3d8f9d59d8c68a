//! The documentation of the spec format names every key the parser allows, so that a key added
//! to [`apigw_spec::keys`] without a word in `docs/spec-format.md` fails here.

use std::path::Path;

/// Whether `docs` names `key` as the format writes it: `` `key` ``, as a part of a table header
/// (`[key]`, `[key.`, `.key]`, `.key.`), or assigned (`key = `, in an example or inline table,
/// not as the end of a longer name).
fn documented(docs: &str, key: &str) -> bool {
    let in_header = [
        format!("`{key}`"),
        format!("[{key}]"),
        format!("[{key}."),
        format!(".{key}]"),
        format!(".{key}."),
    ]
    .iter()
    .any(|written| docs.contains(written.as_str()));
    let assigned = docs.match_indices(&format!("{key} =")).any(|(at, _)| {
        !docs[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
    });
    in_header || assigned
}

#[test]
fn the_format_documents_every_key() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/spec-format.md");
    let docs = std::fs::read_to_string(&path).expect("docs/spec-format.md is readable");
    let missing: Vec<String> = apigw_spec::keys::ALL
        .iter()
        .flat_map(|(table, keys)| keys.iter().map(move |key| (table, key)))
        .filter(|(_, key)| !documented(&docs, key))
        .map(|(table, key)| format!("`{key}` of {table}"))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/spec-format.md does not name: {}",
        missing.join(", ")
    );
}

#[test]
fn a_key_the_documentation_does_not_name_is_found() {
    let docs = "| `[operation]` | `id`*, `method` | `[response.STATUS.headers.NAME]` |\n\
                `enum = [{ value = 1, name = \"A\" }]`\ntitle = \"x\"\n";
    for key in [
        "operation",
        "id",
        "method",
        "response",
        "headers",
        "enum",
        "value",
        "name",
        "title",
    ] {
        assert!(documented(docs, key), "{key}");
    }
    for key in ["path", "meth", "status", "itle", "alue"] {
        assert!(!documented(docs, key), "{key}");
    }
}
