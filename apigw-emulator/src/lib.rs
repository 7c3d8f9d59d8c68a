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
//! On the cloud every service has a host of its own, and some clients (the official SDKs
//! among them) keep only the host of an endpoint and build every URL from its root. For them
//! each service can be served at the root of an address of its own ([`Layout::Hosts`]):
//!
//! ```no_run
//! # async fn run(ecs: Vec<apigw_spec::Spec>, vpc: Vec<apigw_spec::Spec>) -> std::io::Result<()> {
//! let emulator = apigw_emulator::Emulator::start_hosts([("ecs", ecs), ("vpc", vpc)]).await?;
//! let ecs_endpoint = emulator.service_url("ecs").unwrap(); // http://127.0.0.1:PORT
//! # Ok(()) }
//! ```
//!
//! With an [`Identity`] ([`Emulator::start_cloud`]; [`Emulator::with_layout`] in either
//! layout) it is a small cloud: IAM's token operation (`POST /v3/auth/tokens` of the identity
//! service) answers the users it knows with a token (`X-Subject-Token`) of the configured
//! lifetime and a catalog pointing at the emulator for every service (at
//! [`Emulator::service_url`]), a wrong password with the documented 401, and every other call
//! needs a token it issued that has not expired (a 401 otherwise; AK/SK signatures are still
//! judged by their shape).
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
pub mod resources;
pub mod respond;
pub mod routes;
pub mod state;

pub use identity::{Identity, TOKENS_PATH, User};

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
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

/// Where the named services are served: what [`Emulator::with_layout`] binds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Every service under `/<name>` of one address (port 0 picks a free one), for clients
    /// that take a base URL: `http://127.0.0.1:8080/ecs`.
    Prefixed(SocketAddr),
    /// Each service at the root of an address of its own, as on the cloud, where every
    /// service has a host of its own: for clients that keep only the host of an endpoint
    /// (`http://127.0.0.1:8081`). The `n`th service (from 0, in the order given; the identity
    /// service last when it is not among them) listens on `ip`, port `first_port + n`; on
    /// free ports when `first_port` is 0.
    Hosts {
        /// The address every service listens on.
        ip: IpAddr,
        /// The first service's port; 0 for free ports.
        first_port: u16,
    },
}

impl Layout {
    /// Each service at the root of a free loopback port of its own.
    pub const LOOPBACK_HOSTS: Layout = Layout::Hosts {
        ip: IpAddr::V4(Ipv4Addr::LOCALHOST),
        first_port: 0,
    };
}

