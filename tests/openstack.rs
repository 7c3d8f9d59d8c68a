//! The tools Open Telekom Cloud's users already have — openstacksdk with the otcextensions
//! plugin, and the `openstack` command line — against `apigw serve`, logged in with the
//! README's `clouds.yaml`: `tests/openstack/test_sdk.py`, run with pytest.
//!
//! The Python it runs is `APIGW_OPENSTACK_PYTHON` (`.ci/run` installs
//! `tests/openstack/requirements.txt` into a virtualenv and names its Python there), else
//! `python3`. Where that Python cannot import openstacksdk, otcextensions and pytest, the test
//! says so and passes without running them.

use std::io::Write as _;
use std::process::Command;

/// Says why the test does not run, where a test run shows it (the harness captures `eprintln!`).
fn skip(why: &str) {
    let _ = writeln!(std::io::stderr(), "SKIPPED tests/openstack: {why}");
}

#[test]
fn openstacksdk_and_otcextensions_work_against_apigw_serve() {
    let python = std::env::var("APIGW_OPENSTACK_PYTHON").unwrap_or_else(|_| "python3".into());
    let importable = Command::new(&python)
        .args(["-c", "import openstack, otcextensions, pytest"])
        .output();
    match importable {
        Ok(out) if out.status.success() => {}
        Ok(out) => {
            let why = String::from_utf8_lossy(&out.stderr);
            skip(&format!(
                "{python} cannot import openstacksdk, otcextensions and pytest (pip install -r \
                 tests/openstack/requirements.txt, or set APIGW_OPENSTACK_PYTHON): {}",
                why.lines().last().unwrap_or("")
            ));
            return;
        }
        Err(e) => {
            skip(&format!("no Python ({python}: {e})"));
            return;
        }
    }
    let tests = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/openstack");
    let out = Command::new(&python)
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider", tests])
        .env("APIGW_BIN", env!("CARGO_BIN_EXE_apigw"))
        .output()
        .expect("pytest runs");
    let shown = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    println!("{shown}");
    assert!(out.status.success(), "tests/openstack failed:\n{shown}");
}
