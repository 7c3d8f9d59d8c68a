// Spec mistake: invalid example json.
include!("../client.rs");

mod api {
    apigw_macros::operation!("spec/invalid_example_json.toml");
}

fn main() {}
