//! Editing a spec rebuilds the crate that expands it: a scratch crate expands a spec, is built
//! and run, the spec is edited, and the next `cargo run` shows the change without any
//! `cargo clean` or touch of the Rust source.
//!
//! The scratch crate shares this workspace's `Cargo.lock` and target directory, so the
//! dependencies are not built a second time.

use std::path::{Path, PathBuf};
use std::process::Command;

const SPEC: &str = r#"[operation]
id = "ListThings"
method = "GET"
path = "/v2/{project_id}/things"

[path.project_id]
type = "String"
from_client = "project_id"

[query.state]
type = "String"
enum = ["on", "off"]

[response.200]
description = "OK"
"#;

const MAIN: &str = r#"
#[derive(Clone, Debug)]
pub struct Client(apigw_runtime::Client);

impl AsRef<apigw_runtime::Client> for Client {
    fn as_ref(&self) -> &apigw_runtime::Client {
        &self.0
    }
}

apigw_macros::operation!("specs/list_things.toml");

fn main() {
    println!("{:?}", list_things::State::VALUES);
}
"#;

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(dir: &Path) -> String {
    let target = workspace().join("target");
    let output = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--offline"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "scratch crate failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

#[test]
fn editing_a_spec_rebuilds_the_crate() {
    let dir = workspace().join("target").join("rebuild-check");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::create_dir_all(dir.join("specs")).unwrap();
    let root = workspace();
    let manifest = format!(
        "[package]\nname = \"apigw-rebuild-check\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[workspace]\n\n[dependencies]\napigw-macros = {{ path = {macros:?} }}\napigw-runtime = {{ path = {runtime:?} }}\n",
        macros = root.join("apigw-macros"),
        runtime = root.join("apigw-runtime"),
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    std::fs::write(dir.join("src/main.rs"), MAIN).unwrap();
    let spec = dir.join("specs/list_things.toml");
    std::fs::write(&spec, SPEC).unwrap();

    assert_eq!(run(&dir), r#"["on", "off"]"#);

    // Only the spec changes; its modification time moves forward so the change is visible
    // even on file systems with coarse timestamps.
    std::fs::write(
        &spec,
        SPEC.replace(r#"["on", "off"]"#, r#"["on", "off", "standby"]"#),
    )
    .unwrap();
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
    std::fs::File::options()
        .append(true)
        .open(&spec)
        .unwrap()
        .set_modified(later)
        .unwrap();

    assert_eq!(run(&dir), r#"["on", "off", "standby"]"#);
    let _ = std::fs::remove_dir_all(&dir);
}
