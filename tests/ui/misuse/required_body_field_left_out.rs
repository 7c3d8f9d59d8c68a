use apigw_apig::operation::create_api_group_v2::CreateApiGroupV2RequestBody;

fn main() {
    // `name` is required: the constructor takes it, and nothing builds the body without it.
    let _ = CreateApiGroupV2RequestBody::new();
}
