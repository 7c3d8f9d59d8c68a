//! Connecting to a cloud as its users configure it, against the emulator on loopback with an
//! identity service: clouds.yaml with a password, `OS_*` variables alone, token renewal under
//! concurrent calls (counted at the emulator), a wrong password, AK/SK from clouds.yaml.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use apigw_cloud::{CloudError, Key, Loader, Method, connect};
use apigw_emulator::{Emulator, Identity, PROJECT_ID, User};
use apigw_runtime::{AuthErrorKind, Config, ServiceMeta};

const USER: &str = "alice";
const PASSWORD: &str = "pw-very-secret-789";
const DOMAIN: &str = "OTC-EU-DE-00000000001000000001";
const REGION: &str = "eu-de";

fn specs(service: &ServiceMeta) -> Vec<apigw_spec::Spec> {
    service
        .operations
        .iter()
        .map(|op| apigw_spec::load(op.meta.id, op.spec).unwrap())
        .collect()
}

/// IAM, ECS and VPC with an identity service that knows [`USER`], tokens living `lifetime`.
async fn cloud(lifetime: Duration) -> Emulator {
    let identity = Identity::new("iam", REGION)
        .user(User::new(USER, PASSWORD, DOMAIN))
        .token_lifetime(lifetime);
    Emulator::start_cloud(
        [
            ("iam", specs(&apigw_iam::SERVICE)),
            ("ecs", specs(&apigw_ecs::SERVICE)),
            ("vpc", specs(&apigw_vpc::SERVICE)),
        ],
        identity,
    )
    .await
    .unwrap()
}

