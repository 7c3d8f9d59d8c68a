//! Password authentication through apigw's own generated IAM operation ("Obtaining a User
//! Token Through Password Authentication", `POST /v3/auth/tokens`): the token
//! (`X-Subject-Token`) is kept and renewed before it expires; concurrent calls share one
//! renewal; a `401` to the current token renews it once.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use apigw_iam::operation::obtain_user_token as op;
use apigw_runtime::header::{HeaderMap, HeaderValue};
use apigw_runtime::{AuthError, AuthErrorKind, Authenticate, BoxFuture, BuildError, Renew, Secret};
use futures_util::FutureExt;
use futures_util::future::Shared;
use serde_json::{Value, json};

use crate::settings::Scope;

/// The content type the operation documents for its `Content-Type` header.
const CONTENT_TYPE: &str = "application/json;charset=utf8";
/// The longest a token is renewed ahead of its expiry.
const MAX_MARGIN: Duration = Duration::from_secs(300);

/// A token and what came with it.
#[derive(Clone)]
pub(crate) struct Token {
    /// `X-Auth-Token`, marked sensitive.
    header: HeaderValue,
    /// When to renew it (`None`: its expiry is unknown; renewed after a `401` only).
    renew_at: Option<Instant>,
    /// The body's `token`.
    pub(crate) body: op::Token,
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Token")
            .field("token", &Secret::new(""))
            .field("renew_at", &self.renew_at)
            .field("expires_at", &self.body.expires_at)
            .finish_non_exhaustive()
    }
}

impl Token {
    fn due(&self) -> bool {
        self.renew_at.is_some_and(|at| Instant::now() >= at)
    }
}

type Flight = Shared<BoxFuture<'static, Result<Arc<Token>, AuthError>>>;

#[derive(Default)]
struct State {
    current: Option<Arc<Token>>,
    /// The renewal under way, which every caller that needs one awaits.
    flight: Option<Flight>,
}

struct Inner {
    client: apigw_iam::Client,
    /// `auth.identity.password.user` without its password: `{name, domain}` or `{id}`.
    user: Value,
    password: Secret,
    scope: Value,
    /// For messages: where the settings come from, the identity service, the user.
    origin: String,
    auth_url: String,
    user_shown: String,
    state: Mutex<State>,
}

/// Authenticates with a token obtained with a password (see the module docs). Cheap to
/// clone: clones share the token.
#[derive(Clone)]
pub(crate) struct PasswordAuth {
    inner: Arc<Inner>,
}

impl fmt::Debug for PasswordAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PasswordAuth")
            .field("user", &self.inner.user_shown)
            .field("auth_url", &self.inner.auth_url)
            .field("password", &self.inner.password)
            .field("token", &self.current())
            .finish()
    }
}

/// What a password authenticator needs.
pub(crate) struct PasswordSettings {
    pub(crate) client: apigw_iam::Client,
    pub(crate) user: Value,
    pub(crate) password: Secret,
    pub(crate) scope: Scope,
    pub(crate) domain: Option<Value>,
    pub(crate) origin: String,
    pub(crate) auth_url: String,
}

impl PasswordAuth {
    pub(crate) fn new(settings: PasswordSettings) -> Self {
        let user_shown = match (settings.user.get("name"), settings.user.get("id")) {
            (Some(name), _) => format!("user `{}`", name.as_str().unwrap_or_default()),
            (None, Some(id)) => format!("user id `{}`", id.as_str().unwrap_or_default()),
            (None, None) => "the user".to_owned(),
        };
        let scope = match settings.scope {
            Scope::ProjectId(id) => json!({ "project": { "id": id } }),
            Scope::ProjectName(name) => match &settings.domain {
                Some(domain) => json!({ "project": { "name": name, "domain": domain } }),
                None => json!({ "project": { "name": name } }),
            },
            Scope::Domain => match &settings.domain {
                Some(domain) => json!({ "domain": domain }),
                None => Value::Null,
            },
        };
        Self {
            inner: Arc::new(Inner {
                client: settings.client,
                user: settings.user,
                password: settings.password,
                scope,
                origin: settings.origin,
                auth_url: settings.auth_url,
                user_shown,
                state: Mutex::new(State::default()),
            }),
        }
    }

    /// The token held now, if any.
    pub(crate) fn current(&self) -> Option<Arc<Token>> {
        self.inner.state.lock().ok()?.current.clone()
    }

    /// The renewal under way, or a new one.
    fn flight(state: &mut State, inner: &Arc<Inner>) -> Flight {
        state
            .flight
            .get_or_insert_with(|| obtain(inner.clone()).boxed().shared())
            .clone()
    }

    /// A token: the one held, unless it is due for renewal.
    pub(crate) async fn token(&self) -> Result<Arc<Token>, AuthError> {
        let flight = {
            let mut state = self.inner.state.lock().expect("never poisoned");
            match &state.current {
                Some(token) if !token.due() => return Ok(token.clone()),
                _ => Self::flight(&mut state, &self.inner),
            }
        };
        flight.await
    }
}

impl Authenticate for PasswordAuth {
    fn authenticate(&self, request: &mut reqwest::Request) -> Result<(), BuildError> {
        let token = self
            .current()
            .ok_or_else(|| BuildError::InvalidCredentials {
                reason: "no token has been obtained yet".into(),
            })?;
        request
            .headers_mut()
            .insert("x-auth-token", token.header.clone());
        Ok(())
    }

