// Spec mistake: minimum on string.
mod api {
    apigw_macros::operation!("tests/ui/spec/minimum_on_string.toml");
}

fn main() {}
