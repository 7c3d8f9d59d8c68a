// Spec mistake: unknown type.
include!("../client.rs");

mod api {
    apigw_macros::operation!("spec/unknown_type.toml");
}

fn main() {}
