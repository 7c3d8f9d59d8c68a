// Spec mistake: duplicate parameter.
mod api {
    apigw_macros::operation!("tests/ui/spec/duplicate_parameter.toml");
}

fn main() {}
