// Spec mistake: minimum above maximum.
mod api {
    apigw_macros::operation!("tests/ui/spec/minimum_above_maximum.toml");
}

fn main() {}
