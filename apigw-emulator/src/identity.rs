//! An emulated identity service: IAM's "Obtaining a User Token Through Password
//! Authentication" (`POST /v3/auth/tokens`) for the users it is given, tokens with a lifetime
//! of its choosing, a service catalog pointing at the emulator itself, and the check of the
//! token on every other call.

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

use crate::PROJECT_ID;
use crate::respond::Body;

/// Where the token operation is, within the identity service.
pub const TOKENS_PATH: &str = "/v3/auth/tokens";

/// The header that carries a new token.
pub const SUBJECT_TOKEN: &str = "x-subject-token";

/// A user the identity service knows. `Debug` does not show the password.
#[derive(Clone)]
pub struct User {
    name: String,
    password: String,
    domain: String,
}

impl fmt::Debug for User {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("User")
            .field("name", &self.name)
            .field("domain", &self.domain)
            .finish_non_exhaustive()
    }
}

impl User {
    /// A user `name` of domain (account) `domain`, who signs in with `password`.
    pub fn new(
        name: impl Into<String>,
        password: impl Into<String>,
        domain: impl Into<String>,
    ) -> Self {
        Self {
            name: name.into(),
            password: password.into(),
            domain: domain.into(),
        }
    }

    /// The user's id: derived from the name, stable.
    pub fn id(&self) -> String {
        format!("user-{}", self.name)
    }

    /// The domain's id: derived from its name, stable.
    pub fn domain_id(&self) -> String {
        format!("domain-{}", self.domain)
    }
}

/// What the emulated identity service knows: users, projects, the region its catalog is for
/// and how long tokens live.
#[derive(Debug, Clone)]
pub struct Identity {
    service: String,
    users: Vec<User>,
    projects: Vec<(String, String)>,
    region: String,
    token_lifetime: Duration,
    /// `(service, type, path)`: the types a service is listed under besides its name.
    catalog_types: Vec<(String, String, String)>,
}

impl Identity {
    /// An identity service mounted as `service` (the name IAM is served under, `iam`), for
    /// `region`, knowing no user yet, with one project named after the region (whose id is
    /// [`PROJECT_ID`]) and tokens that live 24 hours (as IAM's do).
    pub fn new(service: impl Into<String>, region: impl Into<String>) -> Self {
        let region = region.into();
        Self {
            service: service.into(),
            users: Vec::new(),
            projects: vec![(region.clone(), PROJECT_ID.to_owned())],
            region,
            token_lifetime: Duration::from_secs(24 * 3600),
            catalog_types: Vec::new(),
        }
    }

    /// Lists the service `service` in the catalog under `service_type` too (an entry of its
    /// own, as the cloud's catalog lists ECS as `compute`), at `path` below the service's
    /// endpoint: empty for the endpoint itself, else a path in which `{project_id}` stands for
    /// the token's project (`/v2.1/{project_id}`). With `service_type` the service's own name,
    /// the path of the entry under its name (which is there in any case, at the endpoint
    /// itself unless said otherwise). What a service's `catalog` key in its `service.toml`
    /// says (`ServiceMeta::catalog` of its crate).
    pub fn catalog_type(
        mut self,
        service: impl Into<String>,
        service_type: impl Into<String>,
        path: impl Into<String>,
    ) -> Self {
        self.catalog_types
            .push((service.into(), service_type.into(), path.into()));
        self
    }

    /// Adds a user.
    pub fn user(mut self, user: User) -> Self {
        self.users.push(user);
        self
    }

    /// Adds a project: its name and id.
    pub fn project(mut self, name: impl Into<String>, id: impl Into<String>) -> Self {
        self.projects.push((name.into(), id.into()));
        self
    }

    /// How long tokens live (short ones let clients' renewal be tested).
    pub fn token_lifetime(mut self, lifetime: Duration) -> Self {
        self.token_lifetime = lifetime;
        self
    }

    /// The service name it is mounted as.
    pub fn service(&self) -> &str {
        &self.service
    }
}

/// The identity service at work: its settings and the tokens it issued.
#[derive(Debug)]
pub(crate) struct Issuer {
    pub(crate) identity: Identity,
    /// Live tokens and when each expires.
    tokens: Mutex<HashMap<String, Instant>>,
    issued: AtomicU64,
}

impl Issuer {
    pub(crate) fn new(identity: Identity) -> Self {
        Self {
            identity,
            tokens: Mutex::new(HashMap::new()),
            issued: AtomicU64::new(0),
        }
    }

    /// How many tokens it has issued.
    pub(crate) fn issued(&self) -> u64 {
        self.issued.load(Ordering::SeqCst)
    }

    /// Forgets every token: calls with them get a 401 (as after a password change).
    pub(crate) fn revoke_all(&self) {
        self.tokens.lock().expect("never poisoned").clear();
    }

    /// Whether `token` is one it issued that has not expired.
    pub(crate) fn valid(&self, token: &str) -> bool {
        let tokens = self.tokens.lock().expect("never poisoned");
        tokens
            .get(token)
            .is_some_and(|expires| Instant::now() < *expires)
    }

