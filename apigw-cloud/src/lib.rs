//! Connects apigw's clients to a cloud the way its users already do.
//!
//! The settings come from where the OpenStack tools (the `openstack` CLI, otcextensions,
//! Terraform, Ansible) find them, each source overriding the one before, key by key:
//!
//! 1. a cloud of `clouds.yaml` (chosen by `OS_CLOUD` or [`Loader::cloud`]), from the current
//!    folder, `~/.config/openstack/`, `/etc/openstack/` or `OS_CLIENT_CONFIG_FILE`, with the
//!    values of `secure.yaml` beside it winning over its own;
//! 2. the variables `OS_AUTH_URL`, `OS_USERNAME`, `OS_PASSWORD`, `OS_USER_DOMAIN_NAME` (or
//!    `OS_DOMAIN_NAME`), `OS_PROJECT_NAME` / `OS_PROJECT_ID`, `OS_REGION_NAME`,
//!    `OS_AUTH_TOKEN`, and `HUAWEICLOUD_SDK_AK` / `_SK` / `_SECURITY_TOKEN` (the
//!    [`Key`]s list them all);
//! 3. values set explicitly ([`Loader::set`]: command-line options, code).
//!
//! With a user and password, [`connect`] asks the identity service for a token through the
//! generated IAM client (`apigw-iam`), takes the project id from the token and each
//! service's endpoint from its catalog, and keeps the token renewed. With a token or an AK/SK
//! pair nothing is asked: the project id must be set, and endpoints follow the region.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let profile = apigw_cloud::Loader::from_env().cloud("otc").resolve()?;
//! let cloud = apigw_cloud::connect(&profile, apigw_runtime::Config::builder()).await?;
//! let ecs = apigw_ecs::Client::new(cloud.config().clone())?; // ECS at its catalog endpoint
//! let vpc = apigw_vpc::Client::new(cloud.into_config())?;    // one token for both
//! # Ok(()) }
//! ```
//!
//! Errors name the source and key of the setting at fault, never a secret; `Debug` and
//! `Display` of everything here show no password, token or secret key.
#![deny(missing_docs)]

mod catalog;
mod clouds;
mod error;
mod password;
mod settings;
mod time;

use apigw_runtime::{Config, ConfigBuilder, Credentials, Secret};
use serde_json::json;

pub use catalog::CatalogEndpoint;
pub use clouds::{ENV_CONFIG_FILE, ENV_SECURE_FILE};
pub use error::CloudError;
pub use settings::{ENV_CLOUD, Key, Loader, Method, Profile, Setting, Source, Value};

use password::{PasswordAuth, PasswordSettings};
use settings::Scope;

/// A client configuration for a cloud, and what was learnt connecting to it.
#[derive(Debug, Clone)]
pub struct Connection {
    config: Config,
    project_name: Option<String>,
    project_from: String,
    user: Option<String>,
    catalog: Vec<CatalogEndpoint>,
}

impl Connection {
    /// The configuration every service's client is built from.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The configuration, without the rest.
    pub fn into_config(self) -> Config {
        self.config
    }

    /// The project's id.
    pub fn project_id(&self) -> &str {
        self.config.project_id()
    }

    /// The project's name, when known.
    pub fn project_name(&self) -> Option<&str> {
        self.project_name.as_deref()
    }

    /// Where the project id comes from: `the token`, or the setting's source.
    pub fn project_from(&self) -> &str {
        &self.project_from
    }

    /// The user, when known (from the token, or the settings).
    pub fn user(&self) -> Option<&str> {
        self.user.as_deref()
    }

    /// The token's service catalog, in the region (empty without password authentication).
    pub fn catalog(&self) -> &[CatalogEndpoint] {
        &self.catalog
    }
}

