// Spec mistake: missing operation table.
include!("../client.rs");

mod api {
    apigw_macros::operation!("spec/missing_operation_table.toml");
}

fn main() {}
