// Spec mistake: default outside range.
include!("../client.rs");

mod api {
    apigw_macros::operation!("tests/ui/spec/default_outside_range.toml");
}

fn main() {}
