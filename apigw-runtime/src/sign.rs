//! AK/SK request signing, `SDK-HMAC-SHA256`, as the cloud's official SDKs sign requests.
//!
//! 1. `X-Sdk-Date` = the current UTC time as `YYYYMMDDTHHMMSSZ` (a value already set is kept).
//! 2. SignedHeaders = the lower-cased names of the headers sent, sorted, joined by `;`
//!    (`host` and `x-sdk-date` always; names containing `_` are not signed).
//! 3. CanonicalRequest = method, canonical URI (each path segment encoded keeping only
//!    `A-Za-z0-9-_.~`, upper-case hex, always ending in `/`), canonical query (sorted by name,
//!    then value; encoded the same way), canonical headers (`name:trimmed value\n` each),
//!    SignedHeaders, and the hex SHA-256 of the body, joined by `\n`.
//! 4. StringToSign = `SDK-HMAC-SHA256\n{X-Sdk-Date}\n{hex SHA-256 of CanonicalRequest}`.
//! 5. Signature = hex HMAC-SHA256 keyed with the SK.
//! 6. `Authorization: SDK-HMAC-SHA256 Access={AK}, SignedHeaders={...}, Signature={...}`.

use std::fmt::Write;
use std::time::{SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use percent_encoding::{percent_decode_str, utf8_percent_encode};
use reqwest::header::{HeaderName, HeaderValue};
use sha2::{Digest, Sha256};

use crate::auth::{Authenticate, Secret};
use crate::error::BuildError;
use crate::request::UNRESERVED;

/// The algorithm name, first word of the `Authorization` header.
pub const ALGORITHM: &str = "SDK-HMAC-SHA256";
const DATE_HEADER: &str = "x-sdk-date";

/// Signs requests with an access key (AK) and secret key (SK), and sends the security token
/// of a temporary pair as `X-Security-Token` (signed with the other headers).
///
/// `Debug` shows the AK, never the SK or the security token.
#[derive(Debug, Clone)]
pub struct AkSkAuth {
    ak: String,
    sk: Secret,
    security_token: Option<Secret>,
}

/// The header that carries the security token of a temporary access key.
pub const SECURITY_TOKEN_HEADER: &str = "x-security-token";

impl AkSkAuth {
    /// Signs with this access key and secret key.
    pub fn new(ak: impl Into<String>, sk: impl Into<Secret>) -> Self {
        Self {
            ak: ak.into(),
            sk: sk.into(),
            security_token: None,
        }
    }

    /// A temporary access key: every request also carries `security_token` as
    /// `X-Security-Token`.
    pub fn with_security_token(mut self, security_token: impl Into<Secret>) -> Self {
        self.security_token = Some(security_token.into());
        self
    }

    /// The signature of a request described by its parts, at `date` (`YYYYMMDDTHHMMSSZ`):
    /// the signed header names and the signature. `headers` must include `host` and
    /// `x-sdk-date`.
    pub fn signature(&self, parts: &Parts<'_>, date: &str) -> (String, String) {
        let (canonical, signed_headers) = canonical_request(parts);
        let string_to_sign = format!(
            "{ALGORITHM}\n{date}\n{}",
            hex(&Sha256::digest(canonical.as_bytes()))
        );
        let mut mac = Hmac::<Sha256>::new_from_slice(self.sk.expose().as_bytes())
            .expect("HMAC accepts keys of any length");
        mac.update(string_to_sign.as_bytes());
        (signed_headers, hex(&mac.finalize().into_bytes()))
    }
}

/// What is signed of a request.
#[derive(Debug, Clone)]
pub struct Parts<'a> {
    /// The method, e.g. `GET`.
    pub method: &'a str,
    /// The path as sent (percent-encoded).
    pub path: &'a str,
    /// The query as sent, without `?` (percent-encoded).
    pub query: &'a str,
    /// The headers sent: names (any case) and values.
    pub headers: Vec<(String, String)>,
    /// The exact body bytes sent.
    pub body: &'a [u8],
}

/// The canonical request and the SignedHeaders list.
pub fn canonical_request(parts: &Parts<'_>) -> (String, String) {
    let mut headers: Vec<(String, &str)> = parts
        .headers
        .iter()
        .filter(|(name, _)| !name.contains('_'))
        .map(|(name, value)| (name.to_ascii_lowercase(), value.trim()))
        .collect();
    headers.sort();
    headers.dedup_by(|a, b| a.0 == b.0);
    let signed_headers = headers
        .iter()
        .map(|(n, _)| n.as_str())
        .collect::<Vec<_>>()
        .join(";");
    let mut canonical_headers = String::new();
    for (name, value) in &headers {
        let _ = writeln!(canonical_headers, "{name}:{value}");
    }
    let canonical = [
        parts.method.to_ascii_uppercase(),
        canonical_uri(parts.path),
        canonical_query(parts.query),
        canonical_headers,
        signed_headers.clone(),
        hex(&Sha256::digest(parts.body)),
    ]
    .join("\n");
    (canonical, signed_headers)
}

