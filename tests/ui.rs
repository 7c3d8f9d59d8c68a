//! Compile-fail tests: every spec mistake is a compile error that names the spec file, line and
//! column; misuse of the generated API fails with a message a person understands. The expected
//! messages are the `.stderr` files beside each case (regenerate with `TRYBUILD=overwrite` and
//! review the diff).

#[test]
fn spec_mistakes_and_api_misuse_fail_to_compile() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/spec/*.rs");
    cases.compile_fail("tests/ui/misuse/*.rs");
}
