#[allow(dead_code)]
async fn call(client: &apigw_apig::Client) {
    // `status` takes the enum, not a string.
    let _ = client.list_endpoint_connections("gateway").status("accepted");
}

fn main() {}
