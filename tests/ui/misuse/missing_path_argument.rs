#[allow(dead_code)]
async fn call(client: &apigw_apig::Client) {
    // `list_api_versions_v2` needs the gateway id and the API id.
    let _ = client.list_api_versions_v2("gateway");
}

fn main() {}
