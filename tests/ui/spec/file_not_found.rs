// Spec mistake: the file does not exist.
include!("../client.rs");

mod api {
    apigw_macros::operation!("spec/no_such_spec.toml");
}

fn main() {}
