// Spec mistake: duplicate parameter.
include!("../client.rs");

mod api {
    apigw_macros::operation!("spec/duplicate_parameter.toml");
}

fn main() {}
