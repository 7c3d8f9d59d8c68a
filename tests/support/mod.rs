//! What the loopback tests share (`mod support;` in each `tests/*.rs` that needs it): a client
//! and its configuration pointed at a local server, HTTP and raw TCP servers on loopback with
//! scripted replies, the specs with their documented examples, and the counts the tests check
//! against, read from the specs rather than typed in.

// Every `tests/*.rs` is a crate of its own and uses only some of these helpers; the others would
// be reported as dead code in each of them.
#![allow(
    dead_code,
    reason = "each test crate uses only some of the shared helpers"
)]

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use apigw_apig::runtime::DynOperation;
use apigw_apig::{Client, Config, ConfigBuilder, Credentials, RetryPolicy};
use apigw_spec::Spec;
use wiremock::{Match, Mock, MockServer, Request, Respond, ResponseTemplate};

/// The project every fixture client sends (the `{project_id}` of each path).
pub const PROJECT: &str = "proj-1";
/// The token every fixture client sends (`X-Auth-Token`); tests check it never shows.
pub const TOKEN: &str = "tok-secret-123";
/// The repository root (the `apigw` crate's folder).
pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");

// ---- clients ----

/// The configuration for `endpoint`: [`PROJECT`], [`TOKEN`], and the default retries with a
/// backoff of a few milliseconds, so tests that retry do not wait.
pub fn config(endpoint: &str) -> ConfigBuilder {
    Config::builder()
        .endpoint(endpoint)
        .project_id(PROJECT)
        .credentials(Credentials::token(TOKEN))
        .retry(
            RetryPolicy::default()
                .initial_backoff(Duration::from_millis(1))
                .max_backoff(Duration::from_millis(5)),
        )
}

/// A client for `endpoint` with [`config`], as `tune` changes it.
pub fn client_for(endpoint: &str, tune: impl FnOnce(ConfigBuilder) -> ConfigBuilder) -> Client {
    Client::new(tune(config(endpoint)).build().unwrap()).unwrap()
}

/// A client for `server` with [`config`].
pub fn client(server: &MockServer) -> Client {
    client_for(&server.uri(), |c| c)
}

// ---- servers on loopback ----

/// An HTTP server on loopback that answers the requests a matcher accepts from a script,
/// counting them; it records every request (`requests`). Requests the matcher refuses get a
/// 404 with no body.
pub struct Loopback {
    /// The server itself, for further mocks or `reset`.
    pub server: MockServer,
    hits: Arc<AtomicUsize>,
}

impl Loopback {
    /// Answers the `n`th request `matcher` accepts (from 0) with `respond(n, request)`.
    pub async fn start(
        matcher: impl Match + 'static,
        respond: impl Fn(usize, &Request) -> ResponseTemplate + Send + Sync + 'static,
    ) -> Self {
        let server = MockServer::start().await;
        let hits = Arc::new(AtomicUsize::new(0));
        Mock::given(matcher)
            .respond_with(Script {
                respond,
                hits: hits.clone(),
            })
            .mount(&server)
            .await;
        Loopback { server, hits }
    }

    /// Answers with `replies` in order, one per request `matcher` accepts, then repeats the
    /// last.
    pub async fn scripted(matcher: impl Match + 'static, replies: Vec<ResponseTemplate>) -> Self {
        assert!(!replies.is_empty(), "a script needs at least one reply");
        Self::start(matcher, move |n, _| {
            replies[n.min(replies.len() - 1)].clone()
        })
        .await
    }

    /// `http://127.0.0.1:<port>`.
    pub fn uri(&self) -> String {
        self.server.uri()
    }

    /// How many requests the script answered.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }

    /// Every request the server received, in order (answered by the script or not).
    pub async fn requests(&self) -> Vec<Request> {
        self.server.received_requests().await.unwrap()
    }
}

struct Script<F> {
    respond: F,
    hits: Arc<AtomicUsize>,
}

impl<F> Respond for Script<F>
where
    F: Fn(usize, &Request) -> ResponseTemplate + Send + Sync + 'static,
{
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let n = self.hits.fetch_add(1, Ordering::SeqCst);
        (self.respond)(n, request)
    }
}

/// A JSON reply with `body` as it is (not re-encoded) and the request id `req-<status>`.
pub fn json_reply(status: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .set_body_raw(body.as_bytes().to_vec(), "application/json")
        .insert_header("x-request-id", format!("req-{status}").as_str())
}

/// A TCP server on loopback for faults below HTTP: it reads the start of each request, lets
/// `reply` write whatever bytes it likes, then closes the connection. Returns its base URL.
pub fn raw_server(reply: impl Fn(&mut TcpStream) + Send + Sync + 'static) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { break };
            let mut buf = [0u8; 4096];
            let _ = std::io::Read::read(&mut stream, &mut buf);
            reply(&mut stream);
        }
    });
    format!("http://{address}")
}

// ---- specs ----

/// The spec at `path` (relative to the repository root).
pub fn spec(path: &str) -> Spec {
    let text = std::fs::read_to_string(Path::new(ROOT).join(path)).unwrap();
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

/// APIG's spec files, sorted: every operation spec under `specs/apig/` (not its service file).
/// One per operation the `apigw-apig` crate is to expose, so its length is the number of
/// operations the tests expect.
pub fn spec_files() -> Vec<PathBuf> {
    apigw_spec::service::operation_files(&Path::new(ROOT).join("specs/apig")).unwrap()
}

#[path = "../../src/bin/apigw/services.rs"]
mod services;

/// Every service the command line knows (its own list, not a copy).
pub fn services() -> Vec<&'static apigw_runtime::ServiceMeta> {
    services::SERVICES.to_vec()
}

/// The specs of every operation of `service`, read from the sources its crate was generated
/// from.
pub fn specs(service: &apigw_apig::runtime::ServiceMeta) -> Vec<Spec> {
    service
        .operations
        .iter()
        .map(|op| apigw_spec::load(op.meta.id, op.spec).unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

/// Every operation the crate generated, with the spec it was generated from.
pub fn generated_specs() -> Vec<(&'static DynOperation, Spec)> {
    apigw_apig::SERVICE
        .operations
        .iter()
        .copied()
        .map(|op| {
            let spec = apigw_spec::load(op.meta.id, op.spec).unwrap_or_else(|e| panic!("{e}"));
            (op, spec)
        })
        .collect()
}

/// A text value the spec accepts for a parameter (one the emulator's checks let through).
pub fn valid_value(spec: &Spec, schema: &apigw_spec::Schema) -> String {
    use apigw_spec::TypeExpr;
    use serde_json::Value;
    let ty = match &schema.ty.value {
        TypeExpr::Array(inner) => inner.as_ref().clone(),
        other => other.clone(),
    };
    match apigw_emulator::respond::synthesize(spec, &ty, Some(schema), 0) {
        Value::String(s) => {
            let min = schema.min_length.as_ref().map_or(0, |m| m.value as usize);
            if s.chars().count() < min {
                "x".repeat(min)
            } else {
                s
            }
        }
        other => other.to_string(),
    }
}
