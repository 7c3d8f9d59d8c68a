//! A typed async client for the Volume Backup Service (`vbs`) REST API, generated at compile time by
//! apigw from the specs beside this crate's sources (one file per operation).
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use apigw_vbs::{Client, Config, Credentials};
//!
//! let client = Client::new(
//!     Config::builder()
//!         .region("eu-de") // or .endpoint(...), or APIGW_ENDPOINT_VBS
//!         .project_id("my-project")
//!         .credentials(Credentials::token(std::env::var("OS_AUTH_TOKEN")?))
//!         .build()?,
//! )?;
//! println!("{} at {}", apigw_vbs::SERVICE.title, client.config().region().unwrap_or("?"));
//! # Ok(())
//! # }
//! ```
//!
//! [`Client`] has one method per operation, named after it; each operation's request builder,
//! response and error types are in its module of [`operation`] (where the reference's sections
//! group them); object types that several operations define alike are in [`types`].

apigw_macros::service!(".");
