//! The hand-written side: what a careful person writes without the generator (plain serde
//! structs that keep nothing and report nothing, `format!` with percent-encoding), as in the
//! earlier criterion benchmarks.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Deserialize;

/// A ListApiVersionsV2 body.
#[derive(Debug, Deserialize)]
#[allow(dead_code, reason = "decoded for the measurement, never read")]
pub struct Versions {
    size: Option<i32>,
    total: Option<i64>,
    api_versions: Option<Vec<Version>>,
}

/// One item of [`Versions`].
#[derive(Debug, Deserialize)]
#[allow(dead_code, reason = "decoded for the measurement, never read")]
pub struct Version {
    version_id: Option<String>,
    version_no: Option<String>,
    api_id: Option<String>,
    env_id: Option<String>,
    env_name: Option<String>,
    remark: Option<String>,
    publish_time: Option<String>,
    status: Option<i32>,
}

/// A ListEndpointConnections body.
#[derive(Debug, Deserialize)]
#[allow(dead_code, reason = "decoded for the measurement, never read")]
pub struct Connections {
    size: Option<i32>,
    total: Option<i64>,
    connections: Option<Vec<Connection>>,
}

/// One item of [`Connections`].
#[derive(Debug, Deserialize)]
#[allow(dead_code, reason = "decoded for the measurement, never read")]
pub struct Connection {
    id: Option<String>,
    marker_id: Option<i32>,
    created_at: Option<String>,
    updated_at: Option<String>,
    domain_id: Option<String>,
    status: Option<String>,
}

/// What a path segment keeps unencoded (RFC 3986 unreserved characters).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The ListApiVersionsV2 request path and query the generated builder makes from the same
/// arguments: encoded path segments, three query values and the documented range check of
/// `limit`.
pub fn versions_path(project: &str, gateway: &str, api: &str, offset: i64, limit: i32) -> String {
    assert!((1..=500).contains(&limit));
    format!(
        "/v2/{}/apigw/instances/{}/apis/publish/{}?offset={}&limit={}&env_name={}",
        utf8_percent_encode(project, SEGMENT),
        utf8_percent_encode(gateway, SEGMENT),
        utf8_percent_encode(api, SEGMENT),
        offset,
        limit,
        utf8_percent_encode("RELEASE", SEGMENT),
    )
}
