// Spec mistake: minimum above maximum.
include!("../client.rs");

mod api {
    apigw_macros::operation!("tests/ui/spec/minimum_above_maximum.toml");
}

fn main() {}
