// Spec mistake: value of wrong kind.
include!("../client.rs");

mod api {
    apigw_macros::operation!("spec/value_of_wrong_kind.toml");
}

fn main() {}
