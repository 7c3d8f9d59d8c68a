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
    AkSkAuth, Authenticate, BuildError, Config, ConfigBuilder, ConfigError, Credentials, Error,
    ErrorKind, Response, RetryPolicy, Secret, ServiceError, TokenAuth, UnknownValue, ValueEnum,
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

/// Every operation of the crate, folder by folder, for tools that treat operations alike
/// (see [`runtime::DynOperation`]).
pub fn operations() -> impl Iterator<Item = &'static runtime::DynOperation> {
    FOLDERS.iter().flat_map(|folder| folder.iter().copied())
}

/// The operation with this id (e.g. `ListApiVersionsV2`).
pub fn operation(id: &str) -> Option<&'static runtime::DynOperation> {
    operations().find(|op| op.meta.id == id)
}

/// One entry per folder module below; `tests/imported_operations.rs` checks none is missing.
static FOLDERS: &[&[&runtime::DynOperation]] = &[
    #[cfg(feature = "access_control_policy_management")]
    access_control_policy_management::OPERATIONS,
    #[cfg(feature = "api_group_management")]
    api_group_management::OPERATIONS,
    #[cfg(feature = "api_import_and_export")]
    api_import_and_export::OPERATIONS,
    #[cfg(feature = "api_management")]
    api_management::OPERATIONS,
    #[cfg(feature = "app_authorization_management")]
    app_authorization_management::OPERATIONS,
    #[cfg(feature = "asynchronous_task_management")]
    asynchronous_task_management::OPERATIONS,
    #[cfg(feature = "binding_unbinding_access_control_policies")]
    binding_unbinding_access_control_policies::OPERATIONS,
    #[cfg(feature = "binding_unbinding_request_throttling_policies")]
    binding_unbinding_request_throttling_policies::OPERATIONS,
    #[cfg(feature = "binding_unbinding_signature_keys")]
    binding_unbinding_signature_keys::OPERATIONS,
    #[cfg(feature = "configuration_management")]
    configuration_management::OPERATIONS,
    #[cfg(feature = "credential_management")]
    credential_management::OPERATIONS,
    #[cfg(feature = "credential_quota_management")]
    credential_quota_management::OPERATIONS,
    #[cfg(feature = "custom_authorizer_management")]
    custom_authorizer_management::OPERATIONS,
    #[cfg(feature = "domain_name_management")]
    domain_name_management::OPERATIONS,
    #[cfg(feature = "environment_management")]
    environment_management::OPERATIONS,
    #[cfg(feature = "environment_variable_management")]
    environment_variable_management::OPERATIONS,
    #[cfg(feature = "excluded_request_throttling_configuration")]
    excluded_request_throttling_configuration::OPERATIONS,
    #[cfg(feature = "gateway_feature_management")]
    gateway_feature_management::OPERATIONS,
    #[cfg(feature = "gateway_management")]
    gateway_management::OPERATIONS,
    #[cfg(feature = "gateway_tag_management")]
    gateway_tag_management::OPERATIONS,
    #[cfg(feature = "group_response_management")]
    group_response_management::OPERATIONS,
    #[cfg(feature = "microservice_center_management")]
    microservice_center_management::OPERATIONS,
    #[cfg(feature = "monitoring_information_query")]
    monitoring_information_query::OPERATIONS,
    #[cfg(feature = "plug_in_management")]
    plug_in_management::OPERATIONS,
    #[cfg(feature = "request_throttling_policy_management")]
    request_throttling_policy_management::OPERATIONS,
    #[cfg(feature = "resource_query")]
    resource_query::OPERATIONS,
    #[cfg(feature = "signature_key_management")]
    signature_key_management::OPERATIONS,
    #[cfg(feature = "ssl_certificate_management")]
    ssl_certificate_management::OPERATIONS,
    #[cfg(feature = "tag_management")]
    tag_management::OPERATIONS,
    #[cfg(feature = "vpc_channel_management")]
    vpc_channel_management::OPERATIONS,
    #[cfg(feature = "vpc_endpoint_management")]
    vpc_endpoint_management::OPERATIONS,
];

impl AsRef<apigw_runtime::Client> for Client {
    fn as_ref(&self) -> &apigw_runtime::Client {
        &self.inner
    }
}

/// Access control policy management: the operations of `specs/access_control_policy_management/`.
#[cfg(feature = "access_control_policy_management")]
pub mod access_control_policy_management {
    apigw_macros::operations!("specs/access_control_policy_management");
}

/// API group management: the operations of `specs/api_group_management/`.
#[cfg(feature = "api_group_management")]
pub mod api_group_management {
    apigw_macros::operations!("specs/api_group_management");
}

/// API import and export: the operations of `specs/api_import_and_export/`.
#[cfg(feature = "api_import_and_export")]
pub mod api_import_and_export {
    apigw_macros::operations!("specs/api_import_and_export");
}

/// API management: the operations of `specs/api_management/`.
#[cfg(feature = "api_management")]
pub mod api_management {
    apigw_macros::operations!("specs/api_management");
}

/// App authorization management: the operations of `specs/app_authorization_management/`.
#[cfg(feature = "app_authorization_management")]
pub mod app_authorization_management {
    apigw_macros::operations!("specs/app_authorization_management");
}

/// Asynchronous task management: the operations of `specs/asynchronous_task_management/`.
#[cfg(feature = "asynchronous_task_management")]
pub mod asynchronous_task_management {
    apigw_macros::operations!("specs/asynchronous_task_management");
}

