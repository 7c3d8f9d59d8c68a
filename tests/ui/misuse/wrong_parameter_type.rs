#[allow(dead_code)]
async fn call(client: &apigw_apig::Client) {
    // `limit` is an Integer (i32), not a string.
    let _ = client.list_api_versions_v2("gateway", "api").limit("50");
}

fn main() {}
