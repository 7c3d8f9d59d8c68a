//! An APIG emulator generated from apigw specs: no cloud account needed.
//!
//! For every operation it routes method and path; requires an `X-Auth-Token` or a
//! well-formed AK/SK `Authorization` (401 otherwise); checks path and query parameters and
//! JSON bodies against the spec with `apigw_spec::conform` (types, mandatory, enumerations,
//! ranges; the same checks the command line makes before sending) and answers
//! violations with a 400 in the documented error format (`error_code`, `error_msg`); answers
//! valid requests with the documented example response, and list operations with generated
//! items that honour `offset`, `limit`, `total` and the filters the query names. A path
//! value starting with `missing-` names a resource that does not exist: the answer is the
//! operation's documented 404. Every answer carries an `x-request-id`.
//!
//! ```no_run
//! # async fn run(specs: Vec<apigw_spec::Spec>) -> std::io::Result<()> {
//! let emulator = apigw_emulator::Emulator::start(specs).await?;
//! println!("serving on {}", emulator.url());
//! # Ok(()) }
//! ```
//!
//! Several services, whose paths may collide, are each mounted under a path prefix named
//! after the service (`http://127.0.0.1:PORT/ecs/v1/{project_id}/cloudservers`); a request
//! under no known prefix gets a 404 naming the services:
//!
//! ```no_run
//! # async fn run(ecs: Vec<apigw_spec::Spec>, vpc: Vec<apigw_spec::Spec>) -> std::io::Result<()> {
//! let emulator = apigw_emulator::Emulator::start_services([("ecs", ecs), ("vpc", vpc)]).await?;
//! let ecs_endpoint = emulator.service_url("ecs").unwrap(); // http://127.0.0.1:PORT/ecs
//! # Ok(()) }
//! ```
//!
//! With an [`Identity`] ([`Emulator::start_cloud`]) it is a small cloud: IAM's token
//! operation (`POST /<iam>/v3/auth/tokens`) answers the users it knows with a token
//! (`X-Subject-Token`) of the configured lifetime and a catalog pointing at the emulator for
//! every service, a wrong password with the documented 401, and every other call needs a
//! token it issued that has not expired (a 401 otherwise; AK/SK signatures are still judged
//! by their shape).
//!
//! ```no_run
//! # async fn run(iam: Vec<apigw_spec::Spec>, ecs: Vec<apigw_spec::Spec>) -> std::io::Result<()> {
//! use apigw_emulator::{Emulator, Identity, User};
//! let identity = Identity::new("iam", "eu-de").user(User::new("alice", "secret", "OTC-EU-DE-1"));
//! let cloud = Emulator::start_cloud([("iam", iam), ("ecs", ecs)], identity).await?;
//! println!("auth_url: {}/v3", cloud.service_url("iam").unwrap());
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

pub mod auth;
mod identity;
pub mod respond;
pub mod routes;

pub use identity::{Identity, TOKENS_PATH, User};

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use apigw_spec::Spec;
use apigw_spec::conform::{self, Violation};
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::json;
use tokio::net::TcpListener;

use crate::respond::Body;
use crate::routes::Routes;

/// Path values starting with this name resources that do not exist: the emulator answers
/// with the operation's documented 404, so error handling can be tried out.
pub const MISSING: &str = "missing-";

/// A project id for clients of the emulator: 32 hexadecimal digits, the shape of a real
/// project id, so that it passes the length limits references document for `project_id`.
pub const PROJECT_ID: &str = "0e3a5b9c0d1f2436587a9b0c1d2e3f40";

/// Largest request body accepted.
const MAX_REQUEST_BODY: usize = 16 * 1024 * 1024;

/// A running emulator; it stops when dropped.
pub struct Emulator {
    address: SocketAddr,
    state: Arc<State>,
    task: tokio::task::JoinHandle<()>,
}

impl std::fmt::Debug for Emulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Emulator")
            .field("address", &self.address)
            .field("services", &self.state.services)
            .field("identity", &self.state.identity)
            .finish_non_exhaustive()
    }
}

impl Emulator {
    /// Starts an emulator of `specs`, served at the root, on a free loopback port, on the
    /// current tokio runtime.
    pub async fn start(specs: impl IntoIterator<Item = Spec>) -> std::io::Result<Self> {
        Self::bind(SocketAddr::from(([127, 0, 0, 1], 0)), specs).await
    }

    /// Starts an emulator of `specs`, served at the root, on `address` (port 0 picks a free
    /// one).
    pub async fn bind(
        address: SocketAddr,
        specs: impl IntoIterator<Item = Spec>,
    ) -> std::io::Result<Self> {
        let mount = Mount::Root(Service::new(specs.into_iter().collect()));
        Self::serve_on(address, mount, None).await
    }

