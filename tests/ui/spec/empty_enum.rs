// Spec mistake: empty enum.
include!("../client.rs");

mod api {
    apigw_macros::operation!("spec/empty_enum.toml");
}

fn main() {}
