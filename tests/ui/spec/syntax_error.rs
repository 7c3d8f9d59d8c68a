// Spec mistake: syntax error.
include!("../client.rs");

mod api {
    apigw_macros::operation!("tests/ui/spec/syntax_error.toml");
}

fn main() {}
