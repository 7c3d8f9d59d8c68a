// Spec mistake: empty enum.
mod api {
    apigw_macros::operation!("tests/ui/spec/empty_enum.toml");
}

fn main() {}
