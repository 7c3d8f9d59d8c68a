// Spec mistake: duplicate parameter.
include!("../client.rs");

mod api {
    apigw_macros::operation!("tests/ui/spec/duplicate_parameter.toml");
}

fn main() {}
