// Spec mistake: recursive object.
include!("../client.rs");

mod api {
    apigw_macros::operation!("tests/ui/spec/recursive_object.toml");
}

fn main() {}
