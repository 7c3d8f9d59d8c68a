//! The command line with only a `clouds.yaml` (or `OS_*` variables), as a user runs it: a
//! subprocess in a folder of its own, with a clean environment, against the emulator with an
//! identity service on loopback.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use apigw_emulator::{Emulator, Identity, PROJECT_ID, User};
use serde_json::Value;
use support::specs;

const USER: &str = "alice";
const PASSWORD: &str = "pw-cli-secret-321";
const DOMAIN: &str = "OTC-EU-DE-00000000001000000001";

async fn cloud() -> Emulator {
    Emulator::start_cloud(
        [
            ("iam", specs(&apigw_iam::SERVICE)),
            ("ecs", specs(&apigw_ecs::SERVICE)),
            ("vpc", specs(&apigw_vpc::SERVICE)),
        ],
        Identity::new("iam", "eu-de").user(User::new(USER, PASSWORD, DOMAIN)),
    )
    .await
    .unwrap()
}

/// A folder of its own holding `clouds.yaml` with cloud `test` (user, password, domain,
/// project, region, auth URL), readable by its owner only.
fn folder_with_clouds_yaml(auth_url: &str, password: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "apigw-cli-cloud-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("clouds.yaml");
    std::fs::write(
        &file,
        format!(
            "clouds:\n  test:\n    auth:\n      auth_url: {auth_url}\n      username: {USER}\n      password: {password}\n      user_domain_name: {DOMAIN}\n      project_name: eu-de\n    region_name: eu-de\n"
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    dir
}

/// `apigw args` in `dir`, with nothing in the environment but `HOME` (that folder) and `vars`.
async fn apigw(dir: &Path, vars: &[(&str, &str)], args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_apigw"));
    command
        .args(args)
        .current_dir(dir)
        .env_clear()
        .env("HOME", dir)
        .envs(vars.iter().copied());
    tokio::task::spawn_blocking(move || command.output().unwrap())
        .await
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn auth_url(emulator: &Emulator) -> String {
    format!("{}/v3", emulator.service_url("iam").unwrap())
}

#[tokio::test(flavor = "multi_thread")]
async fn with_only_clouds_yaml_two_services_answer() {
    let emulator = cloud().await;
    let dir = folder_with_clouds_yaml(&auth_url(&emulator), PASSWORD);
    for (args, items) in [
        (
            ["--os-cloud", "test", "ecs", "list-ecs-groups-v1"],
            "server_groups",
        ),
        (
            ["--os-cloud", "test", "vpc", "list-vpc-peering-connections"],
            "peerings",
        ),
    ] {
        let out = apigw(&dir, &[], &args).await;
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(
            !text(&out.stderr).contains("emulator at"),
            "{}",
            text(&out.stderr)
        );
        let body: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(body[items].is_array(), "{args:?}: {body}");
    }
    assert_eq!(emulator.tokens_issued(), 2, "one token per run");

    // OS_CLOUD names the cloud as well as --os-cloud does.
    let out = apigw(
        &dir,
        &[("OS_CLOUD", "test")],
        &["ecs", "list-ecs-groups-v1"],
    )
    .await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[tokio::test(flavor = "multi_thread")]
async fn os_variables_alone_are_enough() {
    let emulator = cloud().await;
    let url = auth_url(&emulator);
    let dir = folder_with_clouds_yaml("http://unused.invalid/v3", "unused");
    std::fs::remove_file(dir.join("clouds.yaml")).unwrap();
    let vars = [
        ("OS_AUTH_URL", url.as_str()),
        ("OS_USERNAME", USER),
        ("OS_PASSWORD", PASSWORD),
        ("OS_USER_DOMAIN_NAME", DOMAIN),
        ("OS_PROJECT_NAME", "eu-de"),
        ("OS_REGION_NAME", "eu-de"),
    ];
    let out = apigw(&dir, &vars, &["vpc", "list-vpc-peering-connections"]).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[tokio::test(flavor = "multi_thread")]
async fn config_shows_what_was_resolved_and_no_secret() {
    let emulator = cloud().await;
    let dir = folder_with_clouds_yaml(&auth_url(&emulator), PASSWORD);
    let out = apigw(
        &dir,
        &[("OS_REGION_NAME", "eu-nl")],
        &["--os-cloud", "test", "--region", "eu-de", "config"],
    )
    .await;
    let shown = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}{shown}", text(&out.stderr));
    for line in [
        "settings: cloud `test` (./clouds.yaml)",
        "authentication: password",
        "auth.password: *** (`auth.password` of cloud `test` in ./clouds.yaml)",
        "region_name: eu-de (--region)",
        "user: alice",
        &format!("project: {PROJECT_ID}, eu-de (from the token)"),
        &format!(
            "  ecs    {} (catalog)",
            emulator.service_url("ecs").unwrap()
        ),
        &format!(
            "  vpc    {} (catalog)",
            emulator.service_url("vpc").unwrap()
        ),
        "  apig   https://apig.eu-de.otc.t-systems.com",
    ] {
        assert!(
            shown.lines().any(|l| l == line),
            "no line {line:?} in\n{shown}"
        );
    }
    assert!(
        !shown.contains(PASSWORD) && !shown.contains("emu-token"),
        "{shown}"
    );

    // The variable wins over the file when no option is given.
    let out = apigw(
        &dir,
        &[("OS_REGION_NAME", "eu-nl")],
        &["--os-cloud", "test", "config"],
    )
    .await;
    let shown = text(&out.stdout);
    assert!(
        shown.contains("region_name: eu-nl (environment variable OS_REGION_NAME)"),
        "{shown}{}",
        text(&out.stderr)
    );
    assert!(
        shown.contains("  ecs    https://ecs.eu-nl.otc.t-systems.com"),
        "not in the token's catalog for eu-nl: {shown}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_password_is_exit_3_naming_the_cloud_and_the_auth_url() {
    let emulator = cloud().await;
    let url = auth_url(&emulator);
    let dir = folder_with_clouds_yaml(&url, "not-the-password");
    let out = apigw(
        &dir,
        &[],
        &["--os-cloud", "test", "ecs", "list-ecs-groups-v1"],
    )
    .await;
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("cloud `test` (./clouds.yaml)"), "{stderr}");
    assert!(
        stderr.contains(&url) && stderr.contains("refused the password of user `alice`"),
        "{stderr}"
    );
    assert!(!stderr.contains("not-the-password"), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unknown_cloud_is_a_usage_error() {
    let emulator = cloud().await;
    let dir = folder_with_clouds_yaml(&auth_url(&emulator), PASSWORD);
    let out = apigw(
        &dir,
        &[],
        &["--os-cloud", "prod", "ecs", "list-ecs-groups-v1"],
    )
    .await;
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("cloud `prod` (from --os-cloud) is not in ./clouds.yaml; it has `test`"),
        "{stderr}"
    );
    assert_eq!(emulator.tokens_issued(), 0);
}
