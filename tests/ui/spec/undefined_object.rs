// Spec mistake: undefined object.
mod api {
    apigw_macros::operation!("tests/ui/spec/undefined_object.toml");
}

fn main() {}
