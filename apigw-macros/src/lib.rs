//! The apigw proc macro: a thin shell that reads a spec file, checks it with `apigw-spec` and
//! expands it with `apigw-codegen`.
//!
//! It never panics on a bad spec: every problem becomes a `compile_error!` naming the spec
//! file (relative to the crate root), line and column, what is wrong and how to fix it.

use std::path::{Path, PathBuf};

use proc_macro::TokenStream;
use quote::quote;
use syn::{LitStr, parse_macro_input};

/// Generates the typed client code of one operation from its spec file.
///
/// The path is relative to the root of the crate that invokes the macro (the folder holding
/// its `Cargo.toml`), like every path in `Cargo.toml`:
///
/// ```text
/// pub mod api_management {
///     apigw_macros::operation!("specs/api_management/list_api_versions_v2.toml");
/// }
/// ```
///
/// The expansion is a module named after the operation (`list_api_versions_v2`) with its
/// request builder, response, error and enum types, and a method on `crate::Client` (which
/// must implement `AsRef<apigw_runtime::Client>`). Editing the spec rebuilds the crate.
#[proc_macro]
pub fn operation(input: TokenStream) -> TokenStream {
    let path = parse_macro_input!(input as LitStr);
    expand(&path).into()
}

/// Generates the typed client code of every operation in a folder of specs: each `*.toml`
/// file directly in it, in file-name order, as if each had its own [`operation!`].
///
/// ```text
/// /// API management.
/// pub mod api_management {
///     apigw_macros::operations!("specs/api_management");
/// }
/// ```
///
/// Adding a spec to the folder needs a rebuild trigger the compiler cannot see: give the crate
/// a build script with `cargo:rerun-if-changed=specs`.
#[proc_macro]
pub fn operations(input: TokenStream) -> TokenStream {
    let folder = parse_macro_input!(input as LitStr);
    let written = folder.value();
    let root = crate_root();
    let resolved = root.join(&written);
    let entries = match std::fs::read_dir(&resolved) {
        Ok(entries) => entries,
        Err(err) => {
            let shown = display_path(&root, &resolved, &written);
            return errors(
                &folder,
                [format!("{shown}: cannot read the spec folder: {err}")],
            )
            .into();
        }
    };
    let mut files: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml"))
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    files.sort();
    if files.is_empty() {
        let shown = display_path(&root, &resolved, &written);
        return errors(
            &folder,
            [format!("{shown}: the folder holds no `*.toml` spec")],
        )
        .into();
    }
    let written = written.trim_end_matches('/');
    let mut modules = Vec::new();
    let mut out = proc_macro2::TokenStream::new();
    for file in &files {
        let (code, module) = expand_file(&folder, &root, &format!("{written}/{file}"));
        out.extend(code);
        modules.extend(module);
    }
    quote! {
        #out
        /// The operations of this folder, for tools that treat every operation alike.
        pub static OPERATIONS: &[&::apigw_runtime::DynOperation] = &[#(&#modules::DYNAMIC),*];
    }
    .into()
}

fn expand(literal: &LitStr) -> proc_macro2::TokenStream {
    expand_file(literal, &crate_root(), &literal.value()).0
}

/// Expands the spec at `written` (relative to `root`); errors point at `literal`. Also returns
/// the name of the operation's module, when one was generated.
fn expand_file(
    literal: &LitStr,
    root: &Path,
    written: &str,
) -> (proc_macro2::TokenStream, Option<proc_macro2::Ident>) {
    let resolved = root.join(written);
    let shown = display_path(root, &resolved, written);
    let text = match std::fs::read_to_string(&resolved) {
        Ok(text) => text,
        Err(err) => {
            let message = format!(
                "{shown}: cannot read the spec file: {err}\n  = note: spec paths are resolved against the crate root (the folder holding Cargo.toml): {}",
                Path::new("<crate root>").join(written).display()
            );
            return (errors(literal, [message]), None);
        }
    };
    // Registers the file with the compiler (here, or through `include_str!` in the expansion),
    // so that editing the spec rebuilds the crate.
    let tracked = resolved.to_string_lossy().into_owned();
    let track = quote!(
        const _: &[u8] = ::core::include_bytes!(#tracked);
    );
    match apigw_spec::load(&shown, &text) {
        Ok(spec) => {
            let options = apigw_codegen::Options {
                spec_source: quote!(::core::include_str!(#tracked)),
                ..apigw_codegen::Options::default()
            };
            let code = apigw_codegen::expand(&spec, &options);
            (quote!(#code), Some(apigw_codegen::module_ident(&spec)))
        }
        Err(failure) => {
            let errors = errors(literal, failure.rendered());
            // Like thiserror's fallback: still emit the operation's items, from the closest
            // spec that checks, so code using the operation gets no follow-on errors.
            let salvaged = failure.salvage();
            let fallback = salvaged
                .as_ref()
                .map(|spec| apigw_codegen::expand(spec, &apigw_codegen::Options::default()));
            (
                quote!(#track #errors #fallback),
                salvaged.as_ref().map(apigw_codegen::module_ident),
            )
        }
    }
}

/// One `compile_error!` per message, pointing at the macro's argument.
fn errors(
    literal: &LitStr,
    messages: impl IntoIterator<Item = String>,
) -> proc_macro2::TokenStream {
    let span = literal.span();
    messages
        .into_iter()
        .map(|message| quote::quote_spanned!(span=> ::core::compile_error!(#message);))
        .collect()
}

/// The root of the crate whose source invokes the macro: the nearest folder above the
/// invoking file that holds a `Cargo.toml`. This is `CARGO_MANIFEST_DIR` in a normal build,
/// and still the crate's own root when the file is compiled elsewhere (as `trybuild` does).
fn crate_root() -> PathBuf {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    let invoking_file = proc_macro::Span::call_site().local_file();
    let from_file = invoking_file.and_then(|file| {
        let file = if file.is_absolute() {
            file
        } else {
            std::env::current_dir().ok()?.join(file)
        };
        file.ancestors()
            .skip(1)
            .find(|dir| dir.join("Cargo.toml").is_file())
            .map(Path::to_path_buf)
    });
    from_file
        .or(manifest_dir)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// How messages show the spec's path: relative to the crate root, never absolute.
fn display_path(root: &Path, resolved: &Path, written: &str) -> String {
    match resolved.strip_prefix(root) {
        Ok(relative) => relative.to_string_lossy().replace('\\', "/"),
        Err(_) => written.to_owned(),
    }
}
