//! Credentials and request authentication.

use std::fmt;
use std::sync::Arc;

use futures_util::future::BoxFuture;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

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
/// signing) can be added without touching generated code. Credentials that expire and are
/// obtained again over the network (a token from a password) also implement [`Renew`] and
/// return it from [`renewal`](Authenticate::renewal).
pub trait Authenticate: fmt::Debug + Send + Sync + 'static {
    /// Adds the credentials to `request`.
    fn authenticate(&self, request: &mut reqwest::Request) -> Result<(), BuildError>;

    /// How these credentials are obtained and renewed, for credentials that expire; `None`
    /// (the default) for fixed ones (a token given as it is, an AK/SK pair), which then cost
    /// nothing beyond [`authenticate`](Authenticate::authenticate).
    fn renewal(&self) -> Option<&dyn Renew> {
        None
    }
}

/// Credentials that are obtained over the network and expire (see
/// [`Authenticate::renewal`]). The [`Client`](crate::Client) calls
/// [`ready`](Renew::ready) before it authenticates each attempt, and
/// [`rejected`](Renew::rejected) once per call when the server answers `401 Unauthorized`.
pub trait Renew: Send + Sync {
    /// Makes the credentials usable: obtains them if there are none yet, renews them when
    /// they are about to expire, else returns at once. Concurrent calls share one renewal.
    fn ready(&self) -> BoxFuture<'_, Result<(), AuthError>>;

    /// The server answered `401 Unauthorized` to a request sent with the headers `sent`:
    /// renews the credentials unless they were renewed since that request was authenticated
    /// (so that many calls refused at once cause one renewal). `Ok(true)` when the request is
    /// worth sending once more with the renewed credentials.
    fn rejected<'a>(&'a self, sent: &'a HeaderMap) -> BoxFuture<'a, Result<bool, AuthError>>;
}

/// Credentials could not be obtained or renewed (a password refused, the identity service
/// unreachable). Cheap to clone: every call waiting on one failed renewal gets the same error.
/// Its message names where the credentials came from and the identity service, never a secret.
#[derive(Clone, thiserror::Error)]
#[error("authentication failed: {message}")]
pub struct AuthError {
    kind: AuthErrorKind,
    message: String,
    source: Option<Arc<dyn std::error::Error + Send + Sync>>,
}

impl fmt::Debug for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AuthError")
            .field("kind", &self.kind)
            .field("message", &self.message)
            .field("source", &self.source.as_ref().map(|s| s.to_string()))
            .finish()
    }
}

/// Why credentials could not be obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AuthErrorKind {
    /// The identity service refused them (e.g. a wrong password: `401`).
    Rejected,
    /// The identity service could not be reached, or answered with something unusable.
    Unavailable,
}

impl AuthError {
    /// An error of `kind`; `message` says what was tried (source of the settings, user,
    /// identity service) and must hold no secret.
    pub fn new(kind: AuthErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            source: None,
        }
    }

    /// The same error with the underlying cause (which must hold no secret either).
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Arc::new(source));
        self
    }

    /// Why.
    pub fn kind(&self) -> AuthErrorKind {
        self.kind
    }

    /// What was tried and what went wrong, without the `authentication failed: ` prefix.
    pub fn message(&self) -> &str {
        &self.message
    }
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

    /// A temporary access key and secret key with their security token: requests are signed
    /// as with [`Credentials::aksk`] and carry the token as `X-Security-Token`.
    pub fn temporary_aksk(
        ak: impl Into<String>,
        sk: impl Into<Secret>,
        security_token: impl Into<Secret>,
    ) -> Self {
        Self(Arc::new(
            crate::sign::AkSkAuth::new(ak, sk).with_security_token(security_token),
        ))
    }

    /// No credentials at all: for the operations that obtain them (IAM's token from a
    /// password), which a client with these sends without any.
    pub fn none() -> Self {
        Self(Arc::new(NoAuth))
    }

    /// Any other scheme.
    pub fn custom(auth: impl Authenticate) -> Self {
        Self(Arc::new(auth))
    }

    /// The scheme, to call it directly (e.g. [`Authenticate::renewal`] to obtain a token
    /// before the first call).
    pub fn authenticator(&self) -> &dyn Authenticate {
        &*self.0
    }

    /// The credentials the cloud's SDKs and CLIs read from the environment:
    /// `HUAWEICLOUD_SDK_AK` and `HUAWEICLOUD_SDK_SK` (AK/SK signing; with
    /// `HUAWEICLOUD_SDK_SECURITY_TOKEN` for a temporary pair), else `OS_AUTH_TOKEN`.
    pub fn from_env() -> Result<Self, crate::ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// [`Credentials::from_env`] with the variables read through `lookup`.
    pub fn from_lookup(
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, crate::ConfigError> {
        let get = |name: &str| lookup(name).filter(|v| !v.is_empty());
        match (get(ENV_AK), get(ENV_SK), get(ENV_TOKEN)) {
            (Some(ak), Some(sk), _) => Ok(match get(ENV_SECURITY_TOKEN) {
                Some(security_token) => Self::temporary_aksk(ak, sk, security_token),
                None => Self::aksk(ak, sk),
            }),
            (Some(_), None, _) => Err(crate::ConfigError::Missing(ENV_SK)),
            (None, Some(_), _) => Err(crate::ConfigError::Missing(ENV_AK)),
            (None, None, Some(token)) => Ok(Self::token(token)),
            (None, None, None) => Err(crate::ConfigError::Missing(
                "credentials (HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK, or OS_AUTH_TOKEN)",
            )),
        }
    }
}

/// Adds nothing (see [`Credentials::none`]).
#[derive(Debug)]
struct NoAuth;

impl Authenticate for NoAuth {
    fn authenticate(&self, _request: &mut reqwest::Request) -> Result<(), BuildError> {
        Ok(())
    }
}

/// Environment variable of the access key.
pub const ENV_AK: &str = "HUAWEICLOUD_SDK_AK";
/// Environment variable of the secret key.
pub const ENV_SK: &str = "HUAWEICLOUD_SDK_SK";
/// Environment variable of the security token of a temporary access key.
pub const ENV_SECURITY_TOKEN: &str = "HUAWEICLOUD_SDK_SECURITY_TOKEN";
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
