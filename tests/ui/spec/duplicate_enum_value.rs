// Spec mistake: duplicate enum value.
include!("../client.rs");

mod api {
    apigw_macros::operation!("spec/duplicate_enum_value.toml");
}

fn main() {}
