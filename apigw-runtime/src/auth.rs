//! Credentials and request authentication.

use std::fmt;
use std::sync::Arc;

use reqwest::header::{HeaderName, HeaderValue};

use crate::error::BuildError;

/// A secret string (token, secret key) that never shows in `Debug` or `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(secret: impl Into<String>) -> Self {
        Self(secret.into())
    }

    /// The secret itself. Call only where it is sent or used for signing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl From<String> for Secret {
    fn from(secret: String) -> Self {
        Self(secret)
    }
}

impl From<&str> for Secret {
    fn from(secret: &str) -> Self {
        Self(secret.to_owned())
    }
}

/// Adds credentials to a request just before it is sent.
///
/// It sees the final method, URL, headers and body, so request-signing schemes (such as AK/SK
/// signing) can be added without touching generated code.
pub trait Authenticate: fmt::Debug + Send + Sync + 'static {
    /// Adds the credentials to `request`.
    fn authenticate(&self, request: &mut reqwest::Request) -> Result<(), BuildError>;
}

/// Token authentication: sends `X-Auth-Token: <token>`.
#[derive(Clone)]
pub struct TokenAuth {
    /// The header value, checked once (`None`: the token cannot be sent in a header).
    header: Option<HeaderValue>,
}

impl fmt::Debug for TokenAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenAuth")
            .field("token", &Secret::new(""))
            .finish()
    }
}

impl TokenAuth {
    /// Authenticates with an IAM user token.
    pub fn new(token: impl Into<Secret>) -> Self {
        let header = HeaderValue::from_str(token.into().expose())
            .ok()
            .map(|mut value| {
                value.set_sensitive(true);
                value
            });
        Self { header }
    }
}

impl Authenticate for TokenAuth {
    fn authenticate(&self, request: &mut reqwest::Request) -> Result<(), BuildError> {
        let value = self
            .header
            .clone()
            .ok_or_else(|| BuildError::InvalidCredentials {
                reason: "the token contains characters that cannot be sent in an HTTP header"
                    .into(),
            })?;
        request
            .headers_mut()
            .insert(HeaderName::from_static("x-auth-token"), value);
        Ok(())
    }
}

/// The credentials a [`Client`](crate::Client) authenticates with.
#[derive(Clone, Debug)]
pub struct Credentials(pub(crate) Arc<dyn Authenticate>);

impl Credentials {
    /// An IAM user token, sent as `X-Auth-Token`.
    pub fn token(token: impl Into<Secret>) -> Self {
        Self(Arc::new(TokenAuth::new(token)))
    }

    /// An access key and secret key: requests are signed with `SDK-HMAC-SHA256` (see
    /// [`AkSkAuth`](crate::AkSkAuth)).
    pub fn aksk(ak: impl Into<String>, sk: impl Into<Secret>) -> Self {
        Self(Arc::new(crate::sign::AkSkAuth::new(ak, sk)))
    }

    /// Any other scheme.
    pub fn custom(auth: impl Authenticate) -> Self {
        Self(Arc::new(auth))
    }

    /// The credentials the cloud's SDKs and CLIs read from the environment:
    /// `HUAWEICLOUD_SDK_AK` and `HUAWEICLOUD_SDK_SK` (AK/SK signing), else `OS_AUTH_TOKEN`.
    pub fn from_env() -> Result<Self, crate::ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// [`Credentials::from_env`] with the variables read through `lookup`.
    pub fn from_lookup(
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, crate::ConfigError> {
        let get = |name: &str| lookup(name).filter(|v| !v.is_empty());
        match (get(ENV_AK), get(ENV_SK), get(ENV_TOKEN)) {
            (Some(ak), Some(sk), _) => Ok(Self::aksk(ak, sk)),
            (Some(_), None, _) => Err(crate::ConfigError::Missing(ENV_SK)),
            (None, Some(_), _) => Err(crate::ConfigError::Missing(ENV_AK)),
            (None, None, Some(token)) => Ok(Self::token(token)),
            (None, None, None) => Err(crate::ConfigError::Missing(
                "credentials (HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK, or OS_AUTH_TOKEN)",
            )),
        }
    }
}

/// Environment variable of the access key.
pub const ENV_AK: &str = "HUAWEICLOUD_SDK_AK";
/// Environment variable of the secret key.
pub const ENV_SK: &str = "HUAWEICLOUD_SDK_SK";
/// Environment variable of an IAM token.
pub const ENV_TOKEN: &str = "OS_AUTH_TOKEN";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_show_in_debug() {
        let credentials = Credentials::token("tok-123-secret");
        let shown = format!("{credentials:?} {:?}", Secret::new("sk"));
        assert!(!shown.contains("tok-123-secret"), "{shown}");
        assert!(!shown.contains("sk)"), "{shown}");
    }
}
