//! The settings of a cloud and where each comes from: a `clouds.yaml` cloud (with its
//! `secure.yaml`), the `OS_*` and `HUAWEICLOUD_SDK_*` variables, and values set explicitly
//! (command-line options, code), each overriding the one before, key by key.

use std::collections::BTreeMap;
use std::fmt;

use apigw_runtime::Secret;
use apigw_runtime::env::{
    ENV_AK, ENV_PROJECT_ID, ENV_REGION, ENV_SECURITY_TOKEN, ENV_SK, ENV_TOKEN,
};

use crate::clouds::{self, CloudsFile};
use crate::error::CloudError;

/// A setting, with its names in `clouds.yaml` and in the environment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Key {
    /// The identity service's URL, e.g. `https://iam.eu-de.otc.t-systems.com/v3`.
    AuthUrl,
    /// The user's name.
    Username,
    /// The user's id (instead of name and domain).
    UserId,
    /// The user's password.
    Password,
    /// The domain (account) the user belongs to, by name.
    UserDomainName,
    /// The domain the user belongs to, by id.
    UserDomainId,
    /// The domain by name (on Open Telekom Cloud the user's too).
    DomainName,
    /// The domain by id.
    DomainId,
    /// The project by name (`eu-de`, `eu-de_myproject`).
    ProjectName,
    /// The project by id.
    ProjectId,
    /// The region, e.g. `eu-de`.
    Region,
    /// A token obtained elsewhere.
    Token,
    /// An access key (AK/SK signing).
    AccessKey,
    /// A secret key.
    SecretKey,
    /// The security token of a temporary access key.
    SecurityToken,
    /// How to authenticate: `password`, `token` or `aksk` (by default, what the settings hold).
    AuthType,
}

/// What is known about one key: where it is found and whether its value is secret.
struct KeyInfo {
    key: Key,
    /// Paths in a cloud of `clouds.yaml` (`auth.password`), in the order they are read.
    yaml: &'static [&'static str],
    /// Environment variables, in the order they are read.
    env: &'static [&'static str],
    secret: bool,
}

/// Every key, with its names (the one place they are listed).
const KEYS: &[KeyInfo] = &[
    KeyInfo {
        key: Key::AuthUrl,
        yaml: &["auth.auth_url"],
        env: &["OS_AUTH_URL"],
        secret: false,
    },
    KeyInfo {
        key: Key::Username,
        yaml: &["auth.username"],
        env: &["OS_USERNAME"],
        secret: false,
    },
    KeyInfo {
        key: Key::UserId,
        yaml: &["auth.user_id"],
        env: &["OS_USER_ID"],
        secret: false,
    },
    KeyInfo {
        key: Key::Password,
        yaml: &["auth.password"],
        env: &["OS_PASSWORD"],
        secret: true,
    },
    KeyInfo {
        key: Key::UserDomainName,
        yaml: &["auth.user_domain_name"],
        env: &["OS_USER_DOMAIN_NAME"],
        secret: false,
    },
    KeyInfo {
        key: Key::UserDomainId,
        yaml: &["auth.user_domain_id"],
        env: &["OS_USER_DOMAIN_ID"],
        secret: false,
    },
    KeyInfo {
        key: Key::DomainName,
        yaml: &["auth.domain_name"],
        env: &["OS_DOMAIN_NAME"],
        secret: false,
    },
    KeyInfo {
        key: Key::DomainId,
        yaml: &["auth.domain_id"],
        env: &["OS_DOMAIN_ID"],
        secret: false,
    },
    KeyInfo {
        key: Key::ProjectName,
        yaml: &["auth.project_name", "auth.tenant_name"],
        env: &["OS_PROJECT_NAME", "OS_TENANT_NAME"],
        secret: false,
    },
    KeyInfo {
        key: Key::ProjectId,
        yaml: &["auth.project_id", "auth.tenant_id"],
        env: &[ENV_PROJECT_ID[0], ENV_PROJECT_ID[1], "OS_TENANT_ID"],
        secret: false,
    },
    KeyInfo {
        key: Key::Region,
        yaml: &["region_name", "regions"],
        env: &[ENV_REGION],
        secret: false,
    },
    KeyInfo {
        key: Key::Token,
        yaml: &["auth.token"],
        env: &[ENV_TOKEN, "OS_TOKEN"],
        secret: true,
    },
    // The keys otcextensions reads for AK/SK, beside `auth`.
    KeyInfo {
        key: Key::AccessKey,
        yaml: &["ak", "access_key"],
        env: &[ENV_AK],
        secret: false,
    },
    KeyInfo {
        key: Key::SecretKey,
        yaml: &["sk", "secret_key"],
        env: &[ENV_SK],
        secret: true,
    },
    KeyInfo {
        key: Key::SecurityToken,
        yaml: &["security_token"],
        env: &[ENV_SECURITY_TOKEN],
        secret: true,
    },
    KeyInfo {
        key: Key::AuthType,
        yaml: &["auth_type"],
        env: &["OS_AUTH_TYPE"],
        secret: false,
    },
];

