//! A typed async client for the API Gateway (APIG) REST API, generated at compile time from
//! the declarative specs in `specs/` (one file per operation).
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use apigw::{Client, Config, Credentials};
//!
//! let client = Client::new(
//!     Config::builder()
//!         .endpoint("https://apig.example.com")
//!         .project_id("my-project")
//!         .credentials(Credentials::token(std::env::var("OS_AUTH_TOKEN")?))
//!         .build()?,
//! )?;
//! let versions = client
//!     .list_api_versions_v2("my-gateway", "my-api")
//!     .env_name("RELEASE")
//!     .limit(50)
//!     .send()
//!     .await?;
//! for version in versions.api_versions.iter().flatten() {
//!     println!("{:?} {:?}", version.version_no, version.status);
//! }
//! # Ok(())
//! # }
//! ```
//!
//! Operations are grouped in modules named after the reference's folders; each operation's
//! module holds its request builder, response and error types.
#![deny(missing_docs)]

pub use apigw_runtime::{
    Authenticate, BuildError, Config, ConfigBuilder, ConfigError, Credentials, Error, ErrorKind,
    Response, Secret, ServiceError, TokenAuth, UnknownValue,
};

/// The runtime the generated code runs on (for lower-level use).
pub use apigw_runtime as runtime;

/// The APIG client: one method per operation, each returning a request builder.
///
/// Cheap to clone; clones share one connection pool.
#[derive(Clone, Debug)]
pub struct Client {
    inner: apigw_runtime::Client,
}

impl Client {
    /// Creates a client from a configuration.
    ///
    /// # Errors
    /// When the HTTP client cannot be created (e.g. no TLS backend).
    pub fn new(config: Config) -> Result<Self, ConfigError> {
        Ok(Self {
            inner: apigw_runtime::Client::new(config)?,
        })
    }

    /// Wraps a runtime client (e.g. one built on a custom `reqwest::Client`).
    pub fn from_runtime(inner: apigw_runtime::Client) -> Self {
        Self { inner }
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        self.inner.config()
    }
}

impl AsRef<apigw_runtime::Client> for Client {
    fn as_ref(&self) -> &apigw_runtime::Client {
        &self.inner
    }
}

/// API management.
pub mod api_management {
    apigw_macros::operation!("specs/api_management/list_api_versions_v2.toml");
}

/// VPC endpoint management.
pub mod vpc_endpoint_management {
    apigw_macros::operation!("specs/vpc_endpoint_management/list_endpoint_connections.toml");
}
