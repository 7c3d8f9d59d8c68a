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
#![deny(missing_docs)]

pub mod auth;
pub mod respond;
pub mod routes;

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

/// Largest request body accepted.
const MAX_REQUEST_BODY: usize = 16 * 1024 * 1024;

/// A running emulator; it stops when dropped.
#[derive(Debug)]
pub struct Emulator {
    address: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl Emulator {
    /// Starts an emulator of `specs` on a free loopback port, on the current tokio runtime.
    pub async fn start(specs: impl IntoIterator<Item = Spec>) -> std::io::Result<Self> {
        Self::bind(SocketAddr::from(([127, 0, 0, 1], 0)), specs).await
    }

    /// Starts an emulator of `specs` on `address` (port 0 picks a free one).
    pub async fn bind(
        address: SocketAddr,
        specs: impl IntoIterator<Item = Spec>,
    ) -> std::io::Result<Self> {
        let listener = TcpListener::bind(address).await?;
        let address = listener.local_addr()?;
        let state = Arc::new(State::new(specs.into_iter().collect()));
        let task = tokio::spawn(serve(listener, state));
        Ok(Self { address, task })
    }

    /// The base URL, e.g. `http://127.0.0.1:41234`.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
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

struct State {
    specs: Vec<Spec>,
    routes: Routes,
    requests: AtomicU64,
}

impl State {
    fn new(specs: Vec<Spec>) -> Self {
        let routes = Routes::new(&specs);
        Self {
            specs,
            routes,
            requests: AtomicU64::new(0),
        }
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
    let (status, body) = answer(&state, request).await;
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
    Ok(response
        .body(Full::new(bytes))
        .unwrap_or_else(|_| Response::new(Full::new(Bytes::new()))))
}

fn error(status: u16, code: &str, message: String) -> (u16, Body) {
    (
        status,
        Body::Json(json!({ "error_code": code, "error_msg": message })),
    )
}

async fn answer(state: &State, request: Request<Incoming>) -> (u16, Body) {
    let method = request.method().as_str().to_owned();
    let path = request.uri().path().to_owned();
    let Some((index, path_params)) = state.routes.find(&method, &path) else {
        return error(
            404,
            "APIG.0101",
            format!(
                "The API does not exist or has not been published in an environment: {method} {path}"
            ),
        );
    };
    let spec = &state.specs[index];
    let header = |name: &str| {
        request
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    if !auth::authenticated(header) {
        return error(
            401,
            "APIG.1002",
            "Incorrect token or token resolution failed".into(),
        );
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
    if let Err(invalid) = conform::request_params(spec, &path_params, &query) {
        return invalid_parameter(invalid);
    }
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
    if let Err(invalid) = conform::request_body(spec, &body) {
        return invalid_parameter(invalid);
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