impl Key {
    fn info(self) -> &'static KeyInfo {
        KEYS.iter()
            .find(|info| info.key == self)
            .expect("every key is in KEYS")
    }

    /// Its names in a cloud of `clouds.yaml`, in the order they are read.
    pub(crate) fn yaml_paths(self) -> &'static [&'static str] {
        self.info().yaml
    }

    /// Its name in a cloud of `clouds.yaml`, e.g. `auth.password`.
    pub fn yaml_name(self) -> &'static str {
        self.info().yaml[0]
    }

    /// The environment variables it is read from, in order (e.g. `OS_PASSWORD`).
    pub fn variables(self) -> &'static [&'static str] {
        self.info().env
    }

    /// Whether its value is a secret (never shown).
    pub fn is_secret(self) -> bool {
        self.info().secret
    }

    /// Where it can be set, for messages: `auth.password in clouds.yaml or OS_PASSWORD`.
    pub fn where_to_set(self) -> String {
        format!(
            "`{}` in clouds.yaml or secure.yaml, or {}",
            self.yaml_name(),
            self.variables().join(" or ")
        )
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.yaml_name())
    }
}

/// Where a setting's value comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Source {
    /// A cloud of a `clouds.yaml` (or of the `secure.yaml` beside it).
    File {
        /// The file, as shown to people (`~/.config/openstack/clouds.yaml`).
        file: String,
        /// The cloud's name.
        cloud: String,
        /// The key in the cloud, e.g. `auth.password`.
        key: &'static str,
    },
    /// An environment variable.
    Env(&'static str),
    /// Set by the program: a command-line option (`--region`) or code.
    Explicit(String),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::File { file, cloud, key } => write!(f, "`{key}` of cloud `{cloud}` in {file}"),
            Source::Env(name) => write!(f, "environment variable {name}"),
            Source::Explicit(how) => f.write_str(how),
        }
    }
}

/// A setting's value: text, or a secret that never shows.
#[derive(Clone, PartialEq, Eq)]
pub enum Value {
    /// Shown as it is.
    Text(String),
    /// Never shown.
    Secret(Secret),
}

impl Value {
    pub(crate) fn new(key: Key, value: String) -> Self {
        if key.is_secret() {
            Value::Secret(Secret::new(value))
        } else {
            Value::Text(value)
        }
    }

    /// The value itself (for a secret: only to send it).
    pub fn expose(&self) -> &str {
        match self {
            Value::Text(text) => text,
            Value::Secret(secret) => secret.expose(),
        }
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Text(text) => fmt::Debug::fmt(text, f),
            Value::Secret(secret) => fmt::Debug::fmt(secret, f),
        }
    }
}

/// A value and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    /// The value.
    pub value: Value,
    /// Where it was found.
    pub source: Source,
}

/// How requests are authenticated, as the settings say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Method {
    /// User name (or id) and password: a token from the identity service, renewed before it
    /// expires, with the project and the service catalog.
    Password,
    /// A token obtained elsewhere.
    Token,
    /// An access key and secret key (with a security token for a temporary pair).
    AkSk,
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Method::Password => "password",
            Method::Token => "token",
            Method::AkSk => "AK/SK",
        })
    }
}

/// Environment variable naming the cloud of `clouds.yaml` to use.
pub const ENV_CLOUD: &str = "OS_CLOUD";

/// Reads the settings of a cloud: which sources, and the explicit values that override them.
///
/// ```no_run
/// # fn run() -> Result<(), apigw_cloud::CloudError> {
/// use apigw_cloud::{Key, Loader};
/// let profile = Loader::from_env()          // OS_CLOUD, OS_*, HUAWEICLOUD_SDK_*
///     .cloud("otc")                          // as --os-cloud: wins over OS_CLOUD
///     .set(Key::Region, "eu-nl", "--region") // an option: wins over clouds.yaml and OS_REGION_NAME
///     .resolve()?;
/// println!("{profile}");
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Loader {
    vars: BTreeMap<String, String>,
    search: Vec<clouds::Dir>,
    cloud: Option<(String, String)>,
    explicit: BTreeMap<Key, (String, String)>,
}

