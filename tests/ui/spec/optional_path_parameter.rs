// Spec mistake: optional path parameter.
include!("../client.rs");

mod api {
    apigw_macros::operation!("spec/optional_path_parameter.toml");
}

fn main() {}
