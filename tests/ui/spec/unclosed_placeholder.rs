// Spec mistake: unclosed placeholder.
include!("../client.rs");

mod api {
    apigw_macros::operation!("spec/unclosed_placeholder.toml");
}

fn main() {}