impl Loader {
    /// The process's environment and the OpenStack tools' folders: the current folder,
    /// `~/.config/openstack/`, `/etc/openstack/` (or `OS_CLIENT_CONFIG_FILE`).
    pub fn from_env() -> Self {
        Self::from_vars(apigw_runtime::env::vars())
    }

    /// [`Loader::from_env`] with the variables given as (name, value) pairs (`HOME` among
    /// them finds `~/.config/openstack/`).
    pub fn from_vars<N: Into<String>, V: Into<String>>(
        vars: impl IntoIterator<Item = (N, V)>,
    ) -> Self {
        let vars = apigw_runtime::env::collect(vars);
        let search = clouds::default_search_path(vars.get("HOME").map(String::as_str));
        Self {
            vars,
            search,
            cloud: None,
            explicit: BTreeMap::new(),
        }
    }

    /// Looks for `clouds.yaml` and `secure.yaml` in these folders, in order, instead of the
    /// OpenStack tools' (`OS_CLIENT_CONFIG_FILE` still wins).
    pub fn search_path<P: Into<std::path::PathBuf>>(
        mut self,
        folders: impl IntoIterator<Item = P>,
    ) -> Self {
        self.search = folders
            .into_iter()
            .map(|path| clouds::Dir::new(path.into()))
            .collect();
        self
    }

    /// The cloud of `clouds.yaml` to use (as `--os-cloud`; wins over `OS_CLOUD`).
    pub fn cloud(mut self, name: impl Into<String>) -> Self {
        self.cloud = Some((name.into(), "--os-cloud".into()));
        self
    }

    /// Sets `key` explicitly, overriding every file and variable; `how` names where it was
    /// set, for messages (`--region`, `code`).
    pub fn set(mut self, key: Key, value: impl Into<String>, how: impl Into<String>) -> Self {
        let value = value.into();
        if !value.is_empty() {
            self.explicit.insert(key, (value, how.into()));
        }
        self
    }

    /// Reads the files and variables and decides how to authenticate.
    ///
    /// # Errors
    /// A cloud named but not found (or no `clouds.yaml` at all), a file that cannot be read
    /// or parsed, two names of one setting in one source with different values, an unknown
    /// `auth_type`, or credentials that are incomplete (an AK without its SK, a user without
    /// a password): each names the source and the key.
    pub fn resolve(self) -> Result<Profile, CloudError> {
        let cloud_name = match &self.cloud {
            Some((name, how)) => Some((name.clone(), how.clone())),
            None => self
                .vars
                .get(ENV_CLOUD)
                .map(|name| (name.clone(), ENV_CLOUD.to_owned())),
        };
        let mut warnings = Vec::new();
        let file = match &cloud_name {
            Some((name, how)) => Some(CloudsFile::load(
                name,
                how,
                &self.vars,
                &self.search,
                &mut warnings,
            )?),
            None => None,
        };
        let cloud_name = cloud_name.map(|(name, _)| name);
        let mut settings = BTreeMap::new();
        for info in KEYS {
            let found = match self.explicit.get(&info.key) {
                Some((value, how)) => Some(Setting {
                    value: Value::new(info.key, value.clone()),
                    source: Source::Explicit(how.clone()),
                }),
                None => match self.variable(info)? {
                    Some(setting) => Some(setting),
                    None => match &file {
                        Some(file) => file.setting(info.key, info.yaml)?,
                        None => None,
                    },
                },
            };
            if let Some(setting) = found {
                settings.insert(info.key, setting);
            }
        }
        Profile::new(cloud_name, file.map(|f| f.shown), settings, warnings)
    }

