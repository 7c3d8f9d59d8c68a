//! A typed async client for the Key Management Service (`kms`) REST API, generated at compile time by
//! apigw from the specs in `specs/key-management-service/` (one file per operation).
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use apigw_kms::{Client, Config, Credentials};
//!
//! let client = Client::new(
//!     Config::builder()
//!         .region("eu-de") // or .endpoint(...), or APIGW_ENDPOINT_KMS
//!         .project_id("my-project")
//!         .credentials(Credentials::token(std::env::var("OS_AUTH_TOKEN")?))
//!         .build()?,
//! )?;
//! println!("{} operations at {}", apigw_kms::SERVICE.operations.len(), client.config().region().unwrap_or("?"));
//! # Ok(())
//! # }
//! ```
//!
//! Each folder of the specs is a module and each operation a module in it, with its request
//! builder, response and error types; [`Client`] has one method per operation; object types
//! that several operations define alike are in [`types`].

apigw_macros::service!("../../specs/key-management-service");
