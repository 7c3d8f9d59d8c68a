// Spec mistake: undefined object.
include!("../client.rs");

mod api {
    apigw_macros::operation!("tests/ui/spec/undefined_object.toml");
}

fn main() {}
