use apigw_apig::operation::create_api_group_v2::CreateApiGroupV2RequestBody;

fn main() {
    // A body with a required field has no `Default`, and a struct expression cannot build a
    // `#[non_exhaustive]` type outside its crate: the page's required `name` is never sent empty.
    let _ = CreateApiGroupV2RequestBody {
        remark: Some("no name".into()),
        ..Default::default()
    };
}
