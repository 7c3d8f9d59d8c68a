// Spec mistake: no success response.
include!("../client.rs");

mod api {
    apigw_macros::operation!("spec/no_success_response.toml");
}

fn main() {}
