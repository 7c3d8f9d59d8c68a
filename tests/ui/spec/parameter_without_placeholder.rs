// Spec mistake: parameter without placeholder.
mod api {
    apigw_macros::operation!("tests/ui/spec/parameter_without_placeholder.toml");
}

fn main() {}
