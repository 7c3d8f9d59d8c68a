// Spec mistake: unknown client value.
include!("../client.rs");

mod api {
    apigw_macros::operation!("spec/unknown_client_value.toml");
}

fn main() {}
