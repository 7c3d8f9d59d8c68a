//! Which cloud the command line talks to: the settings (`clouds.yaml`, variables, options)
//! through `apigw-cloud`, and `apigw config`, which shows what they resolve to.

use std::process::ExitCode;

use apigw_cloud::{CloudError, Connection, Key, Loader, Profile};
use apigw_runtime::{AuthErrorKind, ConfigBuilder, ServiceMeta};

/// The options that set a cloud setting, with the key each sets.
const OPTIONS: &[(&str, Key)] = &[
    ("region", Key::Region),
    ("project-id", Key::ProjectId),
    ("token", Key::Token),
    ("ak", Key::AccessKey),
    ("sk", Key::SecretKey),
];

/// The settings: the environment, `--os-cloud`, and the options over both.
pub fn loader(global: &dyn Fn(&str) -> Option<String>) -> Loader {
    let mut loader = Loader::from_env();
    if let Some(cloud) = global("os-cloud") {
        loader = loader.cloud(cloud);
    }
    for (option, key) in OPTIONS {
        if let Some(value) = global(option) {
            loader = loader.set(*key, value, format!("--{option}"));
        }
    }
    loader
}

/// Whether the settings say where a cloud is: a cloud named, a region or an identity
/// service, or an endpoint (option or variable) for `service` (all when `None`). Without
/// one, the embedded emulator answers.
pub fn located(
    global: &dyn Fn(&str) -> Option<String>,
    profile: &Result<Profile, CloudError>,
    service: Option<&ServiceMeta>,
) -> bool {
    let env_set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    let named = global("os-cloud").is_some() || env_set(apigw_cloud::ENV_CLOUD);
    let endpoint = global("endpoint").is_some()
        || env_set(apigw_runtime::env::ENV_ENDPOINT)
        || service.is_some_and(|s| env_set(&s.endpoint_variable()));
    let placed = profile
        .as_ref()
        .is_ok_and(|p| p.region().is_some() || p.auth_url().is_some());
    named || endpoint || placed
}

/// A failure to use the settings, printed, as its exit code: 3 when the identity service
/// refused the credentials, 4 when it could not be reached, 2 otherwise (nothing was sent).
pub fn failure(error: &CloudError) -> ExitCode {
    eprintln!("apigw: {error}");
    match error {
        CloudError::Auth(auth) if auth.kind() == AuthErrorKind::Rejected => ExitCode::from(3),
        CloudError::Auth(_) => ExitCode::from(4),
        _ => ExitCode::from(2),
    }
}

/// Prints the warnings of the settings (a file holding a password others can read).
pub fn warn(profile: &Profile) {
    for warning in profile.warnings() {
        eprintln!("apigw: warning: {warning}");
    }
}

/// The settings, connected: a token obtained with a password, the project and endpoints.
pub async fn connect(profile: &Profile, builder: ConfigBuilder) -> Result<Connection, ExitCode> {
    warn(profile);
    apigw_cloud::connect(profile, builder)
        .await
        .map_err(|e| failure(&e))
}

/// `apigw config`: the settings and what they resolve to, for every service; no secret.
pub async fn show(
    global: &dyn Fn(&str) -> Option<String>,
    services: &[&'static ServiceMeta],
) -> ExitCode {
    let profile = loader(global).resolve();
    if !located(global, &profile, None) {
        println!(
            "no cloud configured (no --os-cloud / OS_CLOUD, region, auth URL or endpoint): calls go to the embedded emulator"
        );
        return ExitCode::SUCCESS;
    }
    let profile = match profile {
        Ok(profile) => profile,
        Err(error) => return failure(&error),
    };
    let mut builder = ConfigBuilder::from_env();
    if let Some(endpoint) = global("endpoint") {
        builder = builder.endpoint(endpoint);
    }
    let connection = match connect(&profile, builder).await {
        Ok(connection) => connection,
        Err(code) => return code,
    };
    print!("{profile}");
    println!("user: {}", connection.user().unwrap_or("(not known)"));
    println!(
        "project: {}{} (from {})",
        connection.project_id(),
        connection
            .project_name()
            .map(|n| format!(", {n}"))
            .unwrap_or_default(),
        connection.project_from()
    );
    println!(
        "region: {}",
        connection.config().region().unwrap_or("(none)")
    );
    println!("endpoints:");
    let mut services = services.to_vec();
    services.sort_by_key(|s| s.name);
    for service in services {
        let from_catalog = |url: &str| {
            connection
                .catalog()
                .iter()
                .any(|e| e.base.trim_end_matches('/') == url.trim_end_matches('/'))
        };
        match connection.config().endpoint_for(service) {
            Ok(url) => {
                let url = url.as_str().trim_end_matches('/');
                let note = if from_catalog(url) { " (catalog)" } else { "" };
                println!("  {:<6} {url}{note}", service.name);
            }
            Err(error) => println!("  {:<6} none: {error}", service.name),
        }
    }
    ExitCode::SUCCESS
}
