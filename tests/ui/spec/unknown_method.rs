// Spec mistake: unknown method.
mod api {
    apigw_macros::operation!("tests/ui/spec/unknown_method.toml");
}

fn main() {}