/// Binding unbinding access control policies: the operations of `specs/binding_unbinding_access_control_policies/`.
#[cfg(feature = "binding_unbinding_access_control_policies")]
pub mod binding_unbinding_access_control_policies {
    apigw_macros::operations!("specs/binding_unbinding_access_control_policies");
}

/// Binding unbinding request throttling policies: the operations of `specs/binding_unbinding_request_throttling_policies/`.
#[cfg(feature = "binding_unbinding_request_throttling_policies")]
pub mod binding_unbinding_request_throttling_policies {
    apigw_macros::operations!("specs/binding_unbinding_request_throttling_policies");
}

/// Binding unbinding signature keys: the operations of `specs/binding_unbinding_signature_keys/`.
#[cfg(feature = "binding_unbinding_signature_keys")]
pub mod binding_unbinding_signature_keys {
    apigw_macros::operations!("specs/binding_unbinding_signature_keys");
}

/// Configuration management: the operations of `specs/configuration_management/`.
#[cfg(feature = "configuration_management")]
pub mod configuration_management {
    apigw_macros::operations!("specs/configuration_management");
}

/// Credential management: the operations of `specs/credential_management/`.
#[cfg(feature = "credential_management")]
pub mod credential_management {
    apigw_macros::operations!("specs/credential_management");
}

/// Credential quota management: the operations of `specs/credential_quota_management/`.
#[cfg(feature = "credential_quota_management")]
pub mod credential_quota_management {
    apigw_macros::operations!("specs/credential_quota_management");
}

/// Custom authorizer management: the operations of `specs/custom_authorizer_management/`.
#[cfg(feature = "custom_authorizer_management")]
pub mod custom_authorizer_management {
    apigw_macros::operations!("specs/custom_authorizer_management");
}

/// Domain name management: the operations of `specs/domain_name_management/`.
#[cfg(feature = "domain_name_management")]
pub mod domain_name_management {
    apigw_macros::operations!("specs/domain_name_management");
}

/// Environment management: the operations of `specs/environment_management/`.
#[cfg(feature = "environment_management")]
pub mod environment_management {
    apigw_macros::operations!("specs/environment_management");
}

/// Environment variable management: the operations of `specs/environment_variable_management/`.
#[cfg(feature = "environment_variable_management")]
pub mod environment_variable_management {
    apigw_macros::operations!("specs/environment_variable_management");
}

/// Excluded request throttling configuration: the operations of `specs/excluded_request_throttling_configuration/`.
#[cfg(feature = "excluded_request_throttling_configuration")]
pub mod excluded_request_throttling_configuration {
    apigw_macros::operations!("specs/excluded_request_throttling_configuration");
}

/// Gateway feature management: the operations of `specs/gateway_feature_management/`.
#[cfg(feature = "gateway_feature_management")]
pub mod gateway_feature_management {
    apigw_macros::operations!("specs/gateway_feature_management");
}

/// Gateway management: the operations of `specs/gateway_management/`.
#[cfg(feature = "gateway_management")]
pub mod gateway_management {
    apigw_macros::operations!("specs/gateway_management");
}

/// Gateway tag management: the operations of `specs/gateway_tag_management/`.
#[cfg(feature = "gateway_tag_management")]
pub mod gateway_tag_management {
    apigw_macros::operations!("specs/gateway_tag_management");
}

/// Group response management: the operations of `specs/group_response_management/`.
#[cfg(feature = "group_response_management")]
pub mod group_response_management {
    apigw_macros::operations!("specs/group_response_management");
}

/// Microservice center management: the operations of `specs/microservice_center_management/`.
#[cfg(feature = "microservice_center_management")]
pub mod microservice_center_management {
    apigw_macros::operations!("specs/microservice_center_management");
}

/// Monitoring information query: the operations of `specs/monitoring_information_query/`.
#[cfg(feature = "monitoring_information_query")]
pub mod monitoring_information_query {
    apigw_macros::operations!("specs/monitoring_information_query");
}

/// Plug-in management: the operations of `specs/plug-in_management/`.
#[cfg(feature = "plug_in_management")]
pub mod plug_in_management {
    apigw_macros::operations!("specs/plug-in_management");
}

/// Request throttling policy management: the operations of `specs/request_throttling_policy_management/`.
#[cfg(feature = "request_throttling_policy_management")]
pub mod request_throttling_policy_management {
    apigw_macros::operations!("specs/request_throttling_policy_management");
}

/// Resource query: the operations of `specs/resource_query/`.
#[cfg(feature = "resource_query")]
pub mod resource_query {
    apigw_macros::operations!("specs/resource_query");
}

/// Signature key management: the operations of `specs/signature_key_management/`.
#[cfg(feature = "signature_key_management")]
pub mod signature_key_management {
    apigw_macros::operations!("specs/signature_key_management");
}

/// SSL certificate management: the operations of `specs/ssl_certificate_management/`.
#[cfg(feature = "ssl_certificate_management")]
pub mod ssl_certificate_management {
    apigw_macros::operations!("specs/ssl_certificate_management");
}

/// Tag management: the operations of `specs/tag_management/`.
#[cfg(feature = "tag_management")]
pub mod tag_management {
    apigw_macros::operations!("specs/tag_management");
}

/// VPC channel management: the operations of `specs/vpc_channel_management/`.
#[cfg(feature = "vpc_channel_management")]
pub mod vpc_channel_management {
    apigw_macros::operations!("specs/vpc_channel_management");
}

/// VPC endpoint management: the operations of `specs/vpc_endpoint_management/`.
#[cfg(feature = "vpc_endpoint_management")]
pub mod vpc_endpoint_management {
    apigw_macros::operations!("specs/vpc_endpoint_management");
}
