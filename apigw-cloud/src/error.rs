//! Why a cloud's settings cannot be used: each error names the source and the key, never a
//! secret.

use apigw_runtime::{AuthError, ConfigError};

use crate::settings::{Key, Source};

/// Settings that cannot work, or a connection that failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CloudError {
    /// A cloud is named but there is no `clouds.yaml`.
    #[error(
        "cloud `{cloud}` (from {named_by}) cannot be read: no clouds.yaml or clouds.yml in {searched}, and OS_CLIENT_CONFIG_FILE is not set"
    )]
    NoCloudsFile {
        /// The cloud's name.
        cloud: String,
        /// What named it (`OS_CLOUD`, `--os-cloud`).
        named_by: String,
        /// The folders searched.
        searched: String,
    },
    /// The `clouds.yaml` has no such cloud.
    #[error("cloud `{cloud}` (from {named_by}) is not in {file}; it has {}", if known.is_empty() { "no clouds".to_owned() } else { known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ") })]
    UnknownCloud {
        /// The cloud's name.
        cloud: String,
        /// What named it.
        named_by: String,
        /// The file read.
        file: String,
        /// The clouds it has.
        known: Vec<String>,
    },
    /// A file that cannot be read or parsed.
    #[error("cannot read {file}: {reason}")]
    File {
        /// The file, as shown to people.
        file: String,
        /// Why.
        reason: String,
    },
    /// One setting given two different values by one source, or by two names of one thing.
    #[error("contradictory `{key}`: {first} and {second} differ{values}")]
    Contradiction {
        /// The setting.
        key: Key,
        /// Where the first value comes from.
        first: Box<Source>,
        /// Where the second one comes from.
        second: Box<Source>,
        /// The two values (empty for secrets).
        values: String,
    },
    /// A value that cannot be used.
    #[error("invalid `{key}` ({origin}): {reason}")]
    Invalid {
        /// The setting.
        key: Key,
        /// Where its value comes from.
        origin: Source,
        /// Why.
        reason: String,
    },
    /// A setting that is needed but not set.
    #[error("{settings}: `{key}` is missing ({because}); set {}", key.where_to_set())]
    Missing {
        /// The setting.
        key: Key,
        /// Which settings were read (`cloud `test` (./clouds.yaml)`).
        settings: String,
        /// Why it is needed.
        because: String,
    },
    /// No credentials of any kind.
    #[error(
        "{settings}: no credentials: set a user and password (auth.username, auth.password, auth.user_domain_name, auth.auth_url in clouds.yaml, or OS_USERNAME, OS_PASSWORD, OS_USER_DOMAIN_NAME, OS_AUTH_URL), a token (OS_AUTH_TOKEN) or an access key and secret key (ak, sk in clouds.yaml, or HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK)"
    )]
    NoCredentials {
        /// Which settings were read.
        settings: String,
    },
    /// The identity service refused the credentials, or could not be asked.
    #[error(transparent)]
    Auth(#[from] AuthError),
    /// The client configuration that results cannot work.
    #[error(transparent)]
    Config(#[from] ConfigError),
}
