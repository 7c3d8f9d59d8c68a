// Spec mistake: default of wrong type.
include!("../client.rs");

mod api {
    apigw_macros::operation!("spec/default_of_wrong_type.toml");
}

fn main() {}
