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
#[derive(Debug, Clone)]
pub struct TokenAuth {
    token: Secret,
}

impl TokenAuth {
    /// Authenticates with an IAM user token.
    pub fn new(token: impl Into<Secret>) -> Self {
        Self {
            token: token.into(),
        }
    }
}

impl Authenticate for TokenAuth {
    fn authenticate(&self, request: &mut reqwest::Request) -> Result<(), BuildError> {
        let mut value = HeaderValue::from_str(self.token.expose()).map_err(|_| {
            BuildError::InvalidCredentials {
                reason: "the token contains characters that cannot be sent in an HTTP header"
                    .into(),
            }
        })?;
        value.set_sensitive(true);
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

    /// Any other scheme.
    pub fn custom(auth: impl Authenticate) -> Self {
        Self(Arc::new(auth))
    }
}

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
