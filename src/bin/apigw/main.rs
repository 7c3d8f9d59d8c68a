//! `apigw`: calls any operation of any service apigw knows from the command line; with no
//! endpoint configured, an embedded emulator answers.
//!
//! ```text
//! apigw --help                                     # the services
//! apigw apig --help                                # APIG's operations
//! apigw apig list-api-versions-v2 --instance-id demo --api-id demo
//! apigw apig list-api-versions-v2 --instance-id demo --api-id demo --limit 10 --all --output table
//! apigw --os-cloud otc ecs list-ecs-groups-v1   # a cloud of clouds.yaml (or OS_* variables)
//! apigw --os-cloud otc config                      # what the settings resolve to
//! apigw serve --port 8080                          # every service's emulator, at /<service>
//! apigw serve --port-per-service --ports-file p.json  # each at the root of a port of its own
//! apigw serve --service apig                       # APIG alone, at the root of port 8080
//! apigw serve --state state.json                   # what is created is kept in state.json
//! ```

mod call;
mod cloud;
mod command;
mod output;
mod services;

use std::io::Write as _;
use std::process::ExitCode;

use apigw_runtime::{Client, ConfigBuilder, Credentials, ServiceMeta};
use call::{Failure, Outcome};
use output::Format;
use services::SERVICES;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let named = command::named_service(&args, SERVICES);
    let operations = named.map(command::operations).unwrap_or_default();
    let matches = command::command(SERVICES, named.map(|s| (s, operations.as_slice())))
        .get_matches_from(args);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("apigw: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    runtime.block_on(run(named, &operations, &matches))
}

/// The specs of a service, as the emulator serves them.
fn specs(service: &ServiceMeta) -> Vec<apigw_spec::Spec> {
    command::operations(service)
        .into_iter()
        .map(|op| op.spec)
        .collect()
}

async fn serve(matches: &clap::ArgMatches) -> ExitCode {
    let port = matches.get_one::<u16>("port").copied().unwrap_or(8080);
    let ip = matches
        .get_one::<std::net::IpAddr>("bind")
        .copied()
        .unwrap_or(std::net::IpAddr::from([127, 0, 0, 1]));
    let chosen: Vec<&String> = matches
        .get_many::<String>("service")
        .map(|names| names.collect())
        .unwrap_or_default();
    // In the order of their names, so that each one's port from --port on is predictable.
    let mut served: Vec<&ServiceMeta> = SERVICES
        .iter()
        .copied()
        .filter(|s| chosen.is_empty() || chosen.iter().any(|name| *name == s.name))
        .collect();
    served.sort_by_key(|s| s.name);
    let layout = if chosen.is_empty() && !matches.get_flag("port-per-service") {
        apigw_emulator::Layout::Prefixed(std::net::SocketAddr::new(ip, port))
    } else {
        apigw_emulator::Layout::Hosts {
            ip,
            first_port: port,
        }
    };
    let services: Vec<(String, Vec<apigw_spec::Spec>)> = served
        .iter()
        .map(|s| (s.name.to_owned(), specs(s)))
        .collect();
    let count: usize = services.iter().map(|(_, specs)| specs.len()).sum();
    let identity = match identity(matches) {
        // Each service also under the types the cloud's catalog gives it (its service file's
        // `catalog`): `compute` for ECS, `identity` for IAM, as OpenStack's tools look for them
        // (IAM's too when it is not served but only issues tokens).
        Ok(identity) => identity.map(|identity| {
            SERVICES.iter().fold(identity, |identity, service| {
                service.catalog.iter().fold(identity, |identity, entry| {
                    identity.catalog_type(service.name, entry.service_type, entry.path)
                })
            })
        }),
        Err(code) => return code,
    };
    let emulator = match apigw_emulator::Emulator::with_layout(layout, services, identity).await {
        Ok(emulator) => emulator,
        Err(e) => {
            match layout {
                apigw_emulator::Layout::Prefixed(address) => {
                    eprintln!("apigw: cannot listen on {address}: {e}")
                }
                apigw_emulator::Layout::Hosts { .. } => eprintln!("apigw: {e}"),
            }
            return ExitCode::from(1);
        }
    };
    match layout {
        apigw_emulator::Layout::Prefixed(_) => eprintln!(
            "apigw: emulator of {} services ({count} operations) listening on {}; each service at {}/<service>, e.g. APIGW_ENDPOINT={}/{{service}}",
            served.len(),
            emulator.address(),
            emulator.url(),
            emulator.url(),
        ),
        apigw_emulator::Layout::Hosts { .. } => {
            eprintln!(
                "apigw: emulator of {} ({count} operations), each service at the root of a port of its own:",
                match served.as_slice() {
                    [one] => format!("{} service", one.name),
                    all => format!("{} services", all.len()),
                },
            );
            for name in emulator.services() {
                if let Some(url) = emulator.service_url(name) {
                    eprintln!("apigw:   {name} {url}");
                }
            }
        }
    }
    if let Some(iam) = matches
        .get_many::<String>("user")
        .and(emulator.service_url(apigw_iam::SERVICE.name))
    {
        eprintln!(
            "apigw: calls need a token: auth_url {iam}/v3 answers the --user accounts (clouds.yaml: auth.auth_url)"
        );
    }
    if let Some(file) = matches.get_one::<std::path::PathBuf>("state") {
        if let Err(e) = emulator.persist_state(file) {
            eprintln!("apigw: --state {}: {e}", file.display());
            return ExitCode::from(1);
        }
        eprintln!("apigw: state kept in {}", file.display());
    }
    if let Some(file) = matches.get_one::<std::path::PathBuf>("ports-file")
        && let Err(e) = write_ports_file(file, &emulator)
    {
        eprintln!("apigw: cannot write --ports-file {}: {e}", file.display());
        return ExitCode::from(1);
    }
    emulator.wait().await;
    ExitCode::SUCCESS
}

