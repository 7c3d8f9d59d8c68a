//! Rebuilds the crate when a spec is added to `specs/` (edits are tracked by the macro).
fn main() {
    println!("cargo:rerun-if-changed=specs");
}
