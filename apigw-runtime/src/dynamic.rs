//! Operations seen without their types, for tools that treat every operation alike: a
//! command line that prints JSON, an emulator, tests that run over the whole API.
//!
//! Each generated operation module has a `DYNAMIC` [`DynOperation`] (whose `decode` is
//! [`json`], [`empty`] or [`file()`] for its types); each folder module lists its operations in
//! `OPERATIONS`. Decoding still goes through the generated types (so a
//! body that does not match its documentation is still an error); the result is then
//! re-encoded as JSON.

use bytes::Bytes;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::decode::{self, DocumentedError};
use crate::{Error, OperationMeta, RawResponse, Response};

/// One operation, type-erased.
#[derive(Debug)]
pub struct DynOperation {
    /// Id, method and path template.
    pub meta: &'static OperationMeta,
    /// Decodes a response with the operation's generated types; the success body and the
    /// documented error body come back as JSON (`null` for an undocumented error).
    pub decode: DynDecode,
    /// Decodes a JSON request body into the operation's body type and encodes it again, or
    /// says where and why it does not fit. `None` when the operation takes no JSON body.
    pub reencode_body: Option<DynReencode>,
    /// The spec's source text (TOML), for tools that need the whole description (the
    /// command line builds its options from it, the emulator its routes); may be empty.
    pub spec: &'static str,
}

/// See [`DynOperation::decode`].
pub type DynDecode = fn(RawResponse) -> Result<Response<Value>, Error<Value>>;

/// See [`DynOperation::reencode_body`].
pub type DynReencode = fn(&Value) -> Result<Value, Mismatch>;

/// Where a JSON value does not fit a generated type, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// The path in the value, e.g. `members[0].port` (`.` for the whole value).
    pub path: String,
    /// What the decoder said.
    pub reason: String,
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "at `{}`: {}", self.path, self.reason)
    }
}

/// Re-encodes a typed result as JSON (what `DynOperation::decode` returns).
#[allow(
    clippy::result_large_err,
    reason = "the same `Error` every generated `send()` returns"
)]
pub fn erase<T: Serialize, E: Serialize>(
    result: Result<Response<T>, Error<E>>,
) -> Result<Response<Value>, Error<Value>> {
    match result {
        Ok(response) => Ok(response.map(|body| to_json(&body))),
        Err(error) => Err(error.map_kind(|kind| to_json(&kind))),
    }
}

/// [`DynOperation::decode`] of an operation with a JSON success body `T` and errors `E`.
#[allow(
    clippy::result_large_err,
    reason = "the same `Error` every generated `send()` returns"
)]
pub fn json<T, E>(raw: RawResponse) -> Result<Response<Value>, Error<Value>>
where
    T: Serialize + DeserializeOwned,
    E: Serialize + DocumentedError,
{
    erase(decode::response::<T, E>(raw, decode::json))
}

/// [`DynOperation::decode`] of an operation whose success response has no body (`null`).
#[allow(
    clippy::result_large_err,
    reason = "the same `Error` every generated `send()` returns"
)]
pub fn empty<E: Serialize + DocumentedError>(
    raw: RawResponse,
) -> Result<Response<Value>, Error<Value>> {
    erase(decode::response::<(), E>(raw, decode::empty))
}

/// [`DynOperation::decode`] of an operation whose success body is a file (an array of bytes).
#[allow(
    clippy::result_large_err,
    reason = "the same `Error` every generated `send()` returns"
)]
pub fn file<E: Serialize + DocumentedError>(
    raw: RawResponse,
) -> Result<Response<Value>, Error<Value>> {
    erase(decode::response::<Bytes, E>(raw, decode::file))
}

/// Decodes `value` as a `T` strictly (see [`lenient::Mode::Strict`](crate::lenient::Mode))
/// and encodes it again (what `DynOperation::reencode_body` does).
pub fn reencode<T: Serialize + serde::de::DeserializeOwned>(
    value: &Value,
) -> Result<Value, Mismatch> {
    let (typed, _) =
        crate::lenient::from_value::<T>(value, crate::lenient::Mode::Strict).map_err(|e| {
            Mismatch {
                path: e.path,
                reason: e.reason,
            }
        })?;
    Ok(to_json(&typed))
}

fn to_json<T: Serialize>(value: &T) -> Value {
    // Generated types only have string map keys, so this cannot fail; say so if it ever does.
    serde_json::to_value(value)
        .unwrap_or_else(|e| Value::String(format!("<not encodable as JSON: {e}>")))
}
