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

/// Generates a whole service's client from its spec folder: the folder's `service.toml` (name,
/// title, endpoint pattern) and every `*.toml` spec in it and in the folders below it, each
/// folder a module.
///
/// ```text
/// //! The Elastic Cloud Server client.
/// apigw_macros::service!("../../specs/elastic-cloud-server");
/// ```
///
/// Invoked at the root of a crate, it generates `SERVICE` (name, endpoint pattern, every
/// operation for tools), `Client` (one method per operation; `Client::new(config)` finds the
/// service's endpoint in the configuration), `types` (object types several operations define
/// alike, generated once) and one module per folder with one module per operation, and
/// re-exports the runtime's configuration and error types.
///
/// Adding a spec to the folder needs a rebuild trigger the compiler cannot see: give the crate
/// a build script with `cargo:rerun-if-changed=<the folder>`.
#[proc_macro]
pub fn service(input: TokenStream) -> TokenStream {
    let folder = parse_macro_input!(input as LitStr);
    let written = folder.value();
    let written = written.trim_end_matches('/');
    let root = crate_root();
    let file = format!("{written}/{}", apigw_spec::service::FILE_NAME);
    let resolved = root.join(&file);
    let shown = display_path(&root, &resolved, &file);
    let text = match std::fs::read_to_string(&resolved) {
        Ok(text) => text,
        Err(err) => {
            return errors(
                &folder,
                [format!(
                    "{shown}: cannot read the service file: {err}\n  = note: a service folder holds a `{}` naming the service (see docs/spec-format.md)",
                    apigw_spec::service::FILE_NAME
                )],
            )
            .into();
        }
    };
    let tracked = resolved.to_string_lossy().into_owned();
    let service = match apigw_spec::service::load(&shown, &text) {
        Ok(service) => service,
        Err(failure) => {
            let errors = errors(&folder, failure.rendered());
            return quote!(const _: &[u8] = ::core::include_bytes!(#tracked); #errors).into();
        }
    };
    let mut service = service;
    let mut problems = proc_macro2::TokenStream::new();
    // The error codes beside the service file, if the service documents any.
    let errors_file = format!("{written}/{}", apigw_spec::service::ERRORS_FILE_NAME);
    let errors_resolved = root.join(&errors_file);
    if let Ok(text) = std::fs::read_to_string(&errors_resolved) {
        let shown = display_path(&root, &errors_resolved, &errors_file);
        let tracked = errors_resolved.to_string_lossy().into_owned();
        problems.extend(quote!(
            const _: &[u8] = ::core::include_bytes!(#tracked);
        ));
        match apigw_spec::service::load_errors(&shown, &text) {
            Ok(codes) => service.errors = codes,
            Err(failure) => problems.extend(errors(&folder, failure.rendered())),
        }
    }
    let tree = read_folder(
        &folder,
        &root,
        written,
        String::new(),
        &mut problems,
        &mut std::collections::HashMap::new(),
    );
    let code = apigw_codegen::expand_service(&service, &tree, &apigw_codegen::Options::default());
    quote!(const _: &[u8] = ::core::include_bytes!(#tracked); #problems #code).into()
}

/// The specs of `written` (relative to `root`) and of the folders below it.
fn read_folder(
    literal: &LitStr,
    root: &Path,
    written: &str,
    title: String,
    problems: &mut proc_macro2::TokenStream,
    seen: &mut std::collections::HashMap<String, String>,
) -> apigw_codegen::Folder {
    let resolved = root.join(written);
    let shown = display_path(root, &resolved, written);
    let mut folder = apigw_codegen::Folder {
        title,
        ..apigw_codegen::Folder::default()
    };
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(&resolved) {
        Ok(entries) => entries.filter_map(Result::ok).map(|e| e.path()).collect(),
        Err(err) => {
            problems.extend(errors(
                literal,
                [format!("{shown}: cannot read the spec folder: {err}")],
            ));
            return folder;
        }
    };
    entries.sort();
    for path in entries {
        let Some(name) = path.file_name().map(|n| n.to_string_lossy().into_owned()) else {
            continue;
        };
        let inner = format!("{written}/{name}");
        let is_dir = path.is_dir();
        if !apigw_spec::service::is_spec_entry(&name, is_dir) {
            continue;
        }
        if is_dir {
            let sub = read_folder(literal, root, &inner, sentence(&name), problems, seen);
            if !sub.operations.is_empty() || !sub.folders.is_empty() {
                folder.folders.push(sub);
            }
        } else {
            match read_operation(literal, root, &inner) {
                Ok(op) => {
                    // One method per operation on the service's client: a second operation
                    // of the same name is reported and left out (one error, not rustc's two).
                    let method = apigw_spec::naming::method_name(&op.spec);
                    let place = display_path(root, &root.join(&inner), &inner);
                    match seen.get(&method) {
                        Some(first) => problems.extend(errors(
                            literal,
                            [format!(
                                "{place}: operation `{}` has the method name `{method}` of the operation in {first}\n  = help: operation ids are unique within a service: give one of them another `id`",
                                op.spec.operation.id.value
                            )],
                        )),
                        None => {
                            seen.insert(method, place);
                            folder.operations.push(op);
                        }
                    }
                }
                Err(errors) => problems.extend(errors),
            }
        }
    }
    folder
}

/// `plug-in_management` → `Plug-in management`.
fn sentence(name: &str) -> String {
    let text = name.replace('_', " ");
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

/// Expands the spec the literal names (relative to the crate root); errors point at it.
fn expand(literal: &LitStr) -> proc_macro2::TokenStream {
    match read_operation(literal, &crate_root(), &literal.value()) {
        Ok(op) => {
            let options = apigw_codegen::Options {
                spec_source: op.spec_source.clone(),
                ..apigw_codegen::Options::default()
            };
            let code = apigw_codegen::expand(&op.spec, &options);
            let extra = op.extra;
            quote!(#extra #code)
        }
        Err(errors) => errors,
    }
}

/// Reads and checks the spec at `written` (relative to `root`): the operation to expand — the
/// salvaged spec, with its `compile_error!`s in `extra`, when it does not check — or only the
/// `compile_error!`s when there is nothing to expand. Errors point at `literal`.
fn read_operation(
    literal: &LitStr,
    root: &Path,
    written: &str,
) -> Result<apigw_codegen::Operation, proc_macro2::TokenStream> {
    let resolved = root.join(written);
    let shown = display_path(root, &resolved, written);
    let text = std::fs::read_to_string(&resolved).map_err(|err| {
        let message = format!(
            "{shown}: cannot read the spec file: {err}\n  = note: spec paths are resolved against the crate root (the folder holding Cargo.toml): {}",
            Path::new("<crate root>").join(written).display()
        );
        errors(literal, [message])
    })?;
    // Registers the file with the compiler, so that editing the spec rebuilds the crate: the
    // spec's text itself is kept only in `DYNAMIC` (the runtime's `dynamic` feature); an
    // unused constant is not in the binary.
    let tracked = resolved.to_string_lossy().into_owned();
    let track = quote!(
        const _: &[u8] = ::core::include_bytes!(#tracked);
    );
    match apigw_spec::load(&shown, &text) {
        Ok(spec) => Ok(apigw_codegen::Operation {
            spec,
            spec_source: quote!(::core::include_str!(#tracked)),
            extra: track,
        }),
        Err(failure) => {
            let errors = errors(literal, failure.rendered());
            // Like thiserror's fallback: still emit the operation's items, from the closest
            // spec that checks, so code using the operation gets no follow-on errors.
            match failure.salvage() {
                Some(spec) => Ok(apigw_codegen::Operation {
                    spec,
                    spec_source: quote!(""),
                    extra: quote!(#track #errors),
                }),
                None => Err(quote!(#track #errors)),
            }
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
