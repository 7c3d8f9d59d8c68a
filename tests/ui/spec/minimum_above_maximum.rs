// Spec mistake: minimum above maximum.
include!("../client.rs");

mod api {
    apigw_macros::operation!("spec/minimum_above_maximum.toml");
}

fn main() {}
