//! Shared helpers: a client pointed at a local server, and the documented examples of a spec.

#![allow(dead_code)]

use apigw::{Client, Config, Credentials};
use apigw_spec::Spec;
use wiremock::MockServer;

pub const PROJECT: &str = "proj-1";
pub const TOKEN: &str = "tok-secret-123";

/// A client for `server` with a fixed project and token.
pub fn client(server: &MockServer) -> Client {
    Client::new(
        Config::builder()
            .endpoint(server.uri())
            .project_id(PROJECT)
            .credentials(Credentials::token(TOKEN))
            .build()
            .unwrap(),
    )
    .unwrap()
}

/// The spec at `path` (relative to the repository root).
pub fn spec(path: &str) -> Spec {
    let text = std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    apigw_spec::load(path, &text).unwrap_or_else(|e| panic!("{e}"))
}

/// Every documented example: (status, JSON text).
pub fn examples(spec: &Spec) -> Vec<(u16, String)> {
    spec.responses
        .iter()
        .flat_map(|r| {
            r.examples
                .iter()
                .map(move |e| (r.status.value, e.json.value.clone()))
        })
        .collect()
}