    /// Starts an emulator of several services on a free loopback port: each `(name, specs)`
    /// is served under `/<name>` ([`Emulator::service_url`]), so services whose paths collide
    /// answer separately.
    ///
    /// # Errors
    /// `InvalidInput` when a name is given twice or is not one path segment of letters,
    /// digits, `-`, `_`, `.` or `~` (and not `.` or `..`); or when the port cannot be bound.
    pub async fn start_services<N, S>(
        services: impl IntoIterator<Item = (N, S)>,
    ) -> std::io::Result<Self>
    where
        N: Into<String>,
        S: IntoIterator<Item = Spec>,
    {
        Self::bind_services(SocketAddr::from(([127, 0, 0, 1], 0)), services).await
    }

    /// [`Emulator::start_services`] on `address` (port 0 picks a free one).
    ///
    /// # Errors
    /// As [`Emulator::start_services`].
    pub async fn bind_services<N, S>(
        address: SocketAddr,
        services: impl IntoIterator<Item = (N, S)>,
    ) -> std::io::Result<Self>
    where
        N: Into<String>,
        S: IntoIterator<Item = Spec>,
    {
        Self::serve_on(address, Self::mount(services)?, None).await
    }

    /// [`Emulator::start_services`] with an identity service: see [`Identity`] and the
    /// crate's documentation.
    ///
    /// # Errors
    /// As [`Emulator::start_services`].
    pub async fn start_cloud<N, S>(
        services: impl IntoIterator<Item = (N, S)>,
        identity: Identity,
    ) -> std::io::Result<Self>
    where
        N: Into<String>,
        S: IntoIterator<Item = Spec>,
    {
        Self::bind_cloud(SocketAddr::from(([127, 0, 0, 1], 0)), services, identity).await
    }

    /// [`Emulator::start_cloud`] on `address` (port 0 picks a free one).
    ///
    /// # Errors
    /// As [`Emulator::start_services`].
    pub async fn bind_cloud<N, S>(
        address: SocketAddr,
        services: impl IntoIterator<Item = (N, S)>,
        identity: Identity,
    ) -> std::io::Result<Self>
    where
        N: Into<String>,
        S: IntoIterator<Item = Spec>,
    {
        let issuer = identity::Issuer::new(identity);
        Self::serve_on(address, Self::mount(services)?, Some(issuer)).await
    }

