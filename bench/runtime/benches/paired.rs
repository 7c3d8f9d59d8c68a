//! The runtime benchmarks, paired: generated code against hand-written code in alternating
//! rounds of one run (see the `apigw_bench_runtime` docs and BENCHMARKS.md).
//!
//! `cargo bench -p apigw-bench-runtime` runs every pair; `... -- decode` only those whose
//! name contains `decode`. `APIGW_BENCH_ROUNDS` and `APIGW_BENCH_ROUND_MS` change the rounds
//! per pair (201) and the time of one side of a round (10 ms; 40 ms end to end).
//! `APIGW_BENCH_ONLY=first` (generated) or `second` (hand-written) runs one side only,
//! `APIGW_BENCH_ROUNDS` times, for a profiler (`valgrind --tool=callgrind`).
//!
//! - decode: a ListApiVersionsV2 and a ListEndpointConnections body of 500 items into the
//!   generated types (`RawResponse::json`, what a generated `send()` does with a 2xx) and into
//!   hand-written serde structs; and a drifted body (every item has a number in a string)
//!   against the conforming one, both decoded by the generated code;
//! - build: a request with encoded path segments and a query, generated builder against
//!   `format!` + percent-encoding;
//! - end to end: calls against a loopback HTTP server in this process answering a 20-item
//!   body, with 1 and with 64 concurrent callers, through the generated client and through
//!   hand-written reqwest code with the same reqwest settings.

use std::hint::black_box;
use std::time::Duration;

use apigw_apig::operation::list_api_versions_v2::ListApiVersionsV2Response;
use apigw_apig::operation::list_endpoint_connections::ListEndpointConnectionsResponse;
use apigw_apig::runtime::{RawResponse, StatusCode, header::HeaderMap};
use apigw_apig::{Client, Config, Credentials};
use apigw_bench_runtime::{
    Clock, Only, Outcome, Settings, baseline, bodies, compare, format_ns, server,
};
use bytes::Bytes;
use futures_util::StreamExt;

/// A pair's name, what its ratio divides, and what it measured.
struct Row {
    name: String,
    sides: &'static str,
    outcome: Outcome,
}

