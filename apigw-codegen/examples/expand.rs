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
    let mut lines: Vec<(usize, String)> = Vec::new();
    for file in &files {
        let text =
            std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let shown = file.display().to_string();
        let spec = match apigw_spec::load(&shown, &text) {
            Ok(spec) => spec,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        };
        let code = apigw_codegen::expand(&spec, &apigw_codegen::Options::default());
        let file: syn::File = syn::parse2(code).expect("generated code parses");
        let pretty = prettyplease::unparse(&file);
        if print {
            println!("{pretty}");
        }
        lines.push((pretty.lines().count(), spec.operation.id.value.clone()));
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

fn collect(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).unwrap() {
            collect(&entry.unwrap().path(), out);
        }
    } else if path.extension().is_some_and(|e| e == "toml") {
        out.push(path.to_path_buf());
    }
}
