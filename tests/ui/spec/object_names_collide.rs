// Spec mistake: object names collide.
include!("../client.rs");

mod api {
    apigw_macros::operation!("spec/object_names_collide.toml");
}

fn main() {}
