// Three spec mistakes, and code that uses the operation as the author meant it: the build
// reports the three mistakes and nothing else (the macro still emits the operation's items,
// from the closest spec that checks), so the real messages are not buried.
include!("../client.rs");

mod api {
    apigw_macros::operation!("spec/no_follow_on_errors.toml");
}

use api::list_things::{Mode, ThingList};

#[allow(dead_code)]
async fn call(client: &Client) {
    let response = client
        .list_things("thing")
        .mode(Mode::Fast)
        .limit(10)
        .send()
        .await
        .unwrap();
    let list: &ThingList = &response;
    let _ = &list.things;
}

fn main() {}
