use apigw_apig::vpc_endpoint_management::list_endpoint_connections::Status;

#[allow(dead_code)]
async fn call(client: &apigw_apig::Client) {
    // `status` has no value `approved`.
    let _ = client.list_endpoint_connections("gateway").status(Status::Approved);
}

fn main() {}