fn main() {
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with("--"))
        .collect();
    let wanted = |name: &str| filters.is_empty() || filters.iter().any(|f| name.contains(f));
    let env = |name: &str, default: u64| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(default)
    };
    let rounds = env("APIGW_BENCH_ROUNDS", 201) as usize;
    let round_ms = env("APIGW_BENCH_ROUND_MS", 0);
    let only = match std::env::var("APIGW_BENCH_ONLY").as_deref() {
        Ok("first") => Some(Only::First),
        Ok("second") => Some(Only::Second),
        _ => None,
    };
    let settings = |default_ms: u64| Settings {
        rounds,
        round_time: Duration::from_millis(if round_ms > 0 { round_ms } else { default_ms }),
        only,
        ..Settings::default()
    };
    // End to end, the work is spread over the client's runtime threads and the server's.
    let settings_e2e = || Settings {
        clock: Clock::Process,
        ..settings(40)
    };

    let mut rows = Vec::new();
    let mut run = |name: String, sides: &'static str, measure: &mut dyn FnMut() -> Outcome| {
        if wanted(&name) {
            let outcome = measure();
            eprintln!(
                "{name}: CPU ratio {:.3} (IQR {:.3}–{:.3}), wall {:.3} (IQR {:.3}–{:.3})",
                outcome.ratio.median,
                outcome.ratio.q1,
                outcome.ratio.q3,
                outcome.wall_ratio.median,
                outcome.wall_ratio.q1,
                outcome.wall_ratio.q3,
            );
            rows.push(Row {
                name,
                sides,
                outcome,
            });
        }
    };

    // ---- decoding ----
    let versions = Bytes::from(bodies::versions(500));
    let connections = Bytes::from(bodies::connections(500));
    let versions_drifted = Bytes::from(bodies::drift(&versions));
    let connections_drifted = Bytes::from(bodies::drift(&connections));
    run(
        "decode ListApiVersionsV2, 500 items".into(),
        "generated ÷ hand-written",
        &mut || {
            compare(
                settings(10),
                &mut |n| (0..n).for_each(|_| decode_versions(&versions, 0)),
                &mut |n| {
                    (0..n).for_each(|_| {
                        black_box(
                            serde_json::from_slice::<baseline::Versions>(black_box(&versions))
                                .unwrap(),
                        );
                    })
                },
            )
        },
    );
    run(
        "decode ListEndpointConnections, 500 items".into(),
        "generated ÷ hand-written",
        &mut || {
            compare(
                settings(10),
                &mut |n| (0..n).for_each(|_| decode_connections(&connections, 0)),
                &mut |n| {
                    (0..n).for_each(|_| {
                        black_box(
                            serde_json::from_slice::<baseline::Connections>(black_box(
                                &connections,
                            ))
                            .unwrap(),
                        );
                    })
                },
            )
        },
    );
    run(
        "decode ListApiVersionsV2, 500 items, every item drifted".into(),
        "drifted ÷ conforming",
        &mut || {
            compare(
                settings(10),
                &mut |n| (0..n).for_each(|_| decode_versions(&versions_drifted, 500)),
                &mut |n| (0..n).for_each(|_| decode_versions(&versions, 0)),
            )
        },
    );
    run(
        "decode ListEndpointConnections, 500 items, every item drifted".into(),
        "drifted ÷ conforming",
        &mut || {
            compare(
                settings(10),
                &mut |n| (0..n).for_each(|_| decode_connections(&connections_drifted, 500)),
                &mut |n| (0..n).for_each(|_| decode_connections(&connections, 0)),
            )
        },
    );

    // ---- building a request ----
    let offline = Client::new(
        Config::builder()
            .endpoint("http://127.0.0.1:1")
            .project_id("proj-1")
            .credentials(Credentials::token("t"))
            .build()
            .unwrap(),
    )
    .unwrap();
    run(
        "build a request (2 encoded path segments, 3 query values, range check)".into(),
        "generated ÷ hand-written",
        &mut || {
            compare(
                settings(10),
                &mut |n| {
                    (0..n).for_each(|_| {
                        black_box(
                            offline
                                .list_api_versions_v2(black_box("gw/1"), black_box("api 1"))
                                .env_name("RELEASE")
                                .offset(100)
                                .limit(50)
                                .build()
                                .unwrap(),
                        );
                    })
                },
                &mut |n| {
                    (0..n).for_each(|_| {
                        black_box(baseline::versions_path(
                            black_box("proj-1"),
                            black_box("gw/1"),
                            black_box("api 1"),
                            black_box(100),
                            black_box(50),
                        ));
                    })
                },
            )
        },
    );

    // ---- end to end ----
    let server = server::Server::start(Bytes::from(bodies::versions(20)));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let (connect_timeout, timeout) = (Duration::from_secs(10), Duration::from_secs(60));
    let user_agent = "apigw-bench";
    let generated = Client::new(
        Config::builder()
            .endpoint(server.base())
            .project_id("proj-1")
            .credentials(Credentials::token("tok"))
            .connect_timeout(connect_timeout)
            .timeout(timeout)
            .user_agent(user_agent)
            .build()
            .unwrap(),
    )
    .unwrap();
    // The reqwest settings the generated client makes from its configuration.
    let hand = reqwest::Client::builder()
        .connect_timeout(connect_timeout)
        .timeout(timeout)
        .user_agent(user_agent)
        .build()
        .unwrap();
    let url = format!(
        "{}/v2/proj-1/apigw/instances/gw/apis/publish/api",
        server.base()
    );
    for callers in [1usize, 64] {
        run(
            format!("end to end, {callers} caller(s), 20-item body"),
            "generated ÷ hand-written",
            &mut || {
                let (generated, hand, url) = (&generated, &hand, &url);
                compare(
                    settings_e2e(),
                    &mut |n| {
                        runtime.block_on(
                            futures_util::stream::iter(0..n)
                                .map(move |_| async move {
                                    generated
                                        .list_api_versions_v2("gw", "api")
                                        .send()
                                        .await
                                        .unwrap()
                                })
                                .buffer_unordered(callers)
                                .for_each(|r| async move {
                                    black_box(r);
                                }),
                        )
                    },
                    &mut |n| {
                        runtime.block_on(
                            futures_util::stream::iter(0..n)
                                .map(move |_| async move {
                                    let response = hand
                                        .get(url)
                                        .header("X-Auth-Token", "tok")
                                        .header("Accept", "application/json")
                                        .send()
                                        .await
                                        .unwrap();
                                    assert!(response.status().is_success());
                                    let bytes = response.bytes().await.unwrap();
                                    serde_json::from_slice::<baseline::Versions>(&bytes).unwrap()
                                })
                                .buffer_unordered(callers)
                                .for_each(|r| async move {
                                    black_box(r);
                                }),
                        )
                    },
                )
            },
        );
    }
    drop(server);

    println!(
        "| benchmark | ratio of | CPU time: median ratio | IQR (q1–q3) | first / second side, CPU per iteration | wall clock: median ratio | IQR | rounds × iterations |"
    );
    println!("|---|---|---:|---|---|---:|---|---|");
    for Row {
        name,
        sides,
        outcome,
    } in &rows
    {
        let (cpu, wall) = (outcome.ratio, outcome.wall_ratio);
        println!(
            "| {name} | {sides} | **{:.3}** | {:.3}–{:.3} ({:.3}) | {} / {} | {:.3} | {:.3}–{:.3} ({:.3}) | {} × {} |",
            cpu.median,
            cpu.q1,
            cpu.q3,
            cpu.iqr(),
            format_ns(outcome.a_ns.median),
            format_ns(outcome.b_ns.median),
            wall.median,
            wall.q1,
            wall.q3,
            wall.iqr(),
            outcome.rounds,
            outcome.iterations,
        );
    }
}

/// Decodes a ListApiVersionsV2 body as a generated `send()` does a 2xx.
fn decode_versions(body: &Bytes, deviations: usize) {
    let response = raw(body).json::<ListApiVersionsV2Response>().unwrap();
    assert!(response.deviations().len() >= deviations);
    black_box(response);
}

/// Decodes a ListEndpointConnections body as a generated `send()` does a 2xx.
fn decode_connections(body: &Bytes, deviations: usize) {
    let response = raw(body).json::<ListEndpointConnectionsResponse>().unwrap();
    assert!(response.deviations().len() >= deviations);
    black_box(response);
}

/// The response the client would have received (the body shared, not copied).
fn raw(body: &Bytes) -> RawResponse {
    RawResponse::new("Bench", StatusCode::OK, HeaderMap::new(), body.clone())
}
