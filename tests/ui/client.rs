// The crate's own client type, which every expanded operation adds its method to (as in
// tests/custom_operations.rs). A bad spec still expands to placeholder items, and those
// need it.
#[allow(dead_code)]
pub struct Client(apigw_apig::runtime::Client);

impl AsRef<apigw_apig::runtime::Client> for Client {
    fn as_ref(&self) -> &apigw_apig::runtime::Client {
        &self.0
    }
}
