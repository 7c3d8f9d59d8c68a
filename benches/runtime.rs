//! Runtime benchmarks: the generated code against careful hand-written code doing the same
//! work, measured in the same run (`cargo bench --bench runtime`; BENCHMARKS.md has figures).
//!
//! - decode: a ListApiVersionsV2 and a ListEndpointConnections body of 500 items, into the
//!   generated types, into hand-written serde structs, into `serde_json::Value`;
//! - build: a request with encoded path segments and a query, with the generated builder and
//!   with `format!` + percent-encoding;
//! - end to end: calls against a local HTTP server answering a fixed body, with 1 and with
//!   64 concurrent callers, through the generated client and through hand-written reqwest code
//!   with the same reqwest settings.

#![allow(
    missing_docs,
    reason = "`criterion_group!` defines an undocumented `pub fn benches`; a bench has no public API"
)]

use std::convert::Infallible;
use std::hint::black_box;
use std::time::{Duration, Instant};

use apigw_apig::operation::list_api_versions_v2::ListApiVersionsV2Response;
use apigw_apig::operation::list_endpoint_connections::ListEndpointConnectionsResponse;
use apigw_apig::runtime::{RawResponse, StatusCode, header::HeaderMap};
use apigw_apig::{Client, Config, Credentials};
use bytes::Bytes;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use futures_util::StreamExt;
use http_body_util::Full;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Deserialize;
use serde_json::{Value, json};

// ---- hand-written baseline types, as a careful person would write them ----

#[derive(Deserialize)]
#[allow(dead_code, reason = "decoded for the measurement, never read")]
struct HandVersions {
    size: Option<i32>,
    total: Option<i64>,
    api_versions: Option<Vec<HandVersion>>,
}

#[derive(Deserialize)]
#[allow(dead_code, reason = "decoded for the measurement, never read")]
struct HandVersion {
    version_id: Option<String>,
    version_no: Option<String>,
    api_id: Option<String>,
    env_id: Option<String>,
    env_name: Option<String>,
    remark: Option<String>,
    publish_time: Option<String>,
    status: Option<i32>,
}

#[derive(Deserialize)]
#[allow(dead_code, reason = "decoded for the measurement, never read")]
struct HandConnections {
    size: Option<i32>,
    total: Option<i64>,
    connections: Option<Vec<HandConnection>>,
}

#[derive(Deserialize)]
#[allow(dead_code, reason = "decoded for the measurement, never read")]
struct HandConnection {
    id: Option<String>,
    marker_id: Option<i32>,
    created_at: Option<String>,
    updated_at: Option<String>,
    domain_id: Option<String>,
    status: Option<String>,
}

fn versions_body(n: usize) -> Vec<u8> {
    let items: Vec<Value> = (0..n)
        .map(|i| {
            json!({
                "version_id": format!("ee1a5a38d3d3493abf1dc4ed6cac{i:04}"),
                "version_no": "20200803093600",
                "api_id": "5f918d104dc84480a75166ba99efff21",
                "env_id": "DEFAULT_ENVIRONMENT_RELEASE_ID",
                "env_name": "RELEASE",
                "remark": "published for the benchmark",
                "publish_time": "2020-08-03T01:36:00Z",
                "status": 1 + (i % 2)
            })
        })
        .collect();
    serde_json::to_vec(&json!({"total": n, "size": n, "api_versions": items})).unwrap()
}

fn connections_body(n: usize) -> Vec<u8> {
    let statuses = ["accepted", "pendingAcceptance", "rejected", "failed"];
    let items: Vec<Value> = (0..n)
        .map(|i| {
            json!({
                "id": format!("0a7b1ad5-1f6e-4b8d-9f5e-{i:012}"),
                "marker_id": 16777337 + i,
                "created_at": "2020-07-31T12:42:51Z",
                "updated_at": "2020-08-02T16:32:47Z",
                "domain_id": "0c7a4f3c2b00f4d40f39c0122b2b3f4d",
                "status": statuses[i % 4]
            })
        })
        .collect();
    serde_json::to_vec(&json!({"total": n, "size": n, "connections": items})).unwrap()
}

/// `body` with every item's integer `status` or `marker_id` written as a string.
fn drift(body: &[u8]) -> Vec<u8> {
    let mut value: Value = serde_json::from_slice(body).unwrap();
    for list in ["api_versions", "connections"] {
        for item in value[list].as_array_mut().into_iter().flatten() {
            for field in ["status", "marker_id"] {
                if let Some(n) = item.get(field).and_then(Value::as_i64) {
                    item[field] = json!(n.to_string());
                }
            }
        }
    }
    serde_json::to_vec(&value).unwrap()
}

fn raw(body: &[u8]) -> RawResponse {
    RawResponse::new(
        "Bench",
        StatusCode::OK,
        HeaderMap::new(),
        Bytes::copy_from_slice(body),
    )
}

