//! The request builder's own names are the ones the checker reserves: every field and
//! inherent method the generated builder has for itself (not for a parameter or the body) is
//! in `apigw_spec::naming::builder::RESERVED`, and every reserved name is one the builder
//! really has, so a parameter can never collide with the builder unnoticed.

use std::collections::BTreeSet;

use apigw_spec::naming::{self, builder::Reserved};

/// The builder's own names in the code generated from `spec_path`, and whether it pages.
fn own_names(spec_path: &str) -> (BTreeSet<String>, bool) {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/specs");
    let text = std::fs::read_to_string(format!("{root}/{spec_path}")).unwrap();
    let spec = apigw_spec::load(spec_path, &text).unwrap_or_else(|e| panic!("{e}"));
    let tokens = apigw_codegen::expand(&spec, &apigw_codegen::Options::default());
    let file = syn::parse2::<syn::File>(tokens).unwrap();
    let module = naming::module_name(&spec);
    let builder = naming::builder_name(&spec);
    let items = file
        .items
        .iter()
        .find_map(|item| match item {
            syn::Item::Mod(m) if m.ident == module => m.content.as_ref().map(|(_, i)| i),
            _ => None,
        })
        .expect("the operation's module");

    let mut names = BTreeSet::new();
    for item in items {
        match item {
            syn::Item::Struct(s) if s.ident == builder => {
                names.extend(
                    s.fields
                        .iter()
                        .filter_map(|f| f.ident.as_ref())
                        .map(|i| i.to_string()),
                );
                let derives_clone = s.attrs.iter().any(|a| {
                    a.path().is_ident("derive")
                        && a.meta
                            .require_list()
                            .is_ok_and(|l| l.tokens.to_string().contains("Clone"))
                });
                if derives_clone {
                    names.insert("clone".to_owned());
                }
            }
            syn::Item::Impl(i) if i.trait_.is_none() => {
                let syn::Type::Path(ty) = &*i.self_ty else {
                    continue;
                };
                if !ty.path.is_ident(&builder) {
                    continue;
                }
                names.extend(i.items.iter().filter_map(|item| match item {
                    syn::ImplItem::Fn(f) => Some(f.sig.ident.to_string()),
                    _ => None,
                }));
            }
            _ => {}
        }
    }
    assert!(
        names.contains(naming::builder::SEND),
        "found the builder: {names:?}"
    );
    for param in spec.params.iter().filter(|p| p.is_caller_supplied()) {
        names.remove(&naming::snake(&param.field.name.value));
    }
    names.remove("body");
    (names, apigw_spec::paging::detect(&spec).is_some())
}

fn reserved(paged: bool) -> BTreeSet<String> {
    naming::builder::RESERVED
        .iter()
        .filter(|(_, r)| paged || *r == Reserved::Always)
        .map(|(name, _)| (*name).to_owned())
        .collect()
}

#[test]
fn a_paged_builder_has_exactly_the_reserved_names() {
    let (names, paged) = own_names("list_api_versions_v2.toml");
    assert!(paged);
    assert_eq!(names, reserved(true));
}

#[test]
fn an_unpaged_builder_has_exactly_the_names_reserved_always() {
    let (names, paged) = own_names("update_api_v2.toml");
    assert!(!paged);
    assert_eq!(names, reserved(false));
}
