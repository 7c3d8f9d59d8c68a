//! What a generated client knows about its service: the name and the endpoint of a region.

pub use apigw_shared::Endpoint;

use crate::dynamic::DynOperation;

/// A service, as its generated crate describes it (its `SERVICE` static).
#[derive(Debug)]
pub struct ServiceMeta {
    /// The short name (`ecs`): the key of per-service settings, e.g.
    /// [`ConfigBuilder::service_endpoint`](crate::ConfigBuilder::service_endpoint) and the
    /// variable `APIGW_ENDPOINT_ECS`.
    pub name: &'static str,
    /// The full name (`Elastic Cloud Server`).
    pub title: &'static str,
    /// The endpoint pattern, `https://ecs.{region}.otc.t-systems.com`.
    pub endpoint: Endpoint<'static>,
    /// Every operation of the service, for tools that treat operations alike.
    pub operations: &'static [&'static DynOperation],
    /// The error codes any operation of the service can answer with, as its reference
    /// documents them (empty when it documents none).
    pub error_codes: &'static [crate::DocumentedCode],
    /// The types the cloud's service catalog lists the service under besides its name
    /// (which is always one), as the service file's `catalog` gives them: OpenStack's
    /// (`compute`, `network`) and the cloud's own; empty when the catalog knows it by its
    /// name alone.
    pub catalog: &'static [CatalogType],
}

/// One type a service is listed under in the cloud's service catalog, and the path below the
/// service's endpoint that the entry's URL has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatalogType {
    /// The catalog's `type` (`compute`, `block-storage`).
    pub service_type: &'static str,
    /// The path below the endpoint (`/v2.1/{project_id}`; empty for the endpoint itself),
    /// `{project_id}` standing for the project.
    pub path: &'static str,
}

impl ServiceMeta {
    /// The service's endpoint in `region`.
    pub fn endpoint_in(&self, region: &str) -> String {
        self.endpoint.in_region(region)
    }

    /// The environment variable that overrides this service's endpoint: `APIGW_ENDPOINT_`
    /// and the name in capitals (`APIGW_ENDPOINT_ECS`).
    pub fn endpoint_variable(&self) -> String {
        format!(
            "{}_{}",
            crate::config::ENV_ENDPOINT,
            self.name.to_ascii_uppercase()
        )
    }

    /// The documentation of the error code `code`, if the service documents it.
    pub fn error_code(&self, code: &str) -> Option<&'static crate::DocumentedCode> {
        crate::codes::find(self.error_codes, code)
    }

    /// The operation with this id.
    pub fn operation(&self, id: &str) -> Option<&'static DynOperation> {
        self.operations.iter().copied().find(|op| op.meta.id == id)
    }
}
