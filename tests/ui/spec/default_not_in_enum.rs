// Spec mistake: default not in enum.
include!("../client.rs");

mod api {
    apigw_macros::operation!("spec/default_not_in_enum.toml");
}

fn main() {}
