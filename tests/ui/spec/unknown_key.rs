// Spec mistake: unknown key.
mod api {
    apigw_macros::operation!("tests/ui/spec/unknown_key.toml");
}

fn main() {}