    /// The first of `info`'s variables that is set; an error if another one says otherwise.
    fn variable(&self, info: &KeyInfo) -> Result<Option<Setting>, CloudError> {
        let mut found: Option<(&'static str, &String)> = None;
        for name in info.env {
            let Some(value) = self.vars.get(*name) else {
                continue;
            };
            match found {
                None => found = Some((name, value)),
                Some((first, earlier)) if earlier != value => {
                    return Err(CloudError::Contradiction {
                        key: info.key,
                        first: Box::new(Source::Env(first)),
                        second: Box::new(Source::Env(name)),
                        values: shown_pair(info.key, earlier, value),
                    });
                }
                Some(_) => {}
            }
        }
        Ok(found.map(|(name, value)| Setting {
            value: Value::new(info.key, value.clone()),
            source: Source::Env(name),
        }))
    }
}

/// Two values of one key for an error message: themselves, unless they are secret.
pub(crate) fn shown_pair(key: Key, a: &str, b: &str) -> String {
    if key.is_secret() {
        String::new()
    } else {
        format!(": `{a}` and `{b}`")
    }
}

/// The project a password token is scoped to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Scope {
    /// By id.
    ProjectId(String),
    /// By name, in the user's domain.
    ProjectName(String),
    /// The user's domain: no project.
    Domain,
}

/// The settings of one cloud, resolved: each value with its source, and how requests are
/// authenticated. `Display` shows them (never a secret); [`connect`](crate::connect) turns them
/// into a client configuration.
#[derive(Debug, Clone)]
pub struct Profile {
    cloud: Option<String>,
    file: Option<String>,
    settings: BTreeMap<Key, Setting>,
    method: Method,
    warnings: Vec<String>,
}

impl Profile {
    fn new(
        cloud: Option<String>,
        file: Option<String>,
        settings: BTreeMap<Key, Setting>,
        warnings: Vec<String>,
    ) -> Result<Self, CloudError> {
        let mut profile = Self {
            cloud,
            file,
            settings,
            method: Method::Token,
            warnings,
        };
        profile.check_same(Key::UserDomainName, Key::DomainName)?;
        profile.check_same(Key::UserDomainId, Key::DomainId)?;
        profile.method = profile.choose_method()?;
        Ok(profile)
    }

    /// Two keys that name the same thing on Open Telekom Cloud must agree.
    fn check_same(&self, a: Key, b: Key) -> Result<(), CloudError> {
        if let (Some(x), Some(y)) = (self.settings.get(&a), self.settings.get(&b))
            && x.value != y.value
        {
            return Err(CloudError::Contradiction {
                key: a,
                first: Box::new(x.source.clone()),
                second: Box::new(y.source.clone()),
                values: shown_pair(a, x.value.expose(), y.value.expose()),
            });
        }
        Ok(())
    }

    /// How to authenticate: `auth_type` if set; else the credentials set by the
    /// highest-ranking source (explicit, then environment, then file), and among credentials
    /// of one source AK/SK, then a token, then a password.
    fn choose_method(&self) -> Result<Method, CloudError> {
        if let Some(auth_type) = self.settings.get(&Key::AuthType) {
            let method = match auth_type.value.expose() {
                "password" | "v3password" => Method::Password,
                "token" | "v3token" => Method::Token,
                "aksk" => Method::AkSk,
                other => {
                    return Err(CloudError::Invalid {
                        key: Key::AuthType,
                        origin: auth_type.source.clone(),
                        reason: format!(
                            "`{other}` is not an authentication apigw knows (password, v3password, token, v3token, aksk)"
                        ),
                    });
                }
            };
            self.check_complete(method)?;
            return Ok(method);
        }
        let rank = |key: Key| {
            self.settings.get(&key).map(|s| match s.source {
                Source::Explicit(_) => 3,
                Source::Env(_) => 2,
                Source::File { .. } => 1,
            })
        };
        let user = rank(Key::Username).max(rank(Key::UserId));
        let candidates = [
            (Method::AkSk, rank(Key::AccessKey).max(rank(Key::SecretKey))),
            (Method::Token, rank(Key::Token)),
            (Method::Password, rank(Key::Password).max(user)),
        ];
        let best = candidates.iter().filter_map(|(_, r)| *r).max();
        let Some(best) = best else {
            return Err(CloudError::NoCredentials {
                settings: self.describe_origin(),
            });
        };
        let method = candidates
            .iter()
            .find(|(_, r)| *r == Some(best))
            .map(|(m, _)| *m)
            .expect("the best rank is one of them");
        self.check_complete(method)?;
        Ok(method)
    }

