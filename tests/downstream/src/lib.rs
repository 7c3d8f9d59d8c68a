//! A library user's crate: a client of its own, from its own specs (`specs/service.toml` and
//! one spec per operation under `specs/`), beside the published service crates.

apigw_macros::service!("specs");
