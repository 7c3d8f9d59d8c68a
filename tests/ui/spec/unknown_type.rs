// Spec mistake: unknown type.
mod api {
    apigw_macros::operation!("tests/ui/spec/unknown_type.toml");
}

fn main() {}
