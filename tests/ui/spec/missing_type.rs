// Spec mistake: missing type.
include!("../client.rs");

mod api {
    apigw_macros::operation!("spec/missing_type.toml");
}

fn main() {}
