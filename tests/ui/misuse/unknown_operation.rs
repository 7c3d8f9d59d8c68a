#[allow(dead_code)]
async fn call(client: &apigw_apig::Client) {
    // There is no operation `list_api_versions` (the spec's id is ListApiVersionsV2).
    let _ = client.list_api_versions("gateway", "api");
}

fn main() {}