/// A running emulator; it stops when dropped.
pub struct Emulator {
    /// Every address it listens on: one, or one per service in the hosts layout.
    addresses: Vec<SocketAddr>,
    state: Arc<State>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl std::fmt::Debug for Emulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Emulator")
            .field("addresses", &self.addresses)
            .field("services", &self.state.endpoints)
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
        let listener = TcpListener::bind(address).await?;
        let mount = Mount::Root(Service::new(specs.into_iter().collect()));
        Self::serve_on(vec![(listener, Scope::Everything)], mount, Vec::new(), None)
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
        Self::with_layout(Layout::Prefixed(address), services, None).await
    }

    /// Starts an emulator of several services, each at the root of a free loopback port of
    /// its own ([`Layout::LOOPBACK_HOSTS`]): [`Emulator::service_url`] is a host root,
    /// `http://127.0.0.1:PORT`, as clients that build every URL from the host need.
    ///
    /// # Errors
    /// As [`Emulator::start_services`].
    pub async fn start_hosts<N, S>(
        services: impl IntoIterator<Item = (N, S)>,
    ) -> std::io::Result<Self>
    where
        N: Into<String>,
        S: IntoIterator<Item = Spec>,
    {
        Self::with_layout(Layout::LOOPBACK_HOSTS, services, None).await
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
        Self::with_layout(Layout::Prefixed(address), services, Some(identity)).await
    }

    /// Starts an emulator of several services laid out as `layout`, with an identity service
    /// if one is given (mounted as a service of its own when its name is not among
    /// `services`). The identity service's catalog lists every service at
    /// [`Emulator::service_url`].
    ///
    /// # Errors
    /// As [`Emulator::start_services`]; in the hosts layout also `InvalidInput` when the
    /// ports from `first_port` on run past 65535, and when a port cannot be bound, an error
    /// naming the service and the address.
    pub async fn with_layout<N, S>(
        layout: Layout,
        services: impl IntoIterator<Item = (N, S)>,
        identity: Option<Identity>,
    ) -> std::io::Result<Self>
    where
        N: Into<String>,
        S: IntoIterator<Item = Spec>,
    {
        let named = Self::mount(services, identity.as_ref())?;
        let mut listeners = Vec::new();
        let mut endpoints = Vec::new();
        match layout {
            Layout::Prefixed(address) => {
                let listener = TcpListener::bind(address).await?;
                let address = listener.local_addr()?;
                for (name, _) in &named {
                    endpoints.push((name.clone(), format!("http://{address}/{name}")));
                }
                listeners.push((listener, Scope::Everything));
            }
            Layout::Hosts { .. } if named.is_empty() => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "the hosts layout needs at least one service",
                ));
            }
            Layout::Hosts { ip, first_port } => {
                for (n, (name, _)) in named.iter().enumerate() {
                    let listener = bind_host(ip, first_port, n, name).await?;
                    let address = listener.local_addr()?;
                    endpoints.push((name.clone(), format!("http://{address}")));
                    listeners.push((listener, Scope::Service(n)));
                }
            }
        }
        let issuer = identity.map(identity::Issuer::new);
        Self::serve_on(listeners, Mount::Named(named), endpoints, issuer)
    }

    /// Each service with its name, the identity service's added when it is not among them;
    /// an error for a name given twice or not a segment.
    fn mount<N, S>(
        services: impl IntoIterator<Item = (N, S)>,
        identity: Option<&Identity>,
    ) -> std::io::Result<Vec<(String, Service)>>
    where
        N: Into<String>,
        S: IntoIterator<Item = Spec>,
    {
        let mut mounted: Vec<(String, Service)> = Vec::new();
        for (name, specs) in services {
            let name = name.into();
            check_name(&name, &mounted)?;
            mounted.push((name, Service::new(specs.into_iter().collect())));
        }
        if let Some(identity) = identity
            && !mounted.iter().any(|(name, _)| name == identity.service())
        {
            // The token operation is the emulator's own: no spec is needed for it.
            let name = identity.service().to_owned();
            check_name(&name, &mounted)?;
            mounted.push((name, Service::new(Vec::new())));
        }
        Ok(mounted)
    }

    /// Serves `mount` on every listener, each answering for its scope.
    fn serve_on(
        listeners: Vec<(TcpListener, Scope)>,
        mount: Mount,
        endpoints: Vec<(String, String)>,
        identity: Option<identity::Issuer>,
    ) -> std::io::Result<Self> {
        let addresses = listeners
            .iter()
            .map(|(listener, _)| listener.local_addr())
            .collect::<std::io::Result<Vec<_>>>()?;
        let state = Arc::new(State {
            mount,
            requests: AtomicU64::new(0),
            identity,
            endpoints,
            persist: std::sync::Mutex::new(None),
        });
        let tasks = listeners
            .into_iter()
            .map(|(listener, scope)| tokio::spawn(serve(listener, state.clone(), scope)))
            .collect();
        Ok(Self {
            addresses,
            state,
            tasks,
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

    /// The base URL, e.g. `http://127.0.0.1:41234` (in the hosts layout, the first
    /// service's: see [`Emulator::service_url`]).
    pub fn url(&self) -> String {
        format!("http://{}", self.address())
    }

    /// The endpoint of a named service, e.g. `http://127.0.0.1:41234/ecs` under a prefix, or
    /// `http://127.0.0.1:41235` at the root of its own address ([`Layout::Hosts`]); `None` for
    /// a name not served (and for every name when one set of specs is served at the root).
    pub fn service_url(&self, name: &str) -> Option<String> {
        self.state
            .endpoints
            .iter()
            .find(|(known, _)| known == name)
            .map(|(_, url)| url.clone())
    }

    /// The names of the services, in the order given, the identity service's last when it was
    /// not given (empty when one set of specs is served at the root).
    pub fn services(&self) -> impl Iterator<Item = &str> {
        self.state.endpoints.iter().map(|(name, _)| name.as_str())
    }

    /// What the emulator holds of the service `name` (`None` for the specs served at the
    /// root): each collection it created resources in (its path as requested, e.g.
    /// `v1/<project>/vpcs`), with the resources it holds, in the order created. See
    /// [`state`].
    pub fn held(&self, name: Option<&str>) -> BTreeMap<String, Vec<serde_json::Value>> {
        let name = name.unwrap_or_default();
        self.state
            .mount
            .services()
            .find(|(n, _)| *n == name)
            .map(|(_, service)| service.store.snapshot())
            .unwrap_or_default()
    }

    /// Everything the emulator holds — the resources created through it, per service,
    /// collection and project, and the ids deleted — as JSON that [`Emulator::load_state`]
    /// (and `apigw serve --state FILE`) reads back:
    /// `{"services": {"vpc": {"v1/<project>/vpcs": {"items": [{"id": "…", "resource": {…}}],
    /// "deleted": []}}}}` (the specs served at the root are the service `""`). A test suite
    /// writes such a file as its fixtures, or saves one to look at. Jobs still running are
    /// left out.
    pub fn save_state(&self) -> serde_json::Value {
        self.state.saved()
    }

    /// Holds what `saved` ([`Emulator::save_state`]'s form) holds, in place of what each
    /// service it names held: fixtures for a test, or the state of an earlier run.
    ///
    /// # Errors
    /// `InvalidData` naming the place when `saved` is not in that form or names a service
    /// not served.
    pub fn load_state(&self, saved: &serde_json::Value) -> std::io::Result<()> {
        let invalid =
            |message: String| std::io::Error::new(std::io::ErrorKind::InvalidData, message);
        let services = saved
            .get("services")
            .and_then(serde_json::Value::as_object)
            .ok_or_else(|| invalid("the state has no `services` object".into()))?;
        for (name, held) in services {
            let service = self
                .state
                .mount
                .services()
                .find(|(n, _)| n == name)
                .map(|(_, s)| s)
                .ok_or_else(|| {
                    invalid(format!(
                        "the state names service `{name}`, which is not served"
                    ))
                })?;
            service
                .store
                .load(held)
                .map_err(|e| invalid(format!("service `{name}`: {e}")))?;
        }
        Ok(())
    }

    /// Keeps the state in the file `path`: loads it first when it exists
    /// ([`Emulator::load_state`]), then writes it ([`Emulator::save_state`]) after every change
    /// — what `apigw serve --state FILE` does, so that a run can be stopped and picked up.
    ///
    /// # Errors
    /// When the file exists but cannot be read or is not a saved state, or cannot be written.
    pub fn persist_state(&self, path: impl Into<std::path::PathBuf>) -> std::io::Result<()> {
        let path = path.into();
        match std::fs::read(&path) {
            Ok(bytes) => {
                let saved: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| {
                    std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        format!("{}: not JSON: {e}", path.display()),
                    )
                })?;
                self.load_state(&saved).map_err(|e| {
                    std::io::Error::new(e.kind(), format!("{}: {e}", path.display()))
                })?;
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
        let persisted = Persisted {
            version: self.state.version(),
            path,
        };
        persisted.write(&self.save_state())?;
        *self
            .state
            .persist
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(persisted);
        Ok(())
    }

    /// The address it listens on (in the hosts layout, the first service's: see
    /// [`Emulator::addresses`]).
    pub fn address(&self) -> SocketAddr {
        // Every constructor binds at least one listener.
        self.addresses[0]
    }

    /// Every address it listens on: one, or in the hosts layout one per service, in the
    /// order of [`Emulator::services`].
    pub fn addresses(&self) -> &[SocketAddr] {
        &self.addresses
    }

    /// Serves until the process ends (for a standalone emulator).
    pub async fn wait(self) {
        let mut this = self;
        for task in &mut this.tasks {
            let _ = task.await;
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

/// The listener of the `n`th service in the hosts layout: on `ip`, port `first_port + n`
/// (any free port when `first_port` is 0). Errors name the service and the address.
async fn bind_host(
    ip: IpAddr,
    first_port: u16,
    n: usize,
    name: &str,
) -> std::io::Result<TcpListener> {
    let port = if first_port == 0 {
        Some(0)
    } else {
        u16::try_from(n)
            .ok()
            .and_then(|n| first_port.checked_add(n))
    };
    let Some(port) = port else {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("no port for service `{name}`: {first_port} + {n} is past 65535"),
        ));
    };
    let address = SocketAddr::new(ip, port);
    TcpListener::bind(address).await.map_err(|e| {
        std::io::Error::new(
            e.kind(),
            format!("cannot listen on {address} for service `{name}`: {e}"),
        )
    })
}

/// `InvalidInput` when `name` is not one path segment ([`is_segment`]) or is among `mounted`.
fn check_name(name: &str, mounted: &[(String, Service)]) -> std::io::Result<()> {
    let reason = if !is_segment(name) {
        "is not one path segment of letters, digits, `-`, `_`, `.` or `~`"
    } else if mounted.iter().any(|(known, _)| known == name) {
        "is given twice"
    } else {
        return Ok(());
    };
    Err(std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        format!("service name `{name}` {reason}"),
    ))
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
    /// Each named service and its URL, in the order mounted (empty for [`Mount::Root`]).
    endpoints: Vec<(String, String)>,
    /// Where the state is kept ([`Emulator::persist_state`]), if anywhere.
    persist: std::sync::Mutex<Option<Persisted>>,
}

/// A file the state is kept in, and the version of the state last written to it.
struct Persisted {
    path: std::path::PathBuf,
    version: u64,
}

impl Persisted {
    /// Writes `state` whole: to a file beside the target, then renamed over it, so that a
    /// reader never sees half a state.
    fn write(&self, state: &serde_json::Value) -> std::io::Result<()> {
        let mut temporary = self.path.clone().into_os_string();
        temporary.push(".tmp");
        let text = serde_json::to_vec_pretty(state).map_err(std::io::Error::other)?;
        std::fs::write(&temporary, text)?;
        std::fs::rename(&temporary, &self.path)
    }
}

impl State {
    /// The sum of the services' [`state::Store::version`]s: it grows with every change.
    fn version(&self) -> u64 {
        self.mount.services().map(|(_, s)| s.store.version()).sum()
    }

    /// What every service holds ([`Emulator::save_state`]).
    fn saved(&self) -> serde_json::Value {
        let services: serde_json::Map<String, serde_json::Value> = self
            .mount
            .services()
            .map(|(name, service)| (name.to_owned(), service.store.save()))
            .collect();
        serde_json::json!({ "services": services })
    }

    /// Writes the state to its file when it changed since it was last written.
    fn persist(&self) {
        let mut persist = self
            .persist
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let Some(persisted) = persist.as_mut() else {
            return;
        };
        let version = self.version();
        if version == persisted.version {
            return;
        }
        persisted.version = version;
        if let Err(e) = persisted.write(&self.saved()) {
            tracing::warn!(path = %persisted.path.display(), error = %e, "the emulator's state could not be written");
        }
    }

    /// Whether a request's credentials are accepted: with an identity service, a token it
    /// issued that has not expired (or an AK/SK signature of the right shape); without one,
    /// credentials of a known shape.
    fn authenticated(&self, header: impl Fn(&str) -> Option<String>) -> bool {
        match (&self.identity, header("x-auth-token")) {
            (Some(issuer), Some(token)) => issuer.valid(&token),
            _ => auth::authenticated(header),
        }
    }

    /// Whether `method` `path` (within the service `name`) is the identity service's token
    /// operation.
    fn is_token_request(&self, method: &hyper::Method, name: Option<&str>, path: &str) -> bool {
        self.identity.as_ref().is_some_and(|issuer| {
            *method == hyper::Method::POST
                && name == Some(issuer.identity.service())
                && path == identity::TOKENS_PATH
        })
    }
}

/// The services, as every listener shares them.
enum Mount {
    /// One set of specs at the root, unnamed.
    Root(Service),
    /// Named services: under `/<name>` of one listener, or each at the root of its own
    /// ([`Scope`]).
    Named(Vec<(String, Service)>),
}

/// What one listener answers for.
#[derive(Debug, Clone, Copy)]
enum Scope {
    /// The unnamed set at the root, or every named service under its prefix.
    Everything,
    /// The `n`th named service, at the root.
    Service(usize),
}

impl Mount {
    /// Every service, with its name (`""` for the unnamed set at the root).
    fn services(&self) -> impl Iterator<Item = (&str, &Service)> {
        let (root, named) = match self {
            Mount::Root(service) => (Some(("", service)), &[][..]),
            Mount::Named(services) => (None, services.as_slice()),
        };
        root.into_iter()
            .chain(named.iter().map(|(name, service)| (name.as_str(), service)))
    }

    /// The service a request path received in `scope` is for (its name, unless unnamed), and
    /// the path within it: under a prefix `/ecs/v1/x` → ECS, `/v1/x` (`/ecs` alone is `/`); at
    /// a service's root, the path as it is. `Err` with the known names for an unknown
    /// prefix.
    fn resolve<'a>(
        &'a self,
        scope: Scope,
        path: &'a str,
    ) -> Result<(Option<&'a str>, &'a Service, &'a str), Vec<&'a str>> {
        let names = |services: &'a [(String, Service)]| {
            services.iter().map(|(name, _)| name.as_str()).collect()
        };
        match (self, scope) {
            (Mount::Root(service), _) => Ok((None, service, path)),
            (Mount::Named(services), Scope::Service(n)) => services
                .get(n)
                .map(|(name, service)| (Some(name.as_str()), service, path))
                .ok_or_else(|| names(services)),
            (Mount::Named(services), Scope::Everything) => {
                let rest = path.strip_prefix('/').unwrap_or(path);
                let (prefix, within) = match rest.find('/') {
                    Some(slash) => (&rest[..slash], &rest[slash..]),
                    None => (rest, "/"),
                };
                services
                    .iter()
                    .find(|(name, _)| name == prefix)
                    .map(|(name, service)| (Some(name.as_str()), service, within))
                    .ok_or_else(|| names(services))
            }
        }
    }
}

/// One service's specs, their routes, its resources and what it holds of them.
struct Service {
    specs: Vec<Spec>,
    routes: Routes,
    resources: resources::Resources,
    store: state::Store,
    /// The API versions its paths begin with, oldest first.
    versions: Vec<String>,
}

impl Service {
    fn new(specs: Vec<Spec>) -> Self {
        let routes = Routes::new(&specs);
        let resources = resources::Resources::find(&specs);
        let versions = respond::versions(&specs);
        Self {
            specs,
            routes,
            resources,
            store: state::Store::default(),
            versions,
        }
    }
}

async fn serve(listener: TcpListener, state: Arc<State>, scope: Scope) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let state = state.clone();
        tokio::spawn(async move {
            let service = service_fn(move |request| handle(state.clone(), scope, request));
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

async fn handle(
    state: Arc<State>,
    scope: Scope,
    request: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let id = format!(
        "emu-{:08x}",
        state.requests.fetch_add(1, Ordering::Relaxed) + 1
    );
    let full_path = request.uri().path().to_owned();
    let (status, body, subject_token) = match state.mount.resolve(scope, &full_path) {
        Err(known) => {
            let (status, body) = unknown_service(&full_path, &known);
            (status, body, None)
        }
        Ok((name, _, within)) if state.is_token_request(request.method(), name, within) => {
            issue_token(&state, request).await
        }
        Ok((_, service, within)) => {
            // The service's URL as the client reached it: links in the answer point there.
            let host = request
                .headers()
                .get(hyper::header::HOST)
                .and_then(|h| h.to_str().ok())
                .map(str::to_owned);
            let prefix = full_path.strip_suffix(within).unwrap_or(&full_path);
            let service_url = host.map(|host| format!("http://{host}{prefix}"));
            let (status, mut body) = answer(&state, service, within, request).await;
            if let (Body::Json(value), Some(service_url)) = (&mut body, service_url) {
                let request_url = format!("{service_url}{within}");
                respond::localize(value, &service_url, &request_url);
            }
            (status, body, None)
        }
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

/// The 404 for a path under no known prefix, naming the services.
fn unknown_service(path: &str, known: &[&str]) -> (u16, Body) {
    let prefixes: Vec<String> = known.iter().map(|name| format!("/{name}")).collect();
    let message = format!(
        "No service is served at {path}: the known services are {}",
        prefixes.join(", ")
    );
    (
        404,
        Body::Json(json!({
            "error_code": "APIG.0101",
            "error_msg": message,
            "services": known,
        })),
    )
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
        Ok(body) => issuer.issue(&body.to_bytes(), &state.endpoints),
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

/// The answer of `service` to `request`, whose path within the service is `path`.
async fn answer(
    state: &State,
    service: &Service,
    path: &str,
    request: Request<Incoming>,
) -> (u16, Body) {
    let method = request.method().as_str().to_owned();
    let full_path = request.uri().path().to_owned();
    let candidates = service.routes.find_all(&method, path);
    let Some((mut index, path_params)) = candidates.first().cloned() else {
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
    if !is_version_document(spec) && !state.authenticated(header) {
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
        .map(|(index, _)| (*index, &service.specs[*index]))
        .filter(|(_, candidate)| conforms(candidate).is_ok())
        .min_by_key(|(_, candidate)| undocumented(candidate));
    match fitting {
        Some((found_index, found)) => (index, spec) = (found_index, found),
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
        return not_found(spec, missing.1);
    }
    if let Some((resource, role)) = service.resources.of(index)
        && let Some(resource) = service.resources.get(resource)
    {
        let call = state::Call {
            spec,
            resource,
            role,
            path,
            query: &query,
            body: &body,
            project: path_params
                .iter()
                .find(|(name, _)| *name == "project_id")
                .map(|(_, value)| value.as_str()),
            specs: &service.specs,
            resources: &service.resources,
        };
        let outcome = service.store.answer(&call);
        state.persist();
        match outcome {
            state::Outcome::Answer(status, body) => {
                tracing::debug!(
                    operation = spec.operation.id.value,
                    role = role.as_str(),
                    "emulated from state"
                );
                return (status, body);
            }
            state::Outcome::Gone(id) => return not_found(spec, &id),
            state::Outcome::NotHeld => {}
        }
    }
    tracing::debug!(operation = spec.operation.id.value, "emulated");
    let (status, mut body) = respond::success(spec, &query);
    // A version document the page shows no example of lists the versions the service has.
    let documented = spec
        .success_responses()
        .next()
        .is_some_and(|r| !r.examples.is_empty());
    if !documented
        && is_version_query(spec)
        && let Body::Json(value) = &mut body
    {
        respond::made_versions(value, &service.versions, path);
    }
    (status, body)
}

/// Whether `spec` reads a version document: one at `/` or `/vN` ([`is_version_document`]), or
/// the one a path of one placeholder names (`GET /{version}`).
fn is_version_query(spec: &Spec) -> bool {
    let path = spec.operation.path.raw.trim_end_matches('/');
    let one_placeholder = path.strip_prefix("/{").is_some_and(|rest| {
        rest.strip_suffix('}')
            .is_some_and(|name| !name.contains(['/', '{', '}']))
    });
    is_version_document(spec) || (spec.operation.method.value.as_str() == "GET" && one_placeholder)
}

/// Whether `spec` reads a version document — a `GET` of `/` or of `/vN` or `/vN.M`, with no
/// placeholder — which the cloud answers without a token (clients such as keystoneauth read
/// it before they have one).
fn is_version_document(spec: &Spec) -> bool {
    let path = spec.operation.path.raw.trim_end_matches('/');
    let version = path.strip_prefix("/v").is_some_and(|v| {
        let mut parts = v.split('.');
        let digits = |p: Option<&str>| {
            p.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        };
        digits(parts.next()) && parts.clone().count() <= 1 && parts.all(|p| digits(Some(p)))
    });
    spec.operation.method.value.as_str() == "GET" && (path.is_empty() || version)
}

/// The operation's documented 404 for the resource `id`, else a generic one.
fn not_found(spec: &Spec, id: &str) -> (u16, Body) {
    if let Some(answer) = respond::documented_error(spec, 404) {
        return answer;
    }
    error(
        404,
        "APIG.3002",
        format!("The resource {id} does not exist"),
    )
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