    fn renewal(&self) -> Option<&dyn Renew> {
        Some(self)
    }
}

impl Renew for PasswordAuth {
    fn ready(&self) -> BoxFuture<'_, Result<(), AuthError>> {
        Box::pin(self.token().map(|result| result.map(drop)))
    }

    fn rejected<'a>(&'a self, sent: &'a HeaderMap) -> BoxFuture<'a, Result<bool, AuthError>> {
        let flight = {
            let mut state = self.inner.state.lock().expect("never poisoned");
            match &state.current {
                // Renewed since that request was sent: send it again with the new token.
                Some(token) if sent.get("x-auth-token") != Some(&token.header) => {
                    return Box::pin(async { Ok(true) });
                }
                _ => Self::flight(&mut state, &self.inner),
            }
        };
        Box::pin(flight.map(|result| result.map(|_| true)))
    }
}

/// Asks the identity service for a token, keeps it and ends the flight.
async fn obtain(inner: Arc<Inner>) -> Result<Arc<Token>, AuthError> {
    let result = request_token(&inner).await.map(Arc::new);
    let mut state = inner.state.lock().expect("never poisoned");
    state.flight = None;
    if let Ok(token) = &result {
        state.current = Some(token.clone());
    }
    result
}

async fn request_token(inner: &Inner) -> Result<Token, AuthError> {
    let mut user = inner.user.clone();
    user["password"] = Value::String(inner.password.expose().to_owned());
    let scope = match &inner.scope {
        Value::Null => json!({}),
        scope => scope.clone(),
    };
    let identity = json!({ "methods": ["password"], "password": { "user": user } });
    let body = op::ObtainUserTokenRequestBody::new(op::Auth::new(identity, scope));
    let started = SystemTime::now();
    let sent_at = Instant::now();
    tracing::debug!(user = %inner.user_shown, auth_url = %inner.auth_url, "obtaining a token");
    let response = inner
        .client
        .obtain_user_token(CONTENT_TYPE, body)
        .send()
        .await
        .map_err(|error| describe_failure(inner, error))?;
    let status = response.status();
    let unusable = |what: &str| {
        AuthError::new(
            AuthErrorKind::Unavailable,
            format!(
                "{}: the identity service at {} answered {status} without {what}",
                inner.origin, inner.auth_url,
            ),
        )
    };
    let mut header = response
        .header("x-subject-token")
        .and_then(|t| HeaderValue::from_str(t).ok())
        .ok_or_else(|| unusable("a usable X-Subject-Token header"))?;
    header.set_sensitive(true);
    let body = response
        .into_body()
        .token
        .ok_or_else(|| unusable("a token in its body"))?;
    let renew_at = renewal_time(&body, started, sent_at);
    if renew_at.is_none() {
        tracing::warn!(
            expires_at = ?body.expires_at,
            "the token's expiry is not a time: it is renewed only when refused"
        );
    }
    Ok(Token {
        header,
        renew_at,
        body,
    })
}

/// When to renew a token received for a request sent at `sent` (`now` then): its lifetime
/// as the token states it (`expires_at` − `issued_at`, so that clocks need not agree) less a
/// margin of a tenth of it, at most five minutes.
fn renewal_time(token: &op::Token, now: SystemTime, sent: Instant) -> Option<Instant> {
    let expires = crate::time::parse(token.expires_at.as_deref()?)?;
    let issued = token
        .issued_at
        .as_deref()
        .and_then(crate::time::parse)
        .unwrap_or(now);
    let lifetime = expires.duration_since(issued).unwrap_or_default();
    let margin = (lifetime / 10).min(MAX_MARGIN);
    Some(sent + lifetime - margin)
}

/// The failure of the token request, in words that name the settings, the identity service
/// and the user (never the password).
fn describe_failure(
    inner: &Inner,
    error: apigw_runtime::Error<op::ObtainUserTokenError>,
) -> AuthError {
    let at = format!("the identity service at {}", inner.auth_url);
    match &error {
        apigw_runtime::Error::Service(service) => {
            let detail = service_message(service);
            let status = service.status;
            let (kind, what) = match status.as_u16() {
                401 => (
                    AuthErrorKind::Rejected,
                    format!("{at} refused the password of {}", inner.user_shown),
                ),
                403 => (
                    AuthErrorKind::Rejected,
                    format!("{at} denied {} a token for this scope", inner.user_shown),
                ),
                _ => (
                    AuthErrorKind::Unavailable,
                    format!("{at} could not issue a token"),
                ),
            };
            AuthError::new(kind, format!("{}: {what} ({status}{detail})", inner.origin))
        }
        apigw_runtime::Error::Auth(auth) => auth.clone(),
        other => AuthError::new(
            AuthErrorKind::Unavailable,
            format!("{}: cannot obtain a token from {at}: {other}", inner.origin),
        ),
    }
}

/// `: <message>` from an error body, in the cloud's format (`error_msg`) or Keystone's
/// (`{"error": {"message": …}}`); empty when there is none.
fn service_message<E>(error: &apigw_runtime::ServiceError<E>) -> String {
    let keystone = || {
        let body: Value = serde_json::from_str(&error.body_excerpt).ok()?;
        body.get("error")?
            .get("message")?
            .as_str()
            .map(str::to_owned)
    };
    error
        .error_msg
        .clone()
        .or_else(keystone)
        .map(|m| format!(": {m}"))
        .unwrap_or_default()
}
