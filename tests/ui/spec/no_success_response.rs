// Spec mistake: no success response.
mod api {
    apigw_macros::operation!("tests/ui/spec/no_success_response.toml");
}

fn main() {}
