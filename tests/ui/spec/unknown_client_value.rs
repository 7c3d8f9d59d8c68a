// Spec mistake: unknown client value.
mod api {
    apigw_macros::operation!("tests/ui/spec/unknown_client_value.toml");
}

fn main() {}
