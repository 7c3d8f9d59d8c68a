//! Client configuration: region and endpoints, project, credentials and limits. One
//! configuration serves every service: each service's client finds its own endpoint in it
//! (see [`Config::endpoint_for`]).

use std::collections::BTreeMap;
use std::time::Duration;

use crate::auth::Credentials;
use crate::lenient::Mode;
use crate::retry::RetryPolicy;
use crate::service::ServiceMeta;

/// Everything a [`Client`](crate::Client) needs to send requests.
#[derive(Clone, Debug)]
pub struct Config {
    pub(crate) region: Option<String>,
    /// For every service: a URL, where `{service}` stands for the service's name.
    pub(crate) endpoint: Option<String>,
    /// By service name.
    pub(crate) service_endpoints: BTreeMap<String, reqwest::Url>,
    /// By service name: what a service catalog lists (see [`ConfigBuilder::catalog_endpoint`]).
    pub(crate) catalog_endpoints: BTreeMap<String, reqwest::Url>,
    /// Empty for a configuration built with [`ConfigBuilder::no_project`].
    pub(crate) project_id: String,
    pub(crate) credentials: Credentials,
    pub(crate) connect_timeout: Duration,
    pub(crate) timeout: Duration,
    pub(crate) max_body_size: usize,
    pub(crate) user_agent: String,
    pub(crate) retry: RetryPolicy,
    pub(crate) decoding: Mode,
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

    /// How response bodies are decoded: leniently (the default) or strictly.
    pub fn decoding(&self) -> Mode {
        self.decoding
    }

    /// The region (`eu-de`), if set.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The endpoint of `service`, first found of: the service's own endpoint
    /// ([`ConfigBuilder::service_endpoint`], or `APIGW_ENDPOINT_<NAME>`); the endpoint for every
    /// service ([`ConfigBuilder::endpoint`] or `APIGW_ENDPOINT`, `{service}` replaced by the
    /// service's name); the service's endpoint in a service catalog
    /// ([`ConfigBuilder::catalog_endpoint`]); the service's endpoint in the region
    /// ([`ConfigBuilder::region`] or `OS_REGION_NAME`).
    ///
    /// # Errors
    /// [`ConfigError::NoEndpoint`] when none of these is set; [`ConfigError::InvalidEndpoint`]
    /// when the result is not an `http`/`https` URL.
    pub fn endpoint_for(&self, service: &ServiceMeta) -> Result<reqwest::Url, ConfigError> {
        if let Some(url) = self.service_endpoints.get(service.name) {
            return Ok(url.clone());
        }
        if let (None, Some(url)) = (&self.endpoint, self.catalog_endpoints.get(service.name)) {
            return Ok(url.clone());
        }
        let endpoint = match (&self.endpoint, &self.region) {
            (Some(endpoint), _) => endpoint.replace(SERVICE_PLACEHOLDER, service.name),
            (None, Some(region)) => service.endpoint_in(region),
            (None, None) => {
                return Err(ConfigError::NoEndpoint {
                    service: service.name,
                    variable: service.endpoint_variable(),
                });
            }
        };
        parse_endpoint(&endpoint)
    }

    /// The endpoint of a client built without a service ([`Client::new`](crate::Client::new)):
    /// the endpoint for every service, as given.
    pub(crate) fn plain_endpoint(&self) -> Result<reqwest::Url, ConfigError> {
        match &self.endpoint {
            Some(endpoint) => parse_endpoint(endpoint),
            None => Err(ConfigError::Missing("endpoint")),
        }
    }

    /// The project every request is sent for (empty for a configuration built with
    /// [`ConfigBuilder::no_project`]).
    pub fn project_id(&self) -> &str {
        &self.project_id
    }

    /// How requests are authenticated.
    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// How requests are retried.
    pub fn retry(&self) -> &RetryPolicy {
        &self.retry
    }
}

/// Builds a [`Config`]; `project_id` (unless [`no_project`](ConfigBuilder::no_project)) and
/// `credentials` are required, and each service needs an endpoint or a region (see
/// [`Config::endpoint_for`]).
#[derive(Debug, Default)]
pub struct ConfigBuilder {
    region: Option<String>,
    endpoint: Option<String>,
    service_endpoints: BTreeMap<String, String>,
    catalog_endpoints: BTreeMap<String, String>,
    project_id: Option<String>,
    no_project: bool,
    credentials: Option<Credentials>,
    connect_timeout: Option<Duration>,
    timeout: Option<Duration>,
    max_body_size: Option<usize>,
    user_agent: Option<String>,
    retry: Option<RetryPolicy>,
    strict: bool,
}

/// Environment variable that makes decoding strict when `1` or `true` (see
/// [`ConfigBuilder::strict`]).
pub const ENV_STRICT: &str = "APIGW_STRICT";

