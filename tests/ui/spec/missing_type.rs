// Spec mistake: missing type.
mod api {
    apigw_macros::operation!("tests/ui/spec/missing_type.toml");
}

fn main() {}
