#[allow(dead_code)]
async fn call(client: &apigw_apig::Client) {
    // `send` returns a future: the response exists only after `.await`.
    let response = client.list_endpoint_connections("gateway").send();
    let _ = response.total;
}

fn main() {}
