// Spec mistake: placeholder without parameter.
include!("../client.rs");

mod api {
    apigw_macros::operation!("spec/placeholder_without_parameter.toml");
}

fn main() {}