    /// The answer to a token request with `body`: 201 with `X-Subject-Token` and the token,
    /// or the documented 401 for a wrong user, password or project.
    pub(crate) fn issue(
        &self,
        body: &[u8],
        endpoints: &[(String, String)],
    ) -> (u16, Body, Option<String>) {
        let request: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
        let auth = &request["auth"];
        let methods = auth["identity"]["methods"].as_array();
        if !methods.is_some_and(|m| m.iter().any(|m| m == "password")) {
            return unauthorized("The request you have made requires authentication.");
        }
        let given = &auth["identity"]["password"]["user"];
        let domain = &given["domain"];
        let user = self.identity.users.iter().find(|user| {
            let by_id = given["id"].as_str() == Some(&user.id());
            let by_name = given["name"].as_str() == Some(&user.name)
                && (domain["name"].as_str() == Some(&user.domain)
                    || domain["id"].as_str() == Some(&user.domain_id()));
            (by_id || by_name) && given["password"].as_str() == Some(&user.password)
        });
        let Some(user) = user else {
            return unauthorized("The username or password is wrong.");
        };
        let scope = &auth["scope"]["project"];
        let project = if scope.is_null() {
            None
        } else {
            let found = self.identity.projects.iter().find(|(name, id)| {
                scope["id"].as_str() == Some(id) || scope["name"].as_str() == Some(name)
            });
            match found {
                Some(project) => Some(project),
                None => return unauthorized("The project does not exist or is not the user's."),
            }
        };
        let n = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
        let token = token_value(n);
        let now = SystemTime::now();
        let lifetime = self.identity.token_lifetime;
        {
            let mut tokens = self.tokens.lock().expect("never poisoned");
            let at = Instant::now();
            tokens.retain(|_, expires| *expires > at);
            tokens.insert(token.clone(), at + lifetime);
        }
        let domain = json!({ "name": user.domain, "id": user.domain_id() });
        let mut body = json!({
            "token": {
                "methods": ["password"],
                "issued_at": iso_time(now),
                "expires_at": iso_time(now + lifetime),
                "user": { "name": user.name, "id": user.id(), "domain": domain },
                "roles": [{ "name": "te_admin", "id": "0" }],
                "catalog": self.catalog(endpoints, project.map(|(_, id)| id.as_str())),
            }
        });
        match project {
            Some((name, id)) => {
                body["token"]["project"] = json!({ "name": name, "id": id, "domain": domain })
            }
            None => body["token"]["domain"] = domain,
        }
        (201, Body::Json(body), Some(token))
    }

    /// Every emulated service at its endpoint (`(name, URL)`: under its prefix, or the root
    /// of its own address), in the region, under its name; and under each of its
    /// [catalog types](Identity::catalog_type) at the path below the endpoint that type has
    /// (`identity` at `/v3`, as IAM's catalog lists `https://iam.eu-de.otc.t-systems.com/v3`),
    /// for the token's project (a path naming the project is left out of a token scoped to no
    /// project).
    fn catalog(&self, endpoints: &[(String, String)], project: Option<&str>) -> Value {
        let region = &self.identity.region;
        let entry = |name: &str, service_type: &str, url: String| {
            let id = if name == service_type {
                name.to_owned()
            } else {
                format!("{name}-{service_type}")
            };
            json!({
                "type": service_type,
                "name": name,
                "id": format!("service-{id}"),
                "endpoints": [{
                    "id": format!("endpoint-{id}"),
                    "interface": "public",
                    "region": region,
                    "region_id": region,
                    "url": url,
                }],
            })
        };
        let mut entries = Vec::new();
        for (name, url) in endpoints {
            let types = self
                .identity
                .catalog_types
                .iter()
                .filter(|(service, _, _)| service == name)
                .map(|(_, service_type, path)| (service_type.as_str(), path.as_str()));
            // The name is always a type; the service's types may give its entry a path.
            let named = types.clone().all(|(service_type, _)| service_type != name);
            for (service_type, path) in named
                .then_some((name.as_str(), ""))
                .into_iter()
                .chain(types)
            {
                let path = match project {
                    Some(project) => path.replace("{project_id}", project),
                    None if path.contains("{project_id}") => continue,
                    None => path.to_owned(),
                };
                entries.push(entry(name, service_type, format!("{url}{path}")));
            }
        }
        Value::Array(entries)
    }
}

/// IAM's 401, in Keystone's error format.
fn unauthorized(message: &str) -> (u16, Body, Option<String>) {
    (
        401,
        Body::Json(json!({
            "error": { "code": 401, "title": "Unauthorized", "message": message }
        })),
        None,
    )
}

/// A token nobody can guess from the outside: its number and 128 bits from the process's
/// random hasher keys.
fn token_value(n: u64) -> String {
    let random = |salt: u64| {
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u64(n ^ salt);
        hasher.finish()
    };
    format!("emu-token-{n}-{:016x}{:016x}", random(1), random(2))
}

/// `YYYY-MM-DDTHH:MM:SS.ffffffZ`, as IAM writes times.
pub(crate) fn iso_time(time: SystemTime) -> String {
    let since = time.duration_since(UNIX_EPOCH).unwrap_or_default();
    let (days, rem) = (since.as_secs() / 86_400, since.as_secs() % 86_400);
    // Days since 1970-01-01 → civil date (H. Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:06}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        since.subsec_micros()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_as_iam_writes_them() {
        let at = |secs| UNIX_EPOCH + Duration::from_secs(secs);
        assert_eq!(iso_time(at(0)), "1970-01-01T00:00:00.000000Z");
        assert_eq!(iso_time(at(1_709_210_096)), "2024-02-29T12:34:56.000000Z");
        assert_eq!(
            iso_time(at(1_795_462_660) + Duration::from_micros(123_456)),
            "2026-11-23T19:37:40.123456Z"
        );
    }

    #[test]
    fn tokens_differ_and_a_user_is_not_shown_with_the_password() {
        assert_ne!(token_value(1), token_value(2));
        let shown = format!("{:?}", User::new("alice", "pw-secret", "dom"));
        assert!(!shown.contains("pw-secret"), "{shown}");
    }
}
