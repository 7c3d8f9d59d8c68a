//! The few facts both sides of apigw hold, kept once: the spec layer (`apigw-spec`, which the
//! generator and the proc macro use at build time) and the runtime (`apigw-runtime`, which
//! generated clients use) must not depend on each other, so what both need lives here, with
//! no dependencies of its own.
//!
//! - [`Endpoint`]: a service's endpoint pattern (`https://ecs.{region}.otc.t-systems.com`), as
//!   `service.toml` writes it, the checker checks it and the runtime fills in the region.

mod endpoint;

pub use endpoint::{Endpoint, REGION};
