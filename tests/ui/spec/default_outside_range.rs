// Spec mistake: default outside range.
include!("../client.rs");

mod api {
    apigw_macros::operation!("spec/default_outside_range.toml");
}

fn main() {}