    /// Each service under its prefix; an error for a name given twice or not a segment.
    fn mount<N, S>(services: impl IntoIterator<Item = (N, S)>) -> std::io::Result<Mount>
    where
        N: Into<String>,
        S: IntoIterator<Item = Spec>,
    {
        let mut mounted: Vec<(String, Service)> = Vec::new();
        for (name, specs) in services {
            let name = name.into();
            let invalid = |reason: &str| {
                std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    format!("service name `{name}` {reason}"),
                )
            };
            if !is_segment(&name) {
                return Err(invalid(
                    "is not one path segment of letters, digits, `-`, `_`, `.` or `~`",
                ));
            }
            if mounted.iter().any(|(known, _)| *known == name) {
                return Err(invalid("is given twice"));
            }
            let service = Service::new(specs.into_iter().collect());
            mounted.push((name, service));
        }
        Ok(Mount::Prefixed(mounted))
    }

    async fn serve_on(
        address: SocketAddr,
        mount: Mount,
        identity: Option<identity::Issuer>,
    ) -> std::io::Result<Self> {
        let listener = TcpListener::bind(address).await?;
        let address = listener.local_addr()?;
        let mut services: Vec<String> = match &mount {
            Mount::Root(_) => Vec::new(),
            Mount::Prefixed(mounted) => mounted.iter().map(|(name, _)| name.clone()).collect(),
        };
        if let Some(issuer) = &identity {
            let iam = issuer.identity.service();
            if !services.iter().any(|s| s == iam) {
                services.push(iam.to_owned());
            }
        }
        let state = Arc::new(State {
            mount,
            requests: AtomicU64::new(0),
            identity,
            address,
            services,
        });
        let task = tokio::spawn(serve(listener, state.clone()));
        Ok(Self {
            address,
            state,
            task,
        })
    }

    /// How many tokens the identity service has issued (0 without one): what a test of a
    /// client's token renewal counts.
    pub fn tokens_issued(&self) -> u64 {
        self.state.identity.as_ref().map_or(0, |i| i.issued())
    }

    /// Makes every token issued so far invalid (as a password change does): calls with them
    /// get a 401 until their client obtains a new one.
    pub fn revoke_tokens(&self) {
        if let Some(issuer) = &self.state.identity {
            issuer.revoke_all();
        }
    }

    /// The base URL, e.g. `http://127.0.0.1:41234`.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// The endpoint of a service started with [`Emulator::start_services`], e.g.
    /// `http://127.0.0.1:41234/ecs`; `None` for a name not served (and for every name when
    /// one set of specs is served at the root).
    pub fn service_url(&self, name: &str) -> Option<String> {
        self.state
            .services
            .iter()
            .any(|known| known == name)
            .then(|| format!("http://{}/{name}", self.address))
    }

    /// The names of the services mounted under a prefix, in the order given (empty when one
    /// set of specs is served at the root).
    pub fn services(&self) -> impl Iterator<Item = &str> {
        self.state.services.iter().map(String::as_str)
    }

    /// The address it listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Serves until the process ends (for a standalone emulator).
    pub async fn wait(self) {
        let _ = (&mut { self }.task).await;
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Whether `name` can be a path prefix as it is: one non-empty segment of unreserved
/// characters, not a dot segment.
fn is_segment(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~'))
}

struct State {
    mount: Mount,
    requests: AtomicU64,
    /// The identity service, if the emulator has one.
    identity: Option<identity::Issuer>,
    address: SocketAddr,
    /// The names served under a prefix (with the identity service's).
    services: Vec<String>,
}

impl State {
    /// Whether a request's credentials are accepted: with an identity service, a token it
    /// issued that has not expired (or an AK/SK signature of the right shape); without one,
    /// credentials of a known shape.
    fn authenticated(&self, header: impl Fn(&str) -> Option<String>) -> bool {
        match (&self.identity, header("x-auth-token")) {
            (Some(issuer), Some(token)) => issuer.valid(&token),
            _ => auth::authenticated(header),
        }
    }

    /// Whether `method` `path` is the identity service's token operation.
    fn is_token_request(&self, method: &hyper::Method, path: &str) -> bool {
        let Some(issuer) = &self.identity else {
            return false;
        };
        let within = match &self.mount {
            Mount::Root(_) => Some(path),
            Mount::Prefixed(_) => path
                .strip_prefix('/')
                .and_then(|p| p.strip_prefix(issuer.identity.service())),
        };
        *method == hyper::Method::POST && within == Some(identity::TOKENS_PATH)
    }
}

/// Where the specs are served.
enum Mount {
    /// One set of specs at the root.
    Root(Service),
    /// Each service under `/<name>`.
    Prefixed(Vec<(String, Service)>),
}

impl Mount {
    /// The service a request path is for, and the path within it (`/ecs/v1/x` → ECS,
    /// `/v1/x`; `/ecs` alone is `/`); `Err` with the known names for an unknown prefix.
    fn resolve<'a>(&'a self, path: &'a str) -> Result<(&'a Service, &'a str), Vec<&'a str>> {
        match self {
            Mount::Root(service) => Ok((service, path)),
            Mount::Prefixed(services) => {
                let rest = path.strip_prefix('/').unwrap_or(path);
                let (prefix, within) = match rest.find('/') {
                    Some(slash) => (&rest[..slash], &rest[slash..]),
                    None => (rest, "/"),
                };
                services
                    .iter()
                    .find(|(name, _)| name == prefix)
                    .map(|(_, service)| (service, within))
                    .ok_or_else(|| services.iter().map(|(name, _)| name.as_str()).collect())
            }
        }
    }
}

/// One service's specs and their routes.
struct Service {
    specs: Vec<Spec>,
    routes: Routes,
}

impl Service {
    fn new(specs: Vec<Spec>) -> Self {
        let routes = Routes::new(&specs);
        Self { specs, routes }
    }
}

async fn serve(listener: TcpListener, state: Arc<State>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let state = state.clone();
        tokio::spawn(async move {
            let service = service_fn(move |request| handle(state.clone(), request));
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

async fn handle(
    state: Arc<State>,
    request: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let id = format!(
        "emu-{:08x}",
        state.requests.fetch_add(1, Ordering::Relaxed) + 1
    );
    let (status, body, subject_token) =
        if state.is_token_request(request.method(), request.uri().path()) {
            issue_token(&state, request).await
        } else {
            let (status, body) = answer(&state, request).await;
            (status, body, None)
        };
    let (content_type, bytes) = match body {
        Body::Empty => (None, Bytes::new()),
        Body::Json(value) => (Some("application/json"), Bytes::from(value.to_string())),
        Body::Bytes(bytes) => (Some("application/octet-stream"), Bytes::from(bytes)),
    };
    let mut response = Response::builder()
        .status(StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR))
        .header("x-request-id", id);
    if let Some(content_type) = content_type {
        response = response.header("content-type", content_type);
    }
    if let Some(token) = subject_token {
        response = response.header(identity::SUBJECT_TOKEN, token);
    }
    Ok(response
        .body(Full::new(bytes))
        .unwrap_or_else(|_| Response::new(Full::new(Bytes::new()))))
}

/// The identity service's answer to a token request.
async fn issue_token(state: &State, request: Request<Incoming>) -> (u16, Body, Option<String>) {
    let Some(issuer) = &state.identity else {
        let (status, body) = error(404, "APIG.0101", "No identity service".into());
        return (status, body, None);
    };
    match Limited::new(request.into_body(), MAX_REQUEST_BODY)
        .collect()
        .await
    {
        Ok(body) => issuer.issue(&body.to_bytes(), state.address, &state.services),
        Err(_) => {
            let (status, body) = error(
                413,
                "APIG.2012",
                "The request body is too large or was not received".into(),
            );
            (status, body, None)
        }
    }
}

fn error(status: u16, code: &str, message: String) -> (u16, Body) {
    (
        status,
        Body::Json(json!({ "error_code": code, "error_msg": message })),
    )
}

async fn answer(state: &State, request: Request<Incoming>) -> (u16, Body) {
    let method = request.method().as_str().to_owned();
    let full_path = request.uri().path().to_owned();
    let (service, path) = match state.mount.resolve(&full_path) {
        Ok(found) => found,
        Err(known) => {
            let prefixes: Vec<String> = known.iter().map(|name| format!("/{name}")).collect();
            let message = format!(
                "No service is served at {full_path}: the known services are {}",
                prefixes.join(", ")
            );
            return (
                404,
                Body::Json(json!({
                    "error_code": "APIG.0101",
                    "error_msg": message,
                    "services": known,
                })),
            );
        }
    };
    let candidates = service.routes.find_all(&method, path);
    let Some((index, path_params)) = candidates.first().cloned() else {
        return error(
            404,
            "APIG.0101",
            format!(
                "The API does not exist or has not been published in an environment: {method} {full_path}"
            ),
        );
    };
    let mut spec = &service.specs[index];
    let header = |name: &str| {
        request
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    if !state.authenticated(header) {
        return match state.identity {
            Some(_) => error(401, "APIGW.0307", "The token must be updated.".into()),
            None => error(
                401,
                "APIG.1002",
                "Incorrect token or token resolution failed".into(),
            ),
        };
    }
    let query: Vec<(String, String)> = request
        .uri()
        .query()
        .map(|q| {
            q.split('&')
                .filter(|p| !p.is_empty())
                .map(|pair| {
                    let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                    let decode = |s: &str| {
                        percent_encoding::percent_decode_str(&s.replace('+', " "))
                            .decode_utf8_lossy()
                            .into_owned()
                    };
                    (decode(k), decode(v))
                })
                .collect()
        })
        .unwrap_or_default();
    let body = match Limited::new(request.into_body(), MAX_REQUEST_BODY)
        .collect()
        .await
    {
        Ok(collected) => collected.to_bytes(),
        Err(_) => {
            return error(
                413,
                "APIG.2012",
                "The request body is too large or was not received".into(),
            );
        }
    };
    // Several operations at this method and path: the first whose parameters and body fit;
    // if none does, the first one's complaint.
    let conforms = |spec: &Spec| -> Result<(), Violation> {
        conform::request_params(spec, &path_params, &query)?;
        conform::request_body(spec, &body).map(drop)
    };
    // Among several that fit, the one the body says least about that it does not document.
    let undocumented = |spec: &Spec| -> usize {
        let value = serde_json::from_slice::<serde_json::Value>(&body).ok();
        match (&spec.body, value) {
            (Some(documented), Some(value)) => conform::conform(spec, &documented.ty.value, &value)
                .iter()
                .filter(|v| v.kind == conform::ViolationKind::Undocumented)
                .count(),
            _ => 0,
        }
    };
    let fitting = candidates
        .iter()
        .map(|(index, _)| &service.specs[*index])
        .filter(|candidate| conforms(candidate).is_ok())
        .min_by_key(|candidate| undocumented(candidate));
    match fitting {
        Some(found) => spec = found,
        None => {
            if let Err(invalid) = conforms(spec) {
                return invalid_parameter(invalid);
            }
        }
    }
    if let Some(missing) = path_params
        .iter()
        .find(|(name, value)| *name != "project_id" && value.starts_with(MISSING))
    {
        if let Some(answer) = respond::documented_error(spec, 404) {
            return answer;
        }
        return error(
            404,
            "APIG.3002",
            format!("The resource {} does not exist", missing.1),
        );
    }
    tracing::debug!(operation = spec.operation.id.value, "emulated");
    respond::success(spec, &query)
}

fn invalid_parameter(invalid: Violation) -> (u16, Body) {
    error(
        400,
        "APIG.2012",
        format!(
            "Invalid parameter value,parameterName:{}. {}",
            invalid.path, invalid.message
        ),
    )
}
