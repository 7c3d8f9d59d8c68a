// Spec mistake: syntax error.
mod api {
    apigw_macros::operation!("tests/ui/spec/syntax_error.toml");
}

fn main() {}
