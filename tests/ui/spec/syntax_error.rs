// Spec mistake: syntax error.
include!("../client.rs");

mod api {
    apigw_macros::operation!("spec/syntax_error.toml");
}

fn main() {}
