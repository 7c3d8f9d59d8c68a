// Spec mistake: unclosed placeholder.
mod api {
    apigw_macros::operation!("tests/ui/spec/unclosed_placeholder.toml");
}

fn main() {}