    /// The settings `method` needs are all there.
    fn check_complete(&self, method: Method) -> Result<(), CloudError> {
        let has = |key| self.settings.contains_key(&key);
        let missing = |key: Key, because: &str| CloudError::Missing {
            key,
            settings: self.describe_origin(),
            because: because.to_owned(),
        };
        match method {
            Method::AkSk => {
                if !has(Key::AccessKey) {
                    return Err(missing(Key::AccessKey, "a secret key is set"));
                }
                if !has(Key::SecretKey) {
                    return Err(missing(Key::SecretKey, "an access key is set"));
                }
            }
            Method::Token => {
                if !has(Key::Token) {
                    return Err(missing(Key::Token, "token authentication is chosen"));
                }
            }
            Method::Password => {
                if !has(Key::Username) && !has(Key::UserId) {
                    return Err(missing(
                        Key::Username,
                        "password authentication needs a user",
                    ));
                }
                if !has(Key::Password) {
                    return Err(missing(Key::Password, "password authentication needs it"));
                }
                if !has(Key::AuthUrl) {
                    return Err(missing(
                        Key::AuthUrl,
                        "password authentication asks the identity service for a token",
                    ));
                }
                if !has(Key::UserId) && self.domain().is_none() {
                    return Err(missing(
                        Key::UserDomainName,
                        "a user given by name belongs to a domain (the account)",
                    ));
                }
            }
        }
        if method != Method::AkSk && has(Key::SecurityToken) {
            let setting = &self.settings[&Key::SecurityToken];
            return Err(CloudError::Invalid {
                key: Key::SecurityToken,
                origin: setting.source.clone(),
                reason: format!(
                    "a security token goes with a temporary AK/SK pair, but {method} authentication was chosen"
                ),
            });
        }
        Ok(())
    }

    /// `cloud `x` (in clouds.yaml)` or `the environment`, for messages.
    pub(crate) fn describe_origin(&self) -> String {
        match (&self.cloud, &self.file) {
            (Some(cloud), Some(file)) => format!("cloud `{cloud}` ({file})"),
            (Some(cloud), None) => format!("cloud `{cloud}`"),
            _ => "the settings from the environment".to_owned(),
        }
    }

    /// The cloud of `clouds.yaml` these settings come from, if any.
    pub fn cloud(&self) -> Option<&str> {
        self.cloud.as_deref()
    }

    /// The `clouds.yaml` the cloud was read from, as shown to people.
    pub fn file(&self) -> Option<&str> {
        self.file.as_deref()
    }

    /// One setting, if set.
    pub fn get(&self, key: Key) -> Option<&Setting> {
        self.settings.get(&key)
    }

    /// A setting's value as text (for a secret: only to send it).
    pub(crate) fn text(&self, key: Key) -> Option<&str> {
        self.settings.get(&key).map(|s| s.value.expose())
    }

    /// How requests are authenticated.
    pub fn method(&self) -> Method {
        self.method
    }

    /// The region, if set.
    pub fn region(&self) -> Option<&str> {
        self.text(Key::Region)
    }

    /// The identity service's URL, if set.
    pub fn auth_url(&self) -> Option<&str> {
        self.text(Key::AuthUrl)
    }

    /// The user's domain: by name or id (`user_domain_*`, else `domain_*`).
    pub(crate) fn domain(&self) -> Option<serde_json::Value> {
        let by = |name_key, id_key| {
            if let Some(name) = self.text(name_key) {
                Some(serde_json::json!({ "name": name }))
            } else {
                self.text(id_key).map(|id| serde_json::json!({ "id": id }))
            }
        };
        by(Key::UserDomainName, Key::UserDomainId).or_else(|| by(Key::DomainName, Key::DomainId))
    }

    /// The project a password token is asked for: the project id or name set, else the
    /// region's default project (Open Telekom Cloud names it after the region), else none.
    pub(crate) fn scope(&self) -> Scope {
        if let Some(id) = self.text(Key::ProjectId) {
            Scope::ProjectId(id.to_owned())
        } else if let Some(name) = self.text(Key::ProjectName).or(self.region()) {
            Scope::ProjectName(name.to_owned())
        } else {
            Scope::Domain
        }
    }

    /// Things worth telling the user that are not errors (a file holding a password that
    /// other users can read).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }
}

impl fmt::Display for Profile {
    /// One line per setting: `key: value (source)`; secrets as `***`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "settings: {}", self.describe_origin())?;
        writeln!(f, "authentication: {}", self.method)?;
        for (key, setting) in &self.settings {
            let value = match &setting.value {
                Value::Text(text) => text.as_str(),
                Value::Secret(_) => "***",
            };
            writeln!(f, "{key}: {value} ({})", setting.source)?;
        }
        Ok(())
    }
}
