// Spec mistake: unknown method.
include!("../client.rs");

mod api {
    apigw_macros::operation!("spec/unknown_method.toml");
}

fn main() {}
