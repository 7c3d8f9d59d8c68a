//! Rebuilds the crate when a spec is added to or removed from `specs/` (edits to a spec are
//! tracked by the macro itself), and derives the list of services the command line serves
//! from the service crates in `specs/` (`$OUT_DIR/services.rs`): a new service's folder is
//! picked up without editing a list (its dependency line in `Cargo.toml` is what Cargo needs).
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=specs");
    let mut crates = Vec::new();
    let folders = std::fs::read_dir("specs").expect("the specs folder is there");
    for folder in folders.flatten() {
        let manifest = folder.path().join("Cargo.toml");
        println!("cargo:rerun-if-changed={}", manifest.display());
        let Ok(text) = std::fs::read_to_string(&manifest) else {
            continue;
        };
        let name = text.lines().find_map(|line| {
            let value = line.strip_prefix("name = \"")?.strip_suffix('"')?;
            value.starts_with("apigw-").then(|| value.replace('-', "_"))
        });
        if let Some(name) = name {
            crates.push(name);
        }
    }
    crates.sort();
    let entries: String = crates
        .iter()
        .map(|c| format!("    &{c}::SERVICE,\n"))
        .collect();
    // The same crates for code that needs each one's types (a test per service's
    // `ErrorCode`): `each_service!(m)` expands to `m!(apigw_as, apigw_cbr, …)`.
    let names = crates.join(", ");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("services.rs");
    std::fs::write(
        out,
        format!(
            "/// Every service crate of `specs/`, by crate name.\npub static SERVICES: &[&ServiceMeta] = &[\n{entries}];\n\n\
             /// Calls the macro given with every service crate of `specs/`, by crate name.\n\
             #[allow(unused_macros, reason = \"only some includers use it\")]\n\
             macro_rules! each_service {{\n    ($m:ident) => {{\n        $m!({names});\n    }};\n}}\n"
        ),
    )
    .expect("OUT_DIR is writable");
}