/// A folder of its own for one test's files.
fn folder(name: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "apigw-cloud-{}-{name}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A `clouds.yaml` in a folder of its own, with cloud `test` as `body` says (indented under it).
fn clouds_yaml(body: &str) -> PathBuf {
    let dir = folder("clouds");
    let indented: String = body.lines().map(|l| format!("    {l}\n")).collect();
    write_private(
        &dir.join("clouds.yaml"),
        &format!("clouds:\n  test:\n{indented}"),
    );
    dir
}

fn write_private(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
}

fn password_cloud(auth_url: &str, password: &str) -> String {
    format!(
        "auth:\n  auth_url: {auth_url}\n  username: {USER}\n  password: {password}\n  user_domain_name: {DOMAIN}\n  project_name: {REGION}\nregion_name: {REGION}\n"
    )
}

fn auth_url(emulator: &Emulator) -> String {
    format!("{}/v3", emulator.service_url("iam").unwrap())
}

fn loader(dir: &Path, vars: &[(&str, &str)]) -> Loader {
    Loader::from_vars(vars.iter().copied()).search_path([dir])
}

async fn list_ecs_and_vpc(config: &Config) {
    let ecs = apigw_ecs::Client::new(config.clone()).unwrap();
    let vpc = apigw_vpc::Client::new(config.clone()).unwrap();
    ecs.list_ecs_groups_v1().send().await.unwrap();
    vpc.list_vpc_peering_connections().send().await.unwrap();
}

#[tokio::test]
async fn clouds_yaml_with_a_password_gives_a_token_a_project_and_every_endpoint() {
    let emulator = cloud(Duration::from_secs(3600)).await;
    let dir = clouds_yaml(&password_cloud(&auth_url(&emulator), PASSWORD));
    let profile = loader(&dir, &[("OS_CLOUD", "test")]).resolve().unwrap();
    assert_eq!(profile.method(), Method::Password);
    assert_eq!(profile.cloud(), Some("test"));
    assert!(profile.warnings().is_empty(), "{:?}", profile.warnings());

    let connection = connect(&profile, Config::builder()).await.unwrap();
    assert_eq!(connection.project_id(), PROJECT_ID);
    assert_eq!(connection.project_from(), "the token");
    assert_eq!(connection.project_name(), Some(REGION));
    assert_eq!(connection.user(), Some(USER));
    let ecs = apigw_ecs::Client::new(connection.config().clone()).unwrap();
    assert_eq!(
        ecs.as_ref().base_url(),
        emulator.service_url("ecs").unwrap(),
        "ECS at its catalog endpoint"
    );
    list_ecs_and_vpc(connection.config()).await;
    assert_eq!(emulator.tokens_issued(), 1, "one token for both services");

    let shown = format!("{profile:?} {profile} {connection:?}");
    assert!(!shown.contains(PASSWORD), "{shown}");
    assert!(
        !shown.contains("emu-token"),
        "the token never shows: {shown}"
    );
}

#[tokio::test]
async fn os_variables_alone_are_enough() {
    let emulator = cloud(Duration::from_secs(3600)).await;
    let url = auth_url(&emulator);
    let empty = folder("empty");
    let profile = loader(
        &empty,
        &[
            ("OS_AUTH_URL", url.as_str()),
            ("OS_USERNAME", USER),
            ("OS_PASSWORD", PASSWORD),
            ("OS_DOMAIN_NAME", DOMAIN),
            ("OS_REGION_NAME", REGION),
        ],
    )
    .resolve()
    .unwrap();
    assert_eq!(profile.cloud(), None);
    let connection = connect(&profile, Config::builder()).await.unwrap();
    assert_eq!(
        connection.project_name(),
        Some(REGION),
        "no project given: the region's default project"
    );
    list_ecs_and_vpc(connection.config()).await;
}

/// 100 calls at once with a token that has to be renewed: each gets its answer, and the
/// identity service sees one more token request, not a hundred.
async fn hundred_calls(config: &Config) {
    let ecs = apigw_ecs::Client::new(config.clone()).unwrap();
    let calls = (0..100).map(|_| {
        let ecs = ecs.clone();
        tokio::spawn(async move { ecs.list_ecs_groups_v1().send().await })
    });
    for call in futures_util::future::join_all(calls).await {
        call.unwrap().unwrap();
    }
}

#[tokio::test]
async fn an_expired_token_is_renewed_once_for_a_hundred_concurrent_calls() {
    let emulator = cloud(Duration::from_millis(500)).await;
    let dir = clouds_yaml(&password_cloud(&auth_url(&emulator), PASSWORD));
    let profile = loader(&dir, &[("OS_CLOUD", "test")]).resolve().unwrap();
    let connection = connect(&profile, Config::builder()).await.unwrap();
    assert_eq!(emulator.tokens_issued(), 1);
    tokio::time::sleep(Duration::from_millis(700)).await; // the token has expired
    hundred_calls(connection.config()).await;
    assert_eq!(emulator.tokens_issued(), 2);
}

#[tokio::test]
async fn a_token_refused_with_401_is_renewed_once_for_a_hundred_concurrent_calls() {
    let emulator = cloud(Duration::from_secs(3600)).await;
    let dir = clouds_yaml(&password_cloud(&auth_url(&emulator), PASSWORD));
    let profile = loader(&dir, &[("OS_CLOUD", "test")]).resolve().unwrap();
    let connection = connect(&profile, Config::builder()).await.unwrap();
    emulator.revoke_tokens(); // valid by its time, refused by the service
    hundred_calls(connection.config()).await;
    assert_eq!(emulator.tokens_issued(), 2);
}

#[tokio::test]
async fn a_wrong_password_names_the_cloud_and_the_auth_url_and_not_the_password() {
    let emulator = cloud(Duration::from_secs(3600)).await;
    let url = auth_url(&emulator);
    let wrong = "wrong-pw-123456";
    let dir = clouds_yaml(&password_cloud(&url, wrong));
    let profile = loader(&dir, &[("OS_CLOUD", "test")]).resolve().unwrap();
    let err = connect(&profile, Config::builder()).await.unwrap_err();
    let CloudError::Auth(auth) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(auth.kind(), AuthErrorKind::Rejected);
    let message = err.to_string();
    assert!(message.contains("cloud `test`"), "{message}");
    assert!(message.contains(&url), "{message}");
    assert!(message.contains("user `alice`"), "{message}");
    assert!(message.contains("401"), "{message}");
    assert!(
        message.contains("The username or password is wrong."),
        "{message}"
    );
    assert!(!format!("{message} {err:?}").contains(wrong));
}

#[tokio::test]
async fn ak_sk_from_clouds_yaml_signs_every_request() {
    let emulator = cloud(Duration::from_secs(3600)).await;
    let dir = clouds_yaml(&format!(
        "ak: AK-FROM-YAML\nsk: sk-from-yaml-secret\nregion_name: {REGION}\nauth:\n  project_id: {PROJECT_ID}\n"
    ));
    let profile = loader(&dir, &[("OS_CLOUD", "test")]).resolve().unwrap();
    assert_eq!(profile.method(), Method::AkSk);
    let connection = connect(
        &profile,
        Config::builder().endpoint(format!("{}/{{service}}", emulator.url())),
    )
    .await
    .unwrap();
    let shown = format!("{:?}", connection.config());
    assert!(
        shown.contains("AkSkAuth") && shown.contains("AK-FROM-YAML"),
        "{shown}"
    );
    assert!(!shown.contains("sk-from-yaml-secret"), "{shown}");
    // The emulator takes a signature of the right shape (no token needed).
    list_ecs_and_vpc(connection.config()).await;
    assert_eq!(emulator.tokens_issued(), 0);
    assert_eq!(
        connection.project_from(),
        format!(
            "`auth.project_id` of cloud `test` in {}/clouds.yaml",
            dir.display()
        )
    );
}

#[test]
fn explicit_values_beat_variables_which_beat_files_and_secure_yaml_beats_clouds_yaml() {
    let dir = clouds_yaml(
        "region_name: eu-de\nauth:\n  auth_url: https://iam.example/v3\n  username: from-file\n  password: file-pw\n  user_domain_name: dom\n",
    );
    write_private(
        &dir.join("secure.yaml"),
        "clouds:\n  test:\n    auth:\n      password: secure-pw\n",
    );
    let base = || loader(&dir, &[("OS_CLOUD", "test"), ("OS_REGION_NAME", "eu-nl")]);

    let profile = base().resolve().unwrap();
    let region = profile.get(Key::Region).unwrap();
    assert_eq!(region.value.expose(), "eu-nl");
    assert_eq!(
        region.source.to_string(),
        "environment variable OS_REGION_NAME"
    );
    let password = profile.get(Key::Password).unwrap();
    assert_eq!(password.value.expose(), "secure-pw");
    assert!(
        password.source.to_string().ends_with("secure.yaml"),
        "{}",
        password.source
    );
    assert_eq!(
        profile.get(Key::Username).unwrap().source.to_string(),
        format!(
            "`auth.username` of cloud `test` in {}/clouds.yaml",
            dir.display()
        )
    );

    let profile = base()
        .set(Key::Region, "eu-ch2", "--region")
        .resolve()
        .unwrap();
    let region = profile.get(Key::Region).unwrap();
    assert_eq!(
        (region.value.expose(), region.source.to_string().as_str()),
        ("eu-ch2", "--region")
    );

    // --os-cloud wins over OS_CLOUD.
    let err = base().cloud("other").resolve().unwrap_err();
    assert!(
        err.to_string().contains("cloud `other` (from --os-cloud)"),
        "{err}"
    );

    // A token in the environment wins over the file's password (a higher source).
    let profile = loader(&dir, &[("OS_CLOUD", "test"), ("OS_AUTH_TOKEN", "tok-env")])
        .resolve()
        .unwrap();
    assert_eq!(profile.method(), Method::Token);
    // ... unless the settings say which to use.
    let profile = loader(
        &dir,
        &[
            ("OS_CLOUD", "test"),
            ("OS_AUTH_TOKEN", "tok-env"),
            ("OS_AUTH_TYPE", "password"),
        ],
    )
    .resolve()
    .unwrap();
    assert_eq!(profile.method(), Method::Password);

    let shown = format!("{profile} {profile:?}");
    for secret in ["secure-pw", "file-pw", "tok-env"] {
        assert!(!shown.contains(secret), "{shown}");
    }
    assert!(shown.contains("auth.password: *** ("), "{shown}");
}

#[test]
fn missing_and_contradictory_settings_name_their_source_and_key() {
    let empty = folder("none");
    let message = |vars: &[(&str, &str)]| loader(&empty, vars).resolve().unwrap_err().to_string();

    let m = message(&[("OS_CLOUD", "test")]);
    assert!(
        m.contains("cloud `test` (from OS_CLOUD)") && m.contains("no clouds.yaml"),
        "{m}"
    );

    let m = message(&[("HUAWEICLOUD_SDK_AK", "AK")]);
    assert!(
        m.contains("`sk` is missing") && m.contains("HUAWEICLOUD_SDK_SK"),
        "{m}"
    );

    let m = message(&[
        ("OS_USERNAME", "u"),
        ("OS_AUTH_URL", "http://x/v3"),
        ("OS_USER_DOMAIN_NAME", "d"),
    ]);
    assert!(
        m.contains("`auth.password` is missing") && m.contains("OS_PASSWORD"),
        "{m}"
    );

    let m = message(&[
        ("OS_USERNAME", "u"),
        ("OS_PASSWORD", "pw-hidden"),
        ("OS_AUTH_URL", "http://x/v3"),
    ]);
    assert!(m.contains("`auth.user_domain_name` is missing"), "{m}");

    let m = message(&[
        ("OS_USERNAME", "u"),
        ("OS_PASSWORD", "pw-hidden"),
        ("OS_AUTH_URL", "http://x/v3"),
        ("OS_USER_DOMAIN_NAME", "dom-a"),
        ("OS_DOMAIN_NAME", "dom-b"),
    ]);
    assert_eq!(
        m,
        "contradictory `auth.user_domain_name`: environment variable OS_USER_DOMAIN_NAME and environment variable OS_DOMAIN_NAME differ: `dom-a` and `dom-b`"
    );
    assert!(!m.contains("pw-hidden"));

    let m = message(&[
        ("OS_PROJECT_ID", "p1"),
        ("HUAWEICLOUD_SDK_PROJECT_ID", "p2"),
        ("OS_AUTH_TOKEN", "t"),
    ]);
    assert!(
        m.contains("contradictory `auth.project_id`") && m.contains("`p2` and `p1`"),
        "{m}"
    );

    let m = message(&[("OS_AUTH_TOKEN", "t"), ("OS_AUTH_TYPE", "kerberos")]);
    assert!(
        m.contains("invalid `auth_type` (environment variable OS_AUTH_TYPE)")
            && m.contains("kerberos"),
        "{m}"
    );

    let m = message(&[
        ("OS_AUTH_TOKEN", "t"),
        ("HUAWEICLOUD_SDK_SECURITY_TOKEN", "sts"),
    ]);
    assert!(
        m.contains("invalid `security_token`") && !m.contains("sts`"),
        "{m}"
    );

    let m = message(&[]);
    assert!(m.contains("no credentials"), "{m}");

    let dir = clouds_yaml("auth:\n  username: u\n");
    let m = loader(&dir, &[("OS_CLOUD", "prod")])
        .resolve()
        .unwrap_err()
        .to_string();
    assert!(
        m.contains("cloud `prod` (from OS_CLOUD) is not in") && m.contains("it has `test`"),
        "{m}"
    );
}

#[tokio::test]
async fn token_and_ak_sk_need_a_project_id() {
    let empty = folder("project");
    let profile = loader(
        &empty,
        &[("OS_AUTH_TOKEN", "t"), ("OS_REGION_NAME", REGION)],
    )
    .resolve()
    .unwrap();
    let m = connect(&profile, Config::builder())
        .await
        .unwrap_err()
        .to_string();
    assert!(
        m.contains("`auth.project_id` is missing") && m.contains("OS_PROJECT_ID"),
        "{m}"
    );
}

#[cfg(unix)]
#[test]
fn a_password_in_a_file_others_can_read_is_warned_about() {
    use std::os::unix::fs::PermissionsExt;
    let dir = clouds_yaml(
        "auth:\n  auth_url: http://x/v3\n  username: u\n  password: pw\n  user_domain_name: d\n",
    );
    let file = dir.join("clouds.yaml");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let profile = loader(&dir, &[("OS_CLOUD", "test")]).resolve().unwrap();
    assert_eq!(profile.warnings().len(), 1, "{:?}", profile.warnings());
    assert!(profile.warnings()[0].contains("other users can read it (mode 644)"));

    let dir = clouds_yaml("auth:\n  auth_url: http://x/v3\n  username: u\n  user_domain_name: d\n");
    std::fs::set_permissions(
        dir.join("clouds.yaml"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    let profile = loader(&dir, &[("OS_CLOUD", "test"), ("OS_PASSWORD", "pw")])
        .resolve()
        .unwrap();
    assert!(
        profile.warnings().is_empty(),
        "no secret in the file: {:?}",
        profile.warnings()
    );
}

#[tokio::test]
async fn an_auth_url_that_is_not_a_url_names_its_source() {
    let empty = folder("url");
    let profile = loader(
        &empty,
        &[
            ("OS_AUTH_URL", "iam.example/v3"),
            ("OS_USERNAME", USER),
            ("OS_PASSWORD", PASSWORD),
            ("OS_USER_DOMAIN_NAME", DOMAIN),
        ],
    )
    .resolve()
    .unwrap();
    let m = connect(&profile, Config::builder())
        .await
        .unwrap_err()
        .to_string();
    assert!(
        m.starts_with("invalid `auth.auth_url` (environment variable OS_AUTH_URL): ")
            && m.contains("iam.example"),
        "{m}"
    );
}
