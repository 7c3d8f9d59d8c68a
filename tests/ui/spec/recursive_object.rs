// Spec mistake: recursive object.
mod api {
    apigw_macros::operation!("tests/ui/spec/recursive_object.toml");
}

fn main() {}