fn decode(c: &mut Criterion) {
    for (name, body) in [
        ("ListApiVersionsV2", versions_body(500)),
        ("ListEndpointConnections", connections_body(500)),
    ] {
        let mut group = c.benchmark_group(format!("decode_500/{name}"));
        group.throughput(Throughput::Bytes(body.len() as u64));
        let versions = name == "ListApiVersionsV2";
        // The generated path: what the generated `decode` does for a 2xx (RawResponse::json).
        // The copy into a RawResponse is done outside the timing.
        group.bench_function("generated", |b| {
            b.iter_batched(
                || raw(&body),
                |raw| {
                    if versions {
                        black_box(raw.json::<ListApiVersionsV2Response>().unwrap());
                    } else {
                        black_box(raw.json::<ListEndpointConnectionsResponse>().unwrap());
                    }
                },
                criterion::BatchSize::SmallInput,
            )
        });
        // The same body where a server drifted from the documentation in every item (a number
        // in a string): decoded leniently, with one deviation per item.
        let drifted = drift(&body);
        group.bench_function("generated_drifted", |b| {
            b.iter_batched(
                || raw(&drifted),
                |raw| {
                    if versions {
                        let r = raw.json::<ListApiVersionsV2Response>().unwrap();
                        assert!(r.deviations().len() >= 500);
                        black_box(r);
                    } else {
                        let r = raw.json::<ListEndpointConnectionsResponse>().unwrap();
                        assert!(r.deviations().len() >= 500);
                        black_box(r);
                    }
                },
                criterion::BatchSize::SmallInput,
            )
        });
        group.bench_function("hand_written", |b| {
            b.iter(|| {
                if versions {
                    black_box(serde_json::from_slice::<HandVersions>(black_box(&body)).unwrap());
                } else {
                    black_box(serde_json::from_slice::<HandConnections>(black_box(&body)).unwrap());
                }
            })
        });
        group.bench_function("serde_json_value", |b| {
            b.iter(|| black_box(serde_json::from_slice::<Value>(black_box(&body)).unwrap()))
        });
        group.finish();
    }
}

const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

fn build(c: &mut Criterion) {
    let client = Client::new(
        Config::builder()
            .endpoint("http://127.0.0.1:1")
            .project_id("proj-1")
            .credentials(Credentials::token("t"))
            .build()
            .unwrap(),
    )
    .unwrap();
    let mut group = c.benchmark_group("build_request");
    group.bench_function("generated", |b| {
        b.iter(|| {
            black_box(
                client
                    .list_api_versions_v2(black_box("gw/1"), black_box("api 1"))
                    .env_name("RELEASE")
                    .offset(100)
                    .limit(50)
                    .build()
                    .unwrap(),
            )
        })
    });
    group.bench_function("hand_written", |b| {
        b.iter(|| {
            let (project, gateway, api) =
                (black_box("proj-1"), black_box("gw/1"), black_box("api 1"));
            let limit: i32 = black_box(50);
            assert!((1..=500).contains(&limit));
            black_box(format!(
                "/v2/{}/apigw/instances/{}/apis/publish/{}?offset={}&limit={}&env_name={}",
                utf8_percent_encode(project, SEGMENT),
                utf8_percent_encode(gateway, SEGMENT),
                utf8_percent_encode(api, SEGMENT),
                100i64,
                limit,
                utf8_percent_encode("RELEASE", SEGMENT),
            ))
        })
    });
    group.finish();
}

/// A local server answering every request with the same 20-item list.
fn start_server(body: Bytes) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            loop {
                let (stream, _) = listener.accept().await.unwrap();
                let body = body.clone();
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |_req| {
                        let body = body.clone();
                        async move {
                            Ok::<_, Infallible>(
                                hyper::Response::builder()
                                    .header("content-type", "application/json")
                                    .header("x-request-id", "bench")
                                    .body(Full::new(body))
                                    .unwrap(),
                            )
                        }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                        .await;
                });
            }
        });
    });
    format!("http://{address}")
}

fn end_to_end(c: &mut Criterion) {
    let base = start_server(Bytes::from(versions_body(20)));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let timeouts = (Duration::from_secs(10), Duration::from_secs(60));
    let generated = Client::new(
        Config::builder()
            .endpoint(&base)
            .project_id("proj-1")
            .credentials(Credentials::token("tok"))
            .connect_timeout(timeouts.0)
            .timeout(timeouts.1)
            .build()
            .unwrap(),
    )
    .unwrap();
    let hand = reqwest::Client::builder()
        .connect_timeout(timeouts.0)
        .timeout(timeouts.1)
        .build()
        .unwrap();
    let url = format!("{base}/v2/proj-1/apigw/instances/gw/apis/publish/api");

    let mut group = c.benchmark_group("end_to_end");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(8));
    for concurrency in [1usize, 64] {
        group.throughput(Throughput::Elements(1));
        group.bench_with_input(
            BenchmarkId::new("generated", concurrency),
            &concurrency,
            |b, &n| {
                b.to_async(&runtime).iter_custom(|iters| {
                    let client = generated.clone();
                    async move {
                        let started = Instant::now();
                        futures_util::stream::iter(0..iters)
                            .map(|_| {
                                let client = client.clone();
                                async move {
                                    client
                                        .list_api_versions_v2("gw", "api")
                                        .send()
                                        .await
                                        .unwrap()
                                }
                            })
                            .buffer_unordered(n)
                            .for_each(|r| async move {
                                black_box(r);
                            })
                            .await;
                        started.elapsed()
                    }
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("hand_written", concurrency),
            &concurrency,
            |b, &n| {
                b.to_async(&runtime).iter_custom(|iters| {
                    let (client, url) = (hand.clone(), url.clone());
                    async move {
                        let started = Instant::now();
                        futures_util::stream::iter(0..iters)
                            .map(|_| {
                                let (client, url) = (client.clone(), url.clone());
                                async move {
                                    let response = client
                                        .get(&url)
                                        .header("X-Auth-Token", "tok")
                                        .header("Accept", "application/json")
                                        .send()
                                        .await
                                        .unwrap();
                                    assert!(response.status().is_success());
                                    let bytes = response.bytes().await.unwrap();
                                    serde_json::from_slice::<HandVersions>(&bytes).unwrap()
                                }
                            })
                            .buffer_unordered(n)
                            .for_each(|r| async move {
                                black_box(r);
                            })
                            .await;
                        started.elapsed()
                    }
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, decode, build, end_to_end);
criterion_main!(benches);
