//! Client configuration: endpoint, project, credentials and limits.

use std::time::Duration;

use crate::auth::Credentials;
use crate::retry::RetryPolicy;

/// Everything a [`Client`](crate::Client) needs to send requests.
#[derive(Clone, Debug)]
pub struct Config {
    pub(crate) endpoint: reqwest::Url,
    pub(crate) project_id: String,
    pub(crate) credentials: Credentials,
    pub(crate) connect_timeout: Duration,
    pub(crate) timeout: Duration,
    pub(crate) max_body_size: usize,
    pub(crate) user_agent: String,
    pub(crate) retry: RetryPolicy,
}

impl Config {
    /// Starts a configuration.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// Starts a configuration from the environment (see [`ConfigBuilder::from_env`]).
    pub fn builder_from_env() -> ConfigBuilder {
        ConfigBuilder::from_env()
    }

    /// The endpoint every path is appended to.
    pub fn endpoint(&self) -> &reqwest::Url {
        &self.endpoint
    }

    /// The project every request is sent for.
    pub fn project_id(&self) -> &str {
        &self.project_id
    }

    /// How requests are retried.
    pub fn retry(&self) -> &RetryPolicy {
        &self.retry
    }
}

/// Builds a [`Config`]; `endpoint`, `project_id` and `credentials` are required.
#[derive(Debug, Default)]
pub struct ConfigBuilder {
    endpoint: Option<String>,
    project_id: Option<String>,
    credentials: Option<Credentials>,
    connect_timeout: Option<Duration>,
    timeout: Option<Duration>,
    max_body_size: Option<usize>,
    user_agent: Option<String>,
    retry: Option<RetryPolicy>,
}

/// Environment variable of the endpoint, read by [`ConfigBuilder::from_env`].
pub const ENV_ENDPOINT: &str = "APIGW_ENDPOINT";
/// Environment variables of the project id, in the order they are read.
pub const ENV_PROJECT_ID: [&str; 2] = ["HUAWEICLOUD_SDK_PROJECT_ID", "OS_PROJECT_ID"];

/// Default time allowed to open a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default time allowed for a whole request, from sending to the last byte of the response.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Default largest response body accepted (32 MiB); larger bodies are refused while streaming.
pub const DEFAULT_MAX_BODY_SIZE: usize = 32 * 1024 * 1024;

impl ConfigBuilder {
    /// A builder filled from the environment, as the cloud's SDKs and CLIs are configured:
    /// the endpoint from `APIGW_ENDPOINT`, the project from `HUAWEICLOUD_SDK_PROJECT_ID` or
    /// `OS_PROJECT_ID`, and the credentials from `HUAWEICLOUD_SDK_AK` + `HUAWEICLOUD_SDK_SK` or
    /// `OS_AUTH_TOKEN`. What is not set is left for the caller (or reported by `build`).
    pub fn from_env() -> Self {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// [`ConfigBuilder::from_env`] with the variables read through `lookup`.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Self {
        let get = |name: &str| lookup(name).filter(|v| !v.is_empty());
        Self {
            endpoint: get(ENV_ENDPOINT),
            project_id: ENV_PROJECT_ID.iter().find_map(|name| get(name)),
            credentials: Credentials::from_lookup(&lookup).ok(),
            ..Self::default()
        }
    }

    /// The gateway endpoint, e.g. `https://apig.eu-de.otc.t-systems.com`.
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// The project id that fills `{project_id}` in every path.
    pub fn project_id(mut self, project_id: impl Into<String>) -> Self {
        self.project_id = Some(project_id.into());
        self
    }

    /// How requests are authenticated.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Time allowed to open a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Time allowed for a whole request (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Largest response body accepted, in bytes (default 32 MiB).
    pub fn max_body_size(mut self, bytes: usize) -> Self {
        self.max_body_size = Some(bytes);
        self
    }

