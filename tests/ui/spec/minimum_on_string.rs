// Spec mistake: minimum on string.
include!("../client.rs");

mod api {
    apigw_macros::operation!("spec/minimum_on_string.toml");
}

fn main() {}