/// Environment variable of the endpoint for every service, read by [`ConfigBuilder::from_env`];
/// followed by `_` and a service's name in capitals (`APIGW_ENDPOINT_ECS`), the endpoint of
/// that service.
pub const ENV_ENDPOINT: &str = "APIGW_ENDPOINT";
/// Environment variable of the region (the OpenStack tools' name for it).
pub const ENV_REGION: &str = "OS_REGION_NAME";
/// Stands for the service's name in the endpoint for every service
/// (`http://127.0.0.1:8080/{service}`).
pub const SERVICE_PLACEHOLDER: &str = "{service}";
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
    /// the region from `OS_REGION_NAME`, endpoints from `APIGW_ENDPOINT` (every service) and
    /// `APIGW_ENDPOINT_<NAME>` (one service, e.g. `APIGW_ENDPOINT_ECS`), the project from
    /// `HUAWEICLOUD_SDK_PROJECT_ID` or `OS_PROJECT_ID`, and the credentials from
    /// `HUAWEICLOUD_SDK_AK` + `HUAWEICLOUD_SDK_SK` or `OS_AUTH_TOKEN`. What is not set is left
    /// for the caller (or reported by `build`).
    pub fn from_env() -> Self {
        Self::from_vars(crate::env::vars())
    }

    /// [`ConfigBuilder::from_env`] with the variables given as (name, value) pairs.
    pub fn from_vars<N: Into<String>, V: Into<String>>(
        vars: impl IntoIterator<Item = (N, V)>,
    ) -> Self {
        let vars = crate::env::collect(vars);
        let get = |name: &str| vars.get(name).cloned();
        let prefix = format!("{ENV_ENDPOINT}_");
        let service_endpoints = vars
            .iter()
            .filter_map(|(name, value)| {
                let service = name.strip_prefix(&prefix)?;
                Some((service.to_ascii_lowercase(), value.clone()))
            })
            .collect();
        Self {
            region: get(ENV_REGION),
            endpoint: get(ENV_ENDPOINT),
            service_endpoints,
            project_id: ENV_PROJECT_ID.iter().find_map(|name| get(name)),
            credentials: Credentials::from_lookup(get).ok(),
            strict: get(ENV_STRICT).is_some_and(|v| v == "1" || v.eq_ignore_ascii_case("true")),
            ..Self::default()
        }
    }

    /// The region, e.g. `eu-de`: each service's endpoint is then its endpoint in that region
    /// (`https://ecs.eu-de.otc.t-systems.com`), unless set otherwise.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// One endpoint for every service (a gateway, or a local emulator), e.g.
    /// `https://apig.eu-de.otc.t-systems.com`; `{service}` in it stands for the service's name
    /// (`http://127.0.0.1:8080/{service}`). A service's own endpoint wins over it.
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// The endpoint of one service, by its name (`ecs`): wins over [`endpoint`](Self::endpoint)
    /// and the region.
    pub fn service_endpoint(
        mut self,
        service: impl Into<String>,
        endpoint: impl Into<String>,
    ) -> Self {
        self.service_endpoints
            .insert(service.into().to_ascii_lowercase(), endpoint.into());
        self
    }

    /// The endpoint of one service, by its name (`ecs`), as a service catalog lists it (the
    /// catalog that comes with a token): used when neither the service's own endpoint nor an
    /// endpoint for every service is set, and wins over the region's.
    pub fn catalog_endpoint(
        mut self,
        service: impl Into<String>,
        endpoint: impl Into<String>,
    ) -> Self {
        self.catalog_endpoints
            .insert(service.into().to_ascii_lowercase(), endpoint.into());
        self
    }

    /// The project id that fills `{project_id}` in every path.
    pub fn project_id(mut self, project_id: impl Into<String>) -> Self {
        self.project_id = Some(project_id.into());
        self
    }

    /// Builds without a project id, for clients of operations whose paths name none (IAM's
    /// tokens, projects and users): an operation whose path holds `{project_id}` is then
    /// refused before sending. A project id set too is kept.
    pub fn no_project(mut self) -> Self {
        self.no_project = true;
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

    /// Strict decoding: a response body that differs from its documentation in any way (a
    /// number in a string, a missing or unknown field, an undocumented enumeration value…) is a
    /// [`DecodeError`](crate::DecodeError) instead of a value with
    /// [`deviations`](crate::Response::deviations); for test suites that want to catch drift.
    /// Off by default, or `APIGW_STRICT=1`. See [`lenient`](crate::lenient).
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// Checks the configuration.
    pub fn build(self) -> Result<Config, ConfigError> {
        if let Some(endpoint) = &self.endpoint {
            parse_endpoint(&endpoint.replace(SERVICE_PLACEHOLDER, "service"))?;
        }
        let parse_all = |endpoints: &BTreeMap<String, String>| {
            endpoints
                .iter()
                .map(|(service, endpoint)| Ok((service.clone(), parse_endpoint(endpoint)?)))
                .collect::<Result<BTreeMap<_, _>, ConfigError>>()
        };
        let service_endpoints = parse_all(&self.service_endpoints)?;
        let catalog_endpoints = parse_all(&self.catalog_endpoints)?;
        let project_id = match self.project_id.filter(|p| !p.is_empty()) {
            Some(project_id) => project_id,
            None if self.no_project => String::new(),
            None => return Err(ConfigError::Missing("project_id")),
        };
        Ok(Config {
            region: self.region,
            endpoint: self.endpoint,
            service_endpoints,
            catalog_endpoints,
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
            decoding: if self.strict {
                Mode::Strict
            } else {
                Mode::Lenient
            },
        })
    }
}

