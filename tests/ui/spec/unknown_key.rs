// Spec mistake: unknown key.
include!("../client.rs");

mod api {
    apigw_macros::operation!("spec/unknown_key.toml");
}

fn main() {}
