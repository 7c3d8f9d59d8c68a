//! The macro's fallback: for each broken spec of the compile-fail suite, the salvaged spec
//! (what the macro still expands next to its errors) generates well-formed Rust with the
//! operation's client method, so code using the operation sees no follow-on errors.

use std::path::Path;

#[test]
fn broken_specs_still_expand_to_the_operation() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/ui/spec");
    let mut salvaged = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let failure = apigw_spec::load(&name, &text).expect_err(&format!(
            "{name} is a compile-fail case, so it must not load"
        ));
        let Some(spec) = failure.salvage() else {
            continue;
        };
        let code = apigw_codegen::expand(&spec, &apigw_codegen::Options::default());
        let file: syn::File = syn::parse2(code)
            .unwrap_or_else(|e| panic!("{name}: the fallback expansion is not Rust: {e}"));
        let method = apigw_spec::naming::method_name(&spec);
        // The client method is implemented inside the operation's module.
        let module = apigw_codegen::module_ident(&spec);
        let items = file.items.iter().flat_map(|item| match item {
            syn::Item::Mod(m) if m.ident == module => m
                .content
                .as_ref()
                .map_or(&[][..], |(_, items)| items.as_slice()),
            _ => &[],
        });
        let has_method = items.into_iter().any(|item| match item {
            syn::Item::Impl(imp) => imp
                .items
                .iter()
                .any(|i| matches!(i, syn::ImplItem::Fn(f) if f.sig.ident == method.as_str())),
            _ => false,
        });
        assert!(
            has_method,
            "{name}: no client method `{method}` in the fallback"
        );
        salvaged += 1;
    }
    // Nearly every case keeps its identity; a missing file or a syntax error cannot.
    assert!(salvaged >= 20, "only {salvaged} broken specs were salvaged");
}