/// `endpoint` as a URL a path can be appended to.
fn parse_endpoint(endpoint: &str) -> Result<reqwest::Url, ConfigError> {
    let url = reqwest::Url::parse(endpoint).map_err(|source| ConfigError::InvalidEndpoint {
        endpoint: endpoint.to_owned(),
        reason: source.to_string(),
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.query().is_some() {
        return Err(ConfigError::InvalidEndpoint {
            endpoint: endpoint.to_owned(),
            reason: "expected an http or https URL without a query".into(),
        });
    }
    Ok(url)
}

/// A configuration that cannot work.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// A required setting is missing.
    #[error("client configuration is missing `{0}`")]
    Missing(&'static str),
    /// Nothing says where a service is.
    #[error(
        "no endpoint for the `{service}` service: set a region (OS_REGION_NAME), the service's endpoint ({variable}) or one endpoint for every service (APIGW_ENDPOINT)"
    )]
    NoEndpoint {
        /// The service's name.
        service: &'static str,
        /// The variable that would set its endpoint.
        variable: String,
    },
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

    static ECS: ServiceMeta = ServiceMeta {
        name: "ecs",
        title: "Elastic Cloud Server",
        endpoint: crate::Endpoint::new("https://ecs.{region}.otc.t-systems.com"),
        operations: &[],
        error_codes: &[],
        catalog: &[],
    };

    static VPC: ServiceMeta = ServiceMeta {
        name: "vpc",
        title: "Virtual Private Cloud",
        endpoint: crate::Endpoint::new("https://vpc.{region}.otc.t-systems.com"),
        operations: &[],
        error_codes: &[],
        catalog: &[],
    };

    fn endpoint(config: &Config, service: &ServiceMeta) -> String {
        config.endpoint_for(service).unwrap().to_string()
    }

    #[test]
    fn configuration_from_the_environment() {
        let config = ConfigBuilder::from_vars([
            ("APIGW_ENDPOINT", "https://apig.example.com"),
            ("OS_PROJECT_ID", "p-os"),
            ("HUAWEICLOUD_SDK_AK", "AK1"),
            ("HUAWEICLOUD_SDK_SK", "SK-secret"),
            ("OS_AUTH_TOKEN", "tok"),
        ])
        .build()
        .unwrap();
        assert_eq!(endpoint(&config, &ECS), "https://apig.example.com/");
        assert_eq!(config.project_id(), "p-os");
        let shown = format!("{config:?}");
        assert!(
            shown.contains("AkSkAuth") && shown.contains("AK1"),
            "AK/SK wins over a token: {shown}"
        );
        assert!(!shown.contains("SK-secret"));

        let config = ConfigBuilder::from_vars([
            ("APIGW_ENDPOINT", "http://localhost:1"),
            ("HUAWEICLOUD_SDK_PROJECT_ID", "p-sdk"),
            ("OS_PROJECT_ID", "p-os"),
            ("OS_AUTH_TOKEN", "tok"),
        ])
        .build()
        .unwrap();
        assert_eq!(config.project_id(), "p-sdk", "the SDK's variable first");
        assert!(format!("{config:?}").contains("TokenAuth"));

        let err = ConfigBuilder::from_vars([
            ("APIGW_ENDPOINT", "http://localhost:1"),
            ("OS_PROJECT_ID", "p"),
        ])
        .build()
        .unwrap_err();
        assert!(err.to_string().contains("credentials"), "{err}");
        assert!(
            Credentials::from_lookup(|n| (n == "HUAWEICLOUD_SDK_AK").then(|| "AK1".into()))
                .unwrap_err()
                .to_string()
                .contains("HUAWEICLOUD_SDK_SK")
        );
    }

    #[test]
    fn each_service_finds_its_endpoint() {
        let base = || ConfigBuilder::from_vars([("OS_PROJECT_ID", "p"), ("OS_AUTH_TOKEN", "t")]);
        // The region alone: each service's own pattern.
        let config = base().region("eu-de").build().unwrap();
        assert_eq!(
            endpoint(&config, &ECS),
            "https://ecs.eu-de.otc.t-systems.com/"
        );
        assert_eq!(
            endpoint(&config, &VPC),
            "https://vpc.eu-de.otc.t-systems.com/"
        );
        assert_eq!(config.region(), Some("eu-de"));

        // One endpoint for every service, with the service's name put in.
        let config = base()
            .region("eu-de")
            .endpoint("http://127.0.0.1:8080/{service}")
            .build()
            .unwrap();
        assert_eq!(endpoint(&config, &ECS), "http://127.0.0.1:8080/ecs");
        assert_eq!(endpoint(&config, &VPC), "http://127.0.0.1:8080/vpc");

        // A service's own endpoint, in code or from the environment, wins over both.
        let config = ConfigBuilder::from_vars([
            ("OS_PROJECT_ID", "p"),
            ("OS_AUTH_TOKEN", "t"),
            ("OS_REGION_NAME", "eu-nl"),
            ("APIGW_ENDPOINT_VPC", "https://vpc.internal:8443"),
        ])
        .service_endpoint("ECS", "https://ecs.proxy")
        .build()
        .unwrap();
        assert_eq!(endpoint(&config, &ECS), "https://ecs.proxy/");
        assert_eq!(endpoint(&config, &VPC), "https://vpc.internal:8443/");
        assert_eq!(config.region(), Some("eu-nl"));

        // Nothing set: the error names the service and the variable.
        let err = base().build().unwrap().endpoint_for(&ECS).unwrap_err();
        assert!(matches!(
            err,
            ConfigError::NoEndpoint { service: "ecs", .. }
        ));
        assert!(err.to_string().contains("APIGW_ENDPOINT_ECS"), "{err}");

        // A bad endpoint is refused when the configuration is built.
        let err = base()
            .service_endpoint("ecs", "ftp://x")
            .build()
            .unwrap_err();
        assert!(err.to_string().contains("ftp://x"), "{err}");
        assert!(base().endpoint("not a url/{service}").build().is_err());
    }

    #[test]
    fn a_catalog_endpoint_comes_after_the_explicit_ones_and_before_the_region() {
        let base = || {
            ConfigBuilder::from_vars([("OS_PROJECT_ID", "p"), ("OS_AUTH_TOKEN", "t")])
                .region("eu-de")
                .catalog_endpoint("ecs", "https://ecs.catalog.example/")
        };
        let config = base().build().unwrap();
        assert_eq!(endpoint(&config, &ECS), "https://ecs.catalog.example/");
        assert_eq!(
            endpoint(&config, &VPC),
            "https://vpc.eu-de.otc.t-systems.com/",
            "a service the catalog does not list: the region's pattern"
        );
        let config = base()
            .endpoint("http://127.0.0.1:1/{service}")
            .build()
            .unwrap();
        assert_eq!(endpoint(&config, &ECS), "http://127.0.0.1:1/ecs");
        let config = base()
            .service_endpoint("ecs", "https://mine")
            .build()
            .unwrap();
        assert_eq!(endpoint(&config, &ECS), "https://mine/");
        let err = base()
            .catalog_endpoint("vpc", "not a url")
            .build()
            .unwrap_err();
        assert!(err.to_string().contains("not a url"), "{err}");
    }

    #[test]
    fn a_configuration_without_a_project_is_asked_for() {
        let base = || ConfigBuilder::from_vars([("OS_AUTH_TOKEN", "t")]).region("eu-de");
        let err = base().build().unwrap_err();
        assert!(matches!(err, ConfigError::Missing("project_id")), "{err}");
        assert_eq!(base().no_project().build().unwrap().project_id(), "");
        assert_eq!(
            base()
                .no_project()
                .project_id("p")
                .build()
                .unwrap()
                .project_id(),
            "p"
        );
    }

    #[test]
    fn a_temporary_key_from_the_environment_carries_its_security_token() {
        let config = ConfigBuilder::from_vars([
            ("OS_PROJECT_ID", "p"),
            ("HUAWEICLOUD_SDK_AK", "AK1"),
            ("HUAWEICLOUD_SDK_SK", "SK-secret"),
            ("HUAWEICLOUD_SDK_SECURITY_TOKEN", "sts-secret"),
        ])
        .region("eu-de")
        .build()
        .unwrap();
        let shown = format!("{config:?}");
        assert!(
            shown.contains("security_token: Some(Secret(***))"),
            "{shown}"
        );
        assert!(!shown.contains("sts-secret") && !shown.contains("SK-secret"));
    }
}