fn encode(text: &str) -> String {
    utf8_percent_encode(text, UNRESERVED).to_string()
}

fn decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

fn canonical_uri(path: &str) -> String {
    let mut uri = decode(path)
        .split('/')
        .map(encode)
        .collect::<Vec<_>>()
        .join("/");
    if !uri.ends_with('/') {
        uri.push('/');
    }
    uri
}

fn canonical_query(query: &str) -> String {
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (encode(&decode(name)), encode(&decode(value)))
        })
        .collect();
    pairs.sort();
    pairs
        .iter()
        .map(|(n, v)| format!("{n}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// `YYYYMMDDTHHMMSSZ` of a time.
pub fn sdk_date(time: SystemTime) -> String {
    let secs = time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    format!(
        "{y:04}{m:02}{d:02}T{:02}{:02}{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

impl Authenticate for AkSkAuth {
    fn authenticate(&self, request: &mut reqwest::Request) -> Result<(), BuildError> {
        let url = request.url().clone();
        let host = match (url.host_str(), url.port()) {
            (Some(host), Some(port)) => format!("{host}:{port}"),
            (Some(host), None) => host.to_owned(),
            (None, _) => {
                return Err(BuildError::InvalidCredentials {
                    reason: "the URL has no host to sign".into(),
                });
            }
        };
        let headers = request.headers_mut();
        // Sign exactly what is sent: the Host header is set here, not left to the HTTP stack.
        headers.insert(
            reqwest::header::HOST,
            HeaderValue::from_str(&host).map_err(|_| BuildError::InvalidHeader { name: "Host" })?,
        );
        if let Some(token) = &self.security_token {
            let mut value = HeaderValue::from_str(token.expose()).map_err(|_| {
                BuildError::InvalidCredentials {
                    reason: "the security token contains characters that cannot be sent in an HTTP header".into(),
                }
            })?;
            value.set_sensitive(true);
            headers.insert(HeaderName::from_static(SECURITY_TOKEN_HEADER), value);
        }
        if !headers.contains_key(DATE_HEADER) {
            let date = sdk_date(SystemTime::now());
            headers.insert(
                HeaderName::from_static(DATE_HEADER),
                HeaderValue::from_str(&date).expect("digits and letters"),
            );
        }
        let date = headers[DATE_HEADER]
            .to_str()
            .map_err(|_| BuildError::InvalidHeader { name: "X-Sdk-Date" })?
            .to_owned();
        let mut signed = Vec::new();
        for (name, value) in headers.iter() {
            let value = value.to_str().map_err(|_| BuildError::InvalidCredentials {
                reason: format!("header `{name}` is not text and cannot be signed"),
            })?;
            signed.push((name.as_str().to_owned(), value.to_owned()));
        }
        let body = request
            .body()
            .and_then(|b| b.as_bytes())
            .unwrap_or_default();
        let parts = Parts {
            method: request.method().as_str(),
            path: url.path(),
            query: url.query().unwrap_or(""),
            headers: signed,
            body,
        };
        let (signed_headers, signature) = self.signature(&parts, &date);
        let authorization = format!(
            "{ALGORITHM} Access={}, SignedHeaders={signed_headers}, Signature={signature}",
            self.ak
        );
        let mut value =
            HeaderValue::from_str(&authorization).map_err(|_| BuildError::InvalidCredentials {
                reason: "the access key contains characters that cannot be sent in an HTTP header"
                    .into(),
            })?;
        value.set_sensitive(true);
        request
            .headers_mut()
            .insert(reqwest::header::AUTHORIZATION, value);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sdk_dates() {
        assert_eq!(sdk_date(UNIX_EPOCH), "19700101T000000Z");
        // 2024-02-29T12:34:56Z, a leap day.
        assert_eq!(
            sdk_date(UNIX_EPOCH + std::time::Duration::from_secs(1_709_210_096)),
            "20240229T123456Z"
        );
        // 2026-11-23T19:37:40Z
        assert_eq!(
            sdk_date(UNIX_EPOCH + std::time::Duration::from_secs(1_795_462_660)),
            "20261123T193740Z"
        );
    }
}
