// Spec mistake: parameter without placeholder.
include!("../client.rs");

mod api {
    apigw_macros::operation!("spec/parameter_without_placeholder.toml");
}

fn main() {}
