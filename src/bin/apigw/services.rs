//! The services the command line knows: each service crate's `SERVICE`, listed by `build.rs`
//! from the crates in `specs/` (a new service's folder needs no edit here).

use apigw_runtime::ServiceMeta;

include!(concat!(env!("OUT_DIR"), "/services.rs"));
