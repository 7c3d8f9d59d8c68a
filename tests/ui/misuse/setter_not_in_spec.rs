#[allow(dead_code)]
async fn call(client: &apigw_apig::Client) {
    // ListEndpointConnections documents no `env_name` query parameter.
    let _ = client.list_endpoint_connections("gateway").env_name("RELEASE");
}

fn main() {}
