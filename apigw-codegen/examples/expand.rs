//! Expands specs the way the macro does and writes or measures the generated code.
//!
//! ```text
//! cargo run -p apigw-codegen --example expand -- SPEC_OR_DIR...          # statistics
//! cargo run -p apigw-codegen --example expand -- --print SPEC           # the code
//! ```
//!
//! Statistics are lines of formatted (prettyplease) Rust per operation: what the compiler has
//! to chew through for each spec.

use std::path::{Path, PathBuf};

fn main() {
    let mut print = false;
    let mut files = Vec::new();
    for arg in std::env::args().skip(1) {
        if arg == "--print" {
            print = true;
        } else {
            collect(Path::new(&arg), &mut files);
        }
    }
    files.sort();
    let mut specs = Vec::new();
    for file in &files {
        let text =
            std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let shown = file.display().to_string();
        match apigw_spec::load(&shown, &text) {
            Ok(spec) => specs.push((file.clone(), spec)),
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        }
    }
    // As the `service!` macro does: object types several operations of a service define alike
    // are generated once per service (counted once, in `shared_lines`), not per operation.
    let mut by_service: std::collections::BTreeMap<PathBuf, Vec<&apigw_spec::Spec>> =
        std::collections::BTreeMap::new();
    for (file, spec) in &specs {
        by_service.entry(service_dir(file)).or_default().push(spec);
    }
    let shared: std::collections::BTreeMap<PathBuf, apigw_codegen::SharedTypes> = by_service
        .iter()
        .map(|(dir, specs)| {
            (
                dir.clone(),
                apigw_codegen::SharedTypes::find(specs.iter().copied()),
            )
        })
        .collect();
    let mut lines: Vec<(usize, String)> = Vec::new();
    for (file, spec) in &specs {
        let options = apigw_codegen::Options {
            shared: Some((
                shared[&service_dir(file)].clone(),
                quote::quote!(crate::types),
            )),
            ..apigw_codegen::Options::default()
        };
        let code = apigw_codegen::expand(spec, &options);
        let file: syn::File = syn::parse2(code).expect("generated code parses");
        let pretty = prettyplease::unparse(&file);
        if print {
            println!("{pretty}");
        }
        lines.push((pretty.lines().count(), spec.operation.id.value.clone()));
    }
    let shared_count: usize = shared.values().map(apigw_codegen::SharedTypes::len).sum();
    if !print {
        println!("shared object types: {shared_count} (generated once per service)");
    }
    if print || lines.is_empty() {
        return;
    }
    lines.sort();
    let total: usize = lines.iter().map(|(n, _)| n).sum();
    let median = lines[lines.len() / 2].0;
    let (min, min_id) = &lines[0];
    let (max, max_id) = &lines[lines.len() - 1];
    println!(
        "{} operations, {total} generated lines: median {median} per operation, min {min} ({min_id}), max {max} ({max_id}), mean {}",
        lines.len(),
        total / lines.len()
    );
}

/// The service folder a spec belongs to: the nearest folder above it with a service file.
fn service_dir(file: &Path) -> PathBuf {
    file.ancestors()
        .skip(1)
        .find(|dir| dir.join(apigw_spec::service::FILE_NAME).is_file())
        .unwrap_or_else(|| file.parent().unwrap_or(Path::new(".")))
        .to_path_buf()
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        out.extend(apigw_spec::service::operation_files(path).unwrap());
    } else if path.extension().is_some_and(|e| e == "toml")
        && !path.ends_with(apigw_spec::service::FILE_NAME)
    {
        out.push(path.to_path_buf());
    }
}
