// Spec mistake: optional path parameter.
mod api {
    apigw_macros::operation!("tests/ui/spec/optional_path_parameter.toml");
}

fn main() {}
