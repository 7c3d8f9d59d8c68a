// Spec mistake: integer out of type range.
mod api {
    apigw_macros::operation!("tests/ui/spec/integer_out_of_type_range.toml");
}

fn main() {}
