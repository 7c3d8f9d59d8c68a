// Spec mistake: many mistakes at once.
include!("../client.rs");

mod api {
    apigw_macros::operation!("spec/many_mistakes_at_once.toml");
}

fn main() {}
