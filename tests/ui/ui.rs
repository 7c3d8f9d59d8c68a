//! Compile-fail tests: every spec mistake is a compile error that names the spec file, line and
//! column; misuse of the generated API fails with a message a person understands. The expected
//! messages are the `.stderr` files beside each case (regenerate with `TRYBUILD=overwrite` and
//! review the diff).
//!
//! A crate of its own (`apigw-ui-tests`), so that trybuild builds what the cases use — the
//! macro and one service's client — and not every service crate the command line depends on.

#[test]
fn spec_mistakes_and_api_misuse_fail_to_compile() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("spec/*.rs");
    cases.compile_fail("misuse/*.rs");
}
