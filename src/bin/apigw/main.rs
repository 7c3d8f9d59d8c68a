//! `apigw`: calls any APIG operation from the command line; with no endpoint configured, an
//! embedded emulator answers.
//!
//! ```text
//! apigw list-api-versions-v2 --instance-id demo --api-id demo
//! apigw list-api-versions-v2 --instance-id demo --api-id demo --limit 10 --all --output table
//! apigw serve --port 8080
//! ```

mod call;
mod command;
mod output;

use std::io::Write as _;
use std::process::ExitCode;

use apigw::{Client, ConfigBuilder, Credentials};
use call::{Failure, Outcome};
use output::Format;

fn main() -> ExitCode {
    let operations = command::operations();
    let matches = command::command(&operations).get_matches();
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
    runtime.block_on(run(&operations, &matches))
}

fn specs(operations: &[command::Operation]) -> Vec<apigw_spec::Spec> {
    operations.iter().map(|op| op.spec.clone()).collect()
}

async fn run(operations: &[command::Operation], matches: &clap::ArgMatches) -> ExitCode {
    let Some((name, sub)) = matches.subcommand() else {
        return ExitCode::from(2);
    };
    if name == "serve" {
        let port = sub.get_one::<u16>("port").copied().unwrap_or(8080);
        let address = std::net::SocketAddr::from(([0, 0, 0, 0], port));
        return match apigw_emulator::Emulator::bind(address, specs(operations)).await {
            Ok(emulator) => {
                eprintln!(
                    "apigw: APIG emulator of {} operations listening on {}",
                    operations.len(),
                    emulator.address()
                );
                emulator.wait().await;
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("apigw: cannot listen on port {port}: {e}");
                ExitCode::from(1)
            }
        };
    }
    let Some(op) = operations.iter().find(|op| op.name == name) else {
        return ExitCode::from(2);
    };

    // Configuration: options over the environment; no endpoint means the embedded emulator.
    let global = |key: &str| {
        matches
            .get_one::<String>(key)
            .or_else(|| sub.get_one::<String>(key))
            .cloned()
    };
    let mut config = ConfigBuilder::from_env();
    let mut emulator = None;
    let endpoint = global("endpoint").or_else(|| {
        std::env::var("APIGW_ENDPOINT")
            .ok()
            .filter(|e| !e.is_empty())
    });
    match endpoint {
        Some(endpoint) => config = config.endpoint(endpoint),
        None => match apigw_emulator::Emulator::start(specs(operations)).await {
            Ok(started) => {
                eprintln!(
                    "apigw: no endpoint configured (--endpoint or APIGW_ENDPOINT): using the embedded APIG emulator at {}",
                    started.url()
                );
                config = config
                    .endpoint(started.url())
                    .project_id("emulator-project")
                    .credentials(Credentials::token("emulator-token"));
                emulator = Some(started);
            }
            Err(e) => {
                eprintln!("apigw: cannot start the embedded emulator: {e}");
                return ExitCode::from(1);
            }
        },
    }
    if let Some(project) = global("project-id") {
        config = config.project_id(project);
    }
    match (global("token"), global("ak"), global("sk")) {
        (_, Some(ak), Some(sk)) => config = config.credentials(Credentials::aksk(ak, sk)),
        (Some(token), _, _) => config = config.credentials(Credentials::token(token)),
        (_, Some(_), None) | (_, None, Some(_)) => {
            eprintln!("apigw: --ak and --sk go together");
            return ExitCode::from(2);
        }
        _ => {}
    }
    let client = match config.build().and_then(Client::new) {
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
        Err(Failure::Transport(m)) => {
            eprintln!("apigw: {m}");
            ExitCode::from(4)
        }
        Err(Failure::Decode(m)) => {
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