/// The identity service `apigw serve --user …` asks for (`None` without `--user`); exit code 2
/// for a `--user` that is not `NAME:PASSWORD:DOMAIN`.
fn identity(matches: &clap::ArgMatches) -> Result<Option<apigw_emulator::Identity>, ExitCode> {
    let Some(users) = matches.get_many::<String>("user") else {
        return Ok(None);
    };
    let region = matches
        .get_one::<String>("region")
        .map_or("eu-de", String::as_str);
    let lifetime = matches
        .get_one::<u64>("token-lifetime")
        .copied()
        .unwrap_or(86_400);
    let mut identity = apigw_emulator::Identity::new(apigw_iam::SERVICE.name, region)
        .token_lifetime(std::time::Duration::from_secs(lifetime));
    for user in users {
        let mut parts = user.splitn(3, ':');
        let (Some(name), Some(password), Some(domain)) = (parts.next(), parts.next(), parts.next())
        else {
            eprintln!("apigw: --user takes NAME:PASSWORD:DOMAIN");
            return Err(ExitCode::from(2));
        };
        identity = identity.user(apigw_emulator::User::new(name, password, domain));
    }
    Ok(Some(identity))
}

/// Writes each service's endpoint to `file` as a JSON object (`{"ecs": "http://…", …}`): to a
/// file beside it first, then renamed, so that a reader never sees half of it.
fn write_ports_file(
    file: &std::path::Path,
    emulator: &apigw_emulator::Emulator,
) -> std::io::Result<()> {
    let endpoints: serde_json::Map<String, serde_json::Value> = emulator
        .services()
        .filter_map(|name| Some((name.to_owned(), emulator.service_url(name)?.into())))
        .collect();
    let mut text = serde_json::to_string_pretty(&endpoints).map_err(std::io::Error::other)?;
    text.push('\n');
    let mut partial = file.as_os_str().to_owned();
    partial.push(".partial");
    std::fs::write(&partial, text)?;
    std::fs::rename(&partial, file)
}

