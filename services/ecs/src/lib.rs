//! A typed async client for the Elastic Cloud Server (`ecs`) REST API, generated at compile time by
//! apigw from the specs in `specs/elastic-cloud-server/` (one file per operation).
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use apigw_ecs::{Client, Config, Credentials};
//!
//! let client = Client::new(
//!     Config::builder()
//!         .region("eu-de") // or .endpoint(...), or APIGW_ENDPOINT_ECS
//!         .project_id("my-project")
//!         .credentials(Credentials::token(std::env::var("OS_AUTH_TOKEN")?))
//!         .build()?,
//! )?;
//! println!("{} operations at {}", apigw_ecs::SERVICE.operations.len(), client.config().region().unwrap_or("?"));
//! # Ok(())
//! # }
//! ```
//!
//! Each folder of the specs is a module and each operation a module in it, with its request
//! builder, response and error types; [`Client`] has one method per operation; object types
//! that several operations define alike are in [`types`].

apigw_macros::service!("../../specs/elastic-cloud-server");
