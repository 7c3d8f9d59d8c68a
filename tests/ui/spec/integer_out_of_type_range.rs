// Spec mistake: integer out of type range.
include!("../client.rs");

mod api {
    apigw_macros::operation!("spec/integer_out_of_type_range.toml");
}

fn main() {}
