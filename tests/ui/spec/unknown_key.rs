// Spec mistake: unknown key.
include!("../client.rs");

mod api {
    apigw_macros::operation!("tests/ui/spec/unknown_key.toml");
}

fn main() {}
