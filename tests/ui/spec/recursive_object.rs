// Spec mistake: recursive object.
include!("../client.rs");

mod api {
    apigw_macros::operation!("spec/recursive_object.toml");
}

fn main() {}
