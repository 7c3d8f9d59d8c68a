//! The few facts both sides of apigw hold, kept once: the spec layer (`apigw-spec`, which the
//! generator and the proc macro use at build time) and the runtime (`apigw-runtime`, which
//! generated clients use) must not depend on each other, so what both need lives here, with
//! no dependencies but `serde_json` (which both have).
//!
//! - [`Endpoint`]: a service's endpoint pattern (`https://ecs.{region}.otc.t-systems.com`), as
//!   `service.toml` writes it, the checker checks it and the runtime fills in the region.
//! - [`error_body`]: the code and message of an error body, in the shapes the references
//!   document, which the runtime reads from errors and the importer tells error examples by.
//! - [`read`]: when a JSON scalar reads as the documented type (`"2"` for an integer), the rule
//!   by which the runtime decodes drifted responses and the emulator accepts requests.

mod endpoint;
pub mod error_body;
pub mod read;

pub use endpoint::{Endpoint, REGION, family_endpoint};
