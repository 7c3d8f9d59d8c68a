//! The small runtime under apigw's generated clients.
//!
//! Generated code builds a [`Request`] (encoded path, query, headers, body) and hands it to a
//! [`Client`], which authenticates it, sends it with one shared `reqwest` client and returns a
//! [`RawResponse`]; [`decode`] maps the status to the operation's typed result or to an
//! [`Error`] whose kind the operation's [`DocumentedError`] enum gives. Generated enums get
//! their conversions from [`ValueEnum`]. Nothing in here knows about any one operation: what
//! is generated per operation is its types and the tables that describe it.
#![deny(missing_docs)]

mod auth;
mod client;
pub mod codes;
mod config;
pub mod decode;
pub mod dynamic;
pub mod enums;
mod error;
mod form;
pub mod lenient;
pub mod paging;
mod path;
mod request;
mod response;
mod retry;
mod secret;
mod service;
pub mod sign;
mod validate;

pub use auth::{AuthError, AuthErrorKind, Authenticate, Credentials, Renew, Secret, TokenAuth};
pub use client::Client;
pub use codes::{DocumentedCode, ServiceErrorCode, UndocumentedCode};
pub use config::{Config, ConfigBuilder, ConfigError};
pub use decode::DocumentedError;
pub use dynamic::DynOperation;
pub use enums::{UnknownValue, ValueEnum};
pub use error::{
    BuildError, DecodeError, Error, ErrorKind, SendError, ServiceError, TransportError,
    TransportErrorKind,
};
pub use form::{FilePart, Form};
pub use path::{PathSegment, PathTemplate};
pub use request::{OperationMeta, QueryValue, Request};
pub use response::{RawResponse, Response};
pub use retry::RetryPolicy;
pub use secret::SecretString;
pub use service::{CatalogType, Endpoint, ServiceMeta};
pub use sign::AkSkAuth;
pub use validate::{Length, check_length, check_range, length};

/// The environment variables the runtime reads (see [`ConfigBuilder::from_env`] and
/// [`Credentials::from_env`]), for tools that read the same ones.
pub mod env {
    use std::collections::BTreeMap;

    pub use crate::auth::{ENV_AK, ENV_SECURITY_TOKEN, ENV_SK, ENV_TOKEN};
    pub use crate::config::{ENV_ENDPOINT, ENV_PROJECT_ID, ENV_REGION, ENV_STRICT};

    /// The process's environment variables that are set to a (Unicode) value other than
    /// empty: what every reader of the environment starts from.
    pub fn vars() -> BTreeMap<String, String> {
        collect(std::env::vars_os().filter_map(|(name, value)| {
            Some((name.into_string().ok()?, value.into_string().ok()?))
        }))
    }

    /// `vars` as a map, leaving out empty values (an empty variable counts as unset).
    pub fn collect<N: Into<String>, V: Into<String>>(
        vars: impl IntoIterator<Item = (N, V)>,
    ) -> BTreeMap<String, String> {
        vars.into_iter()
            .map(|(n, v)| (n.into(), v.into()))
            .filter(|(_, v)| !v.is_empty())
            .collect()
    }
}

/// Byte buffers (bodies of file downloads).
pub use bytes::Bytes;

/// Futures in this crate's API ([`Renew`]'s methods return boxed ones).
pub use futures_util::future::BoxFuture;

/// HTTP types used in this crate's API.
pub use reqwest::{Method, StatusCode, header};

/// Everything generated code uses, under one path (each generated module imports it as `rt`);
/// not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::*;
    pub use crate::{__dynamic_list, __if_dynamic};
    pub use serde::{self, Deserialize, Serialize};
    pub use serde_json;
}

/// Generated items that only tools need (each operation's `DYNAMIC`: its spec text, decoding
/// and re-encoding through JSON), kept only with the `dynamic` feature. The feature is the
/// runtime's, so that a crate of generated code needs no feature of its own.
#[cfg(feature = "dynamic")]
#[doc(hidden)]
#[macro_export]
macro_rules! __if_dynamic {
    ($($item:tt)*) => { $($item)* };
}

/// See `__if_dynamic`: without the `dynamic` feature, nothing.
#[cfg(not(feature = "dynamic"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __if_dynamic {
    ($($item:tt)*) => {};
}

/// The list of a service's `DYNAMIC`s with the `dynamic` feature, else an empty list.
#[cfg(feature = "dynamic")]
#[doc(hidden)]
#[macro_export]
macro_rules! __dynamic_list {
    ($list:expr) => {
        $list
    };
}

/// See `__dynamic_list`: without the `dynamic` feature, an empty list.
#[cfg(not(feature = "dynamic"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __dynamic_list {
    ($list:expr) => {
        &[]
    };
}
