// Spec mistake: names collide after case conversion.
include!("../client.rs");

mod api {
    apigw_macros::operation!("tests/ui/spec/names_collide_after_case_conversion.toml");
}

fn main() {}
