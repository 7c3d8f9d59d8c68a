// Spec mistake: undefined object.
include!("../client.rs");

mod api {
    apigw_macros::operation!("spec/undefined_object.toml");
}

fn main() {}