    /// How failed requests are retried (default: [`RetryPolicy::default`]; idempotent
    /// requests get 3 attempts).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// The `User-Agent` header.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Checks the configuration.
    pub fn build(self) -> Result<Config, ConfigError> {
        let endpoint = self.endpoint.ok_or(ConfigError::Missing("endpoint"))?;
        let endpoint =
            reqwest::Url::parse(&endpoint).map_err(|source| ConfigError::InvalidEndpoint {
                endpoint: endpoint.clone(),
                reason: source.to_string(),
            })?;
        if !matches!(endpoint.scheme(), "http" | "https") || endpoint.query().is_some() {
            return Err(ConfigError::InvalidEndpoint {
                endpoint: endpoint.to_string(),
                reason: "expected an http or https URL without a query".into(),
            });
        }
        let project_id = self.project_id.ok_or(ConfigError::Missing("project_id"))?;
        if project_id.is_empty() {
            return Err(ConfigError::Missing("project_id"));
        }
        Ok(Config {
            endpoint,
            project_id,
            credentials: self
                .credentials
                .ok_or(ConfigError::Missing("credentials"))?,
            connect_timeout: self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT),
            timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
            max_body_size: self.max_body_size.unwrap_or(DEFAULT_MAX_BODY_SIZE),
            user_agent: self
                .user_agent
                .unwrap_or_else(|| concat!("apigw/", env!("CARGO_PKG_VERSION")).to_owned()),
            retry: self.retry.unwrap_or_default(),
        })
    }
}

/// A configuration that cannot work.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// A required setting is missing.
    #[error("client configuration is missing `{0}`")]
    Missing(&'static str),
    /// The endpoint is not a usable URL.
    #[error("invalid endpoint `{endpoint}`: {reason}")]
    InvalidEndpoint {
        /// The endpoint as given.
        endpoint: String,
        /// Why it cannot be used.
        reason: String,
    },
    /// The HTTP client could not be created.
    #[error("cannot create the HTTP client: {0}")]
    Http(#[source] reqwest::Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn configuration_from_the_environment() {
        let config = ConfigBuilder::from_lookup(env(&[
            ("APIGW_ENDPOINT", "https://apig.example.com"),
            ("OS_PROJECT_ID", "p-os"),
            ("HUAWEICLOUD_SDK_AK", "AK1"),
            ("HUAWEICLOUD_SDK_SK", "SK-secret"),
            ("OS_AUTH_TOKEN", "tok"),
        ]))
        .build()
        .unwrap();
        assert_eq!(config.endpoint().as_str(), "https://apig.example.com/");
        assert_eq!(config.project_id(), "p-os");
        let shown = format!("{config:?}");
        assert!(
            shown.contains("AkSkAuth") && shown.contains("AK1"),
            "AK/SK wins over a token: {shown}"
        );
        assert!(!shown.contains("SK-secret"));

        let config = ConfigBuilder::from_lookup(env(&[
            ("APIGW_ENDPOINT", "http://localhost:1"),
            ("HUAWEICLOUD_SDK_PROJECT_ID", "p-sdk"),
            ("OS_PROJECT_ID", "p-os"),
            ("OS_AUTH_TOKEN", "tok"),
        ]))
        .build()
        .unwrap();
        assert_eq!(config.project_id(), "p-sdk", "the SDK's variable first");
        assert!(format!("{config:?}").contains("TokenAuth"));

        let err = ConfigBuilder::from_lookup(env(&[
            ("APIGW_ENDPOINT", "http://localhost:1"),
            ("OS_PROJECT_ID", "p"),
        ]))
        .build()
        .unwrap_err();
        assert!(err.to_string().contains("credentials"), "{err}");
        assert!(
            Credentials::from_lookup(env(&[("HUAWEICLOUD_SDK_AK", "AK1")]))
                .unwrap_err()
                .to_string()
                .contains("HUAWEICLOUD_SDK_SK")
        );
    }
}