async fn run(
    named: Option<&'static ServiceMeta>,
    operations: &[command::Operation],
    matches: &clap::ArgMatches,
) -> ExitCode {
    let Some((name, service_matches)) = matches.subcommand() else {
        return ExitCode::from(2);
    };
    if name == "serve" {
        return serve(service_matches).await;
    }
    if name == "config" {
        let global = |key: &str| matches.get_one::<String>(key).cloned();
        return cloud::show(&global, SERVICES).await;
    }
    let (Some(service), Some((op_name, sub))) = (named, service_matches.subcommand()) else {
        return ExitCode::from(2);
    };
    let Some(op) = operations.iter().find(|op| op.name == op_name) else {
        return ExitCode::from(2);
    };

    // Configuration: the cloud's settings (clouds.yaml, variables, options over both); no
    // cloud, endpoint or region means the embedded emulator.
    let global = |key: &str| {
        matches
            .get_one::<String>(key)
            .or_else(|| service_matches.get_one::<String>(key))
            .or_else(|| sub.get_one::<String>(key))
            .cloned()
    };
    let profile = cloud::loader(&global).resolve();
    let mut config = ConfigBuilder::from_env();
    if let Some(endpoint) = global("endpoint") {
        config = config.endpoint(endpoint);
    }
    if sub.get_flag_if_present("strict") {
        config = config.strict(true);
    }
    let mut emulator = None;
    let config = if cloud::located(&global, &profile, Some(service)) {
        let profile = match profile {
            Ok(profile) => profile,
            Err(error) => return cloud::failure(&error),
        };
        match cloud::connect(&profile, config).await {
            Ok(connection) => connection.into_config(),
            Err(code) => return code,
        }
    } else {
        let specs: Vec<_> = operations.iter().map(|op| op.spec.clone()).collect();
        let started = match apigw_emulator::Emulator::start_services([(
            service.name.to_owned(),
            specs,
        )])
        .await
        {
            Ok(started) => started,
            Err(e) => {
                eprintln!("apigw: cannot start the embedded emulator: {e}");
                return ExitCode::from(1);
            }
        };
        let url = started
            .service_url(service.name)
            .unwrap_or_else(|| started.url());
        eprintln!(
            "apigw: no cloud configured (--os-cloud, OS_CLOUD, --region, --endpoint, OS_REGION_NAME, OS_AUTH_URL, APIGW_ENDPOINT or {}): using the embedded {} emulator at {url}",
            service.endpoint_variable(),
            service.title,
        );
        emulator = Some(started);
        match config
            .service_endpoint(service.name, url)
            .project_id(apigw_emulator::PROJECT_ID)
            .credentials(Credentials::token("emulator-token"))
            .build()
        {
            Ok(config) => config,
            Err(e) => {
                eprintln!("apigw: {e}");
                return ExitCode::from(2);
            }
        }
    };
    let client = match Client::for_service(config, service) {
        Ok(client) => client,
        Err(e) => {
            eprintln!("apigw: {e}");
            return ExitCode::from(2);
        }
    };
    let format = if global("output").as_deref() == Some("table") {
        Format::Table
    } else {
        Format::Json
    };
    let outcome = if sub.get_flag_if_present("all") {
        call::call_all(op, sub, &client).await
    } else {
        call::call(op, sub, &client, None).await
    };
    drop(emulator);
    match outcome {
        Ok(Outcome::Json(value)) => {
            println!("{}", output::render(&value, format));
            ExitCode::SUCCESS
        }
        Ok(Outcome::Bytes(bytes)) => {
            let _ = std::io::stdout().write_all(&bytes);
            ExitCode::SUCCESS
        }
        Err(Failure::Usage(m)) => {
            eprintln!("apigw: {m}");
            ExitCode::from(2)
        }
        Err(Failure::Service(m)) => {
            eprintln!("{m}");
            ExitCode::from(3)
        }
        Err(Failure::Auth(m)) => {
            eprintln!("apigw: {m}");
            ExitCode::from(3)
        }
        Err(Failure::Transport(m)) => {
            eprintln!("apigw: {m}");
            ExitCode::from(4)
        }
        Err(Failure::Decode(m, body)) => {
            // The body as it came, then why it was refused: nothing is lost.
            let mut stdout = std::io::stdout();
            let _ = stdout.write_all(&body);
            if !body.ends_with(b"\n") {
                let _ = stdout.write_all(b"\n");
            }
            eprintln!("apigw: {m}");
            ExitCode::from(5)
        }
    }
}

trait FlagIfPresent {
    fn get_flag_if_present(&self, id: &str) -> bool;
}

impl FlagIfPresent for clap::ArgMatches {
    fn get_flag_if_present(&self, id: &str) -> bool {
        self.try_get_one::<bool>(id)
            .ok()
            .flatten()
            .copied()
            .unwrap_or(false)
    }
}
