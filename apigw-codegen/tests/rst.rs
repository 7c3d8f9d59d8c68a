//! The generated docs of every spec in the repository's `specs/` are Markdown: no
//! reStructuredText is left in a doc comment (links, directives, references, table pointers,
//! `N/A` boilerplate).

use apigw_codegen::{Options, expand};

/// What reStructuredText leaves in text that rustdoc would show as it is.
const RST: [&str; 11] = [
    ">`__",
    ".. code-block::",
    ".. code::",
    ".. important::",
    ".. note::",
    ".. caution::",
    ".. warning::",
    ":ref:`",
    "see Table ",
    "**Constraints** N/A",
    "**Range**\n\nN/A",
];

fn doc_text(tokens: proc_macro2::TokenStream) -> String {
    let file: syn::File = syn::parse2(tokens).expect("generated code parses");
    let mut out = String::new();
    collect(&file.attrs, &mut out);
    for item in &file.items {
        walk(item, &mut out);
    }
    out
}

fn collect(attrs: &[syn::Attribute], out: &mut String) {
    for attr in attrs {
        if let syn::Meta::NameValue(nv) = &attr.meta
            && nv.path.is_ident("doc")
            && let syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) = &nv.value
        {
            out.push_str(&s.value());
            out.push('\n');
        }
    }
}

fn walk(item: &syn::Item, out: &mut String) {
    match item {
        syn::Item::Mod(m) => {
            collect(&m.attrs, out);
            for item in m.content.iter().flat_map(|(_, items)| items) {
                walk(item, out);
            }
        }
        syn::Item::Struct(s) => {
            collect(&s.attrs, out);
            for field in &s.fields {
                collect(&field.attrs, out);
            }
        }
        syn::Item::Enum(e) => {
            collect(&e.attrs, out);
            for variant in &e.variants {
                collect(&variant.attrs, out);
            }
        }
        syn::Item::Impl(i) => {
            for item in &i.items {
                if let syn::ImplItem::Fn(f) = item {
                    collect(&f.attrs, out);
                }
            }
        }
        _ => {}
    }
}

/// Every spec of the repository's `specs/` that loads, with its path under `specs/`.
fn every_spec() -> Vec<(String, apigw_spec::Spec)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let mut specs = Vec::new();
    for service in std::fs::read_dir(&root).expect("specs/ is there") {
        let dir = service.expect("readable").path();
        if !dir.is_dir() {
            continue;
        }
        for file in apigw_spec::service::operation_files(&dir).expect("readable") {
            let text = std::fs::read_to_string(&file).expect("readable");
            let Ok(spec) = apigw_spec::load("spec", &text) else {
                continue;
            };
            let shown = file
                .strip_prefix(&root)
                .unwrap_or(&file)
                .display()
                .to_string();
            specs.push((shown, spec));
        }
    }
    assert!(
        specs.len() > 1000,
        "every service's specs were read ({})",
        specs.len()
    );
    specs
}

#[test]
fn no_restructured_text_in_generated_docs() {
    let mut found = Vec::new();
    for (shown, spec) in every_spec() {
        let docs = doc_text(expand(&spec, &Options::default()));
        // Fenced code keeps what the page shows as it is.
        let prose: String = docs.split("```").step_by(2).collect::<Vec<_>>().join("\n");
        for marker in RST {
            if let Some(at) = prose.find(marker) {
                let start = prose[..at]
                    .char_indices()
                    .rev()
                    .nth(60)
                    .map_or(0, |(i, _)| i);
                let end = prose[at..]
                    .char_indices()
                    .nth(60)
                    .map_or(prose.len(), |(i, _)| at + i);
                found.push(format!("{shown}: {marker:?} in …{}…", &prose[start..end]));
            }
        }
    }
    assert!(
        found.is_empty(),
        "{} docs with reStructuredText:\n{}",
        found.len(),
        found.join("\n")
    );
}

/// Each operation's page says which client method sends it, links its body type, and shows
/// its documented example request and response as `json` blocks.
#[test]
fn operation_docs_link_their_body_and_show_their_examples() {
    let mut found = Vec::new();
    for (shown, spec) in every_spec() {
        let docs = doc_text(expand(&spec, &Options::default()));
        let method = apigw_spec::naming::method_name(&spec);
        if !docs.contains(&format!("[`Client::{method}`](crate::Client::{method})")) {
            found.push(format!("{shown}: no link to `Client::{method}`"));
        }
        if let Some(body) = &spec.body {
            if let apigw_spec::TypeExpr::Named(name) = &body.ty.value {
                let link = format!("with a body of [`{}`]", apigw_spec::naming::pascal(name));
                if !docs.contains(&link) {
                    found.push(format!("{shown}: no {link}"));
                }
            }
            if !body.examples.is_empty() && !docs.contains("# Example request\n\n") {
                found.push(format!("{shown}: its example request is not shown"));
            }
        }
        let documented_response = spec.success_responses().any(|r| !r.examples.is_empty());
        if documented_response && !docs.contains("# Example response (") {
            found.push(format!("{shown}: its example response is not shown"));
        }
        if (spec.body.iter().any(|b| !b.examples.is_empty()) || documented_response)
            && !docs.contains("```json\n")
        {
            found.push(format!("{shown}: examples are not `json` blocks"));
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}
