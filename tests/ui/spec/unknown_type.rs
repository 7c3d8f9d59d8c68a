// Spec mistake: unknown type.
include!("../client.rs");

mod api {
    apigw_macros::operation!("tests/ui/spec/unknown_type.toml");
}

fn main() {}
