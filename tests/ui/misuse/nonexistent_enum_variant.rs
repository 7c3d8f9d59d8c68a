use apigw_apig::operation::list_endpoint_connections::Status;

#[allow(dead_code)]
async fn call(client: &apigw_apig::Client) {
    // `status` has no value `approved`.
    let _ = client.list_endpoint_connections("gateway").status(Status::Approved);
}

fn main() {}