/// Turns the settings into a client configuration: region, project, credentials and, with
/// password authentication, a first token, the project from it and the endpoints of its
/// catalog. `builder` brings everything else (timeouts, retries, endpoints set explicitly,
/// which win over the catalog's); its region, project and credentials are replaced.
///
/// # Errors
/// [`CloudError::Auth`] when the identity service refuses the password (kind
/// [`Rejected`](apigw_runtime::AuthErrorKind::Rejected), the message naming the settings,
/// the identity service and the user) or cannot be reached; [`CloudError::Missing`] for a
/// project id that token and AK/SK authentication need; [`CloudError::Config`] when the
/// result cannot work.
pub async fn connect(profile: &Profile, builder: ConfigBuilder) -> Result<Connection, CloudError> {
    let mut builder = builder;
    if let Some(region) = profile.region() {
        builder = builder.region(region);
    }
    let setting_project = || {
        profile
            .get(Key::ProjectId)
            .map(|s| (s.value.expose().to_owned(), s.source.to_string()))
    };
    let method = profile.method();
    let credentials = match method {
        Method::Password => return connect_with_password(profile, builder).await,
        Method::Token => Credentials::token(Secret::new(text(profile, Key::Token))),
        Method::AkSk => {
            let (ak, sk) = (text(profile, Key::AccessKey), text(profile, Key::SecretKey));
            match profile.get(Key::SecurityToken) {
                Some(token) => Credentials::temporary_aksk(
                    ak,
                    Secret::new(sk),
                    Secret::new(token.value.expose()),
                ),
                None => Credentials::aksk(ak, Secret::new(sk)),
            }
        }
    };
    let Some((project_id, project_from)) = setting_project() else {
        return Err(CloudError::Missing {
            key: Key::ProjectId,
            settings: profile.describe_origin(),
            because: format!(
                "{method} authentication does not tell the project; password authentication finds it from the project name"
            ),
        });
    };
    let config = builder
        .project_id(project_id)
        .credentials(credentials)
        .build()?;
    Ok(Connection {
        config,
        project_name: profile
            .get(Key::ProjectName)
            .map(|s| s.value.expose().to_owned()),
        project_from,
        user: None,
        catalog: Vec::new(),
    })
}

/// A setting that [`Profile`] has checked is there.
fn text(profile: &Profile, key: Key) -> String {
    profile
        .get(key)
        .map(|s| s.value.expose().to_owned())
        .unwrap_or_default()
}

async fn connect_with_password(
    profile: &Profile,
    mut builder: ConfigBuilder,
) -> Result<Connection, CloudError> {
    let auth_url = text(profile, Key::AuthUrl);
    let iam_base = catalog::base_url(&auth_url, None);
    let iam = apigw_iam::Client::new(
        Config::builder()
            .service_endpoint(apigw_iam::SERVICE.name, &iam_base)
            .credentials(Credentials::none())
            .no_project()
            .build()
            .map_err(|error| CloudError::Invalid {
                key: Key::AuthUrl,
                origin: profile
                    .get(Key::AuthUrl)
                    .map(|s| s.source.clone())
                    .expect("checked"),
                reason: error.to_string(),
            })?,
    )?;
    let domain = profile.domain();
    let user = match (profile.get(Key::UserId), profile.get(Key::Username)) {
        (Some(id), _) => json!({ "id": id.value.expose() }),
        (None, name) => json!({
            "name": name.map(|n| n.value.expose()).unwrap_or_default(),
            "domain": domain.clone().unwrap_or_default(),
        }),
    };
    let scope = profile.scope();
    let auth = PasswordAuth::new(PasswordSettings {
        client: iam,
        user,
        password: Secret::new(text(profile, Key::Password)),
        scope: scope.clone(),
        domain,
        origin: profile.describe_origin(),
        auth_url,
    });
    let token = auth.token().await?;
    let project = token.body.project.as_ref();
    let (project_id, project_from) = match (&scope, project.and_then(|p| p.id.clone())) {
        (_, Some(id)) => (id, "the token".to_owned()),
        (Scope::ProjectId(id), None) => (
            id.clone(),
            profile
                .get(Key::ProjectId)
                .map(|s| s.source.to_string())
                .unwrap_or_default(),
        ),
        _ => {
            return Err(CloudError::Missing {
                key: Key::ProjectName,
                settings: profile.describe_origin(),
                because: "the token names no project: without a project name, project id or region the token is for the domain only".into(),
            });
        }
    };
    let region = profile.region();
    let catalog = catalog::endpoints(
        token.body.catalog.as_deref().unwrap_or_default(),
        region,
        Some(&project_id),
    );
    for (service, endpoint) in catalog::by_service(&catalog) {
        builder = builder.catalog_endpoint(service, endpoint);
    }
    let config = builder
        .project_id(&project_id)
        .credentials(Credentials::custom(auth.clone()))
        .build()?;
    let user = token
        .body
        .user
        .as_ref()
        .and_then(|u| u.name.clone().or_else(|| u.id.clone()))
        .or_else(|| {
            profile
                .get(Key::Username)
                .map(|s| s.value.expose().to_owned())
        });
    Ok(Connection {
        config,
        project_name: project.and_then(|p| p.name.clone()).or(match scope {
            Scope::ProjectName(name) => Some(name),
            _ => None,
        }),
        project_from,
        user,
        catalog,
    })
}
