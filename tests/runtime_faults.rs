//! The runtime under faults, against real servers on loopback: wiremock where an HTTP server
//! that behaves will do, a raw TCP server where the fault is below HTTP (a body cut short, a
//! connection closed mid-body, a 100 MB body). Every outcome is a typed value; nothing panics.

mod support;

use std::io::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use apigw_apig::operation::create_acl_strategy_v2::{
    CreateAclStrategyV2RequestBody, CreateAclStrategyV2RequestBodyAclType,
    CreateAclStrategyV2RequestBodyEntityType,
};
use apigw_apig::runtime::paging::StreamExt;
use apigw_apig::{Client, Credentials, ErrorKind, RetryPolicy};
use serde_json::{Value, json};
use support::{Loopback, PROJECT, client_for, raw_server};
use wiremock::matchers::{method, path_regex};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const SK: &str = "sk-very-secret-456";

fn show_api_body(id: &str) -> Value {
    json!({"id": id, "name": format!("api-{id}"), "req_method": "GET", "extra_field": [1, 2, 3]})
}

/// A server answering the API and ACL paths with the statuses given, one per request, then
/// the last again; error bodies name the attempt, request ids count `rid-1`, `rid-2`, ...
async fn sequence(statuses: Vec<(u16, Option<&'static str>)>) -> Loopback {
    let paths = path_regex(format!(
        "^/v2/{PROJECT}/apigw/instances/[^/]+/(apis|acls).*$"
    ));
    Loopback::start(paths, move |n, _| {
        let (status, retry_after) = statuses[n.min(statuses.len() - 1)];
        let mut template = if status < 300 {
            ResponseTemplate::new(status).set_body_json(show_api_body("a1"))
        } else {
            ResponseTemplate::new(status).set_body_json(
                json!({"error_code": "APIG.9999", "error_msg": format!("attempt {}", n + 1)}),
            )
        };
        if let Some(value) = retry_after {
            template = template.insert_header("retry-after", value);
        }
        template.insert_header("x-request-id", format!("rid-{}", n + 1).as_str())
    })
    .await
}

#[tokio::test]
async fn a_response_slower_than_the_timeout_is_a_timeout_error() {
    let slow = ResponseTemplate::new(200)
        .set_body_json(show_api_body("a1"))
        .set_delay(Duration::from_secs(5));
    let server = Loopback::scripted(method("GET"), vec![slow]).await;
    let client = client_for(&server.uri(), |c| c.timeout(Duration::from_millis(200)));
    let err = client
        .show_details_of_api_v2("gw", "a1")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Timeout, "{err}");
    assert!(
        err.to_string().contains("ShowDetailsOfApiV2: timed out"),
        "{err}"
    );
}

#[tokio::test]
async fn a_503_then_200_is_retried_and_succeeds() {
    let server = sequence(vec![(503, None), (200, None)]).await;
    let client = client_for(&server.uri(), |c| c);
    let api = client
        .show_details_of_api_v2("gw", "a1")
        .send()
        .await
        .unwrap();
    assert_eq!(api.id.as_deref(), Some("a1"));
    assert_eq!(api.request_id(), Some("rid-2"));
    assert_eq!(server.hits(), 2);
}

#[tokio::test]
async fn a_500_every_time_gives_up_after_the_configured_attempts_with_the_last_error() {
    let server = sequence(vec![(500, None)]).await;
    let client = client_for(&server.uri(), |c| {
        c.retry(
            RetryPolicy::default()
                .max_attempts(4)
                .initial_backoff(Duration::from_millis(1)),
        )
    });
    let err = client
        .show_details_of_api_v2("gw", "a1")
        .send()
        .await
        .unwrap_err();
    assert_eq!(server.hits(), 4);
    assert_eq!(err.status().map(|s| s.as_u16()), Some(500));
    assert_eq!(
        err.error_msg(),
        Some("attempt 4"),
        "the last attempt's error"
    );
    assert_eq!(err.request_id(), Some("rid-4"));
}

#[tokio::test]
async fn post_is_not_retried_by_default() {
    let server = sequence(vec![(503, None), (201, None)]).await;
    let client = client_for(&server.uri(), |c| c);
    let body = CreateAclStrategyV2RequestBody::new(
        "demo",
        CreateAclStrategyV2RequestBodyAclType::Permit,
        "192.168.1.5",
        CreateAclStrategyV2RequestBodyEntityType::Ip,
    );
    let err = client
        .create_acl_strategy_v2("gw", body)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(
        server.hits(),
        1,
        "a POST the server may have acted on is sent once"
    );
}

#[tokio::test]
async fn retry_after_is_honoured_and_a_too_long_one_is_not_waited_for() {
    let server = sequence(vec![(429, Some("1")), (200, None)]).await;
    let client = client_for(&server.uri(), |c| c);
    let started = Instant::now();
    client
        .show_details_of_api_v2("gw", "a1")
        .send()
        .await
        .unwrap();
    assert_eq!(server.hits(), 2);
    // The backoff alone would be a few milliseconds; the server asked for a second.
    assert!(started.elapsed() >= Duration::from_secs(1));

    let server = sequence(vec![(429, Some("3600")), (200, None)]).await;
    let client = client_for(&server.uri(), |c| c);
    let err = client
        .show_details_of_api_v2("gw", "a1")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(429));
    assert_eq!(
        server.hits(),
        1,
        "an hour is beyond max_retry_after: the 429 is returned"
    );
}

#[tokio::test]
async fn a_body_cut_short_is_a_connection_error() {
    let endpoint = raw_server(|s| {
        let _ = s.write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{\"id\": \"a1\"");
    });
    let client = client_for(&endpoint, |c| c.retry(RetryPolicy::disabled()));
    let err = client
        .show_details_of_api_v2("gw", "a1")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Connection, "{err}");
}

#[tokio::test]
async fn a_connection_closed_mid_chunked_body_is_a_connection_error() {
    let endpoint = raw_server(|s| {
        let _ = s.write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n5\r\n{\"id\"\r\n");
        let _ = s.shutdown(std::net::Shutdown::Both);
    });
    let client = client_for(&endpoint, |c| c.retry(RetryPolicy::disabled()));
    let err = client
        .show_details_of_api_v2("gw", "a1")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Connection, "{err}");
}

#[tokio::test]
async fn a_100_mb_body_is_refused_while_streaming() {
    let sent = Arc::new(AtomicUsize::new(0));
    let counter = sent.clone();
    let endpoint = raw_server(move |s| {
        // Chunked, so the size is not announced: the client must count as it reads.
        let _ = s.write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n");
        let chunk = vec![b' '; 64 * 1024];
        for _ in 0..1600 {
            let frame = [format!("{:x}\r\n", chunk.len()).as_bytes(), &chunk, b"\r\n"].concat();
            if s.write_all(&frame).is_err() {
                return; // the client hung up
            }
            counter.fetch_add(chunk.len(), Ordering::SeqCst);
        }
        let _ = s.write_all(b"0\r\n\r\n");
    });
    let client = client_for(&endpoint, |c| {
        c.max_body_size(1024 * 1024).retry(RetryPolicy::disabled())
    });
    let err = client
        .show_details_of_api_v2("gw", "a1")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BodyTooLarge, "{err}");
    // The client stopped reading: the server could not send the whole 100 MB (socket buffers
    // hold a few MB at most), so the body was never held in memory whole.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let written = sent.load(Ordering::SeqCst);
    assert!(written < 100 * 1024 * 1024, "server wrote {written} bytes");

    // An announced size over the limit is refused before reading.
    let endpoint = raw_server(|s| {
        let _ = s.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 104857600\r\n\r\n{}");
    });
    let client = client_for(&endpoint, |c| {
        c.max_body_size(1024 * 1024).retry(RetryPolicy::disabled())
    });
    let err = client
        .show_details_of_api_v2("gw", "a1")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::BodyTooLarge, "{err}");
}

#[tokio::test]
async fn invalid_json_html_502_and_wrong_content_type() {
    let server = MockServer::start().await;
    Mock::given(path_regex("/apis/bad-json$"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw("{\"id\": 12, \"name\": ", "application/json"),
        )
        .mount(&server)
        .await;
    Mock::given(path_regex("/apis/html$"))
        .respond_with(
            ResponseTemplate::new(502)
                .set_body_raw("<html><body>Bad Gateway</body></html>", "text/html"),
        )
        .mount(&server)
        .await;
    Mock::given(path_regex("/apis/text$"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(show_api_body("a1").to_string(), "text/plain"),
        )
        .mount(&server)
        .await;
    let client = client_for(&server.uri(), |c| c.retry(RetryPolicy::disabled()));

    let err = client
        .show_details_of_api_v2("gw", "bad-json")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    let apigw_apig::Error::Decode(decode) = &err else {
        unreachable!()
    };
    assert_eq!(decode.operation, "ShowDetailsOfApiV2");
    // Not JSON at all: the reason says where it stops (serde_json's line and column), and the
    // whole body is kept.
    assert_eq!(decode.path, ".");
    assert!(decode.reason.contains("column"), "{}", decode.reason);
    assert_eq!(decode.body.as_ref(), b"{\"id\": 12, \"name\": ");

    let err = client
        .show_details_of_api_v2("gw", "html")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Service);
    let service = err.service().unwrap();
    assert_eq!(service.status.as_u16(), 502);
    assert!(service.body_excerpt.contains("Bad Gateway"));

    // The body is what counts: JSON labelled text/plain decodes.
    let api = client
        .show_details_of_api_v2("gw", "text")
        .send()
        .await
        .unwrap();
    assert_eq!(api.name.as_deref(), Some("api-a1"));
}

/// A server that echoes the API id of the path into the body.
async fn echo() -> Loopback {
    Loopback::start(method("GET"), |_, request: &Request| {
        let id = request.url.path().rsplit('/').next().unwrap_or_default();
        ResponseTemplate::new(200).set_body_json(show_api_body(id))
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_calls_from_one_client_get_their_own_results() {
    let server = echo().await;
    let client = client_for(&server.uri(), |c| c);
    let calls = (0..1000).map(|i| {
        let client = client.clone();
        tokio::spawn(async move {
            let id = format!("api-{i}");
            let api = client
                .show_details_of_api_v2("gw", &id)
                .send()
                .await
                .map_err(|e| e.to_string())?;
            Ok::<_, String>((id, api.into_body().id))
        })
    });
    let results = futures_util::future::join_all(calls).await;
    let mut ids = std::collections::BTreeSet::new();
    for result in results {
        let (asked, got) = result.unwrap().unwrap();
        assert_eq!(Some(asked.clone()), got);
        ids.insert(asked);
    }
    assert_eq!(ids.len(), 1000);
}

#[tokio::test]
async fn path_values_reach_the_server_as_one_encoded_segment() {
    let server = echo().await;
    let client = client_for(&server.uri(), |c| c);
    for value in [
        "a/b",
        "..x",
        "a?b=c",
        "a#frag",
        "100%",
        "with space",
        "ünïcødé-名前",
    ] {
        client
            .show_details_of_api_v2("gw", value)
            .send()
            .await
            .unwrap();
    }
    let received = server.requests().await;
    let last_segments: Vec<String> = received
        .iter()
        .map(|r| {
            let path = r.url.path();
            assert!(
                path.starts_with(&format!("/v2/{PROJECT}/apigw/instances/gw/apis/")),
                "{path}"
            );
            assert_eq!(path.matches('/').count(), 7, "one segment: {path}");
            assert!(
                r.url.query().is_none() && r.url.fragment().is_none(),
                "{}",
                r.url
            );
            percent_encoding::percent_decode_str(path.rsplit('/').next().unwrap())
                .decode_utf8()
                .unwrap()
                .into_owned()
        })
        .collect();
    assert_eq!(
        last_segments,
        [
            "a/b",
            "..x",
            "a?b=c",
            "a#frag",
            "100%",
            "with space",
            "ünïcødé-名前"
        ]
    );
}

#[tokio::test]
async fn aksk_signatures_verify_on_the_server_side() {
    let created = ResponseTemplate::new(201).set_body_json(json!({"id": "acl1"}));
    let server = Loopback::scripted(method("POST"), vec![created]).await;
    let client = client_for(&server.uri(), |c| {
        c.credentials(Credentials::aksk("AK1", SK))
    });
    let body = CreateAclStrategyV2RequestBody::new(
        "demo",
        CreateAclStrategyV2RequestBodyAclType::Deny,
        "10.0.0.1",
        CreateAclStrategyV2RequestBodyEntityType::Ip,
    );
    client
        .create_acl_strategy_v2("gw/1", body)
        .send()
        .await
        .unwrap();
    let request = &server.requests().await[0];
    let authorization = request.headers["authorization"].to_str().unwrap();
    let (prefix, rest) = authorization
        .split_once(" Access=AK1, SignedHeaders=")
        .unwrap();
    assert_eq!(prefix, "SDK-HMAC-SHA256");
    let (signed, signature) = rest.split_once(", Signature=").unwrap();
    // Recompute as the gateway would, from what arrived.
    let headers = signed
        .split(';')
        .map(|name| {
            (
                name.to_owned(),
                request.headers[name].to_str().unwrap().to_owned(),
            )
        })
        .collect();
    let parts = apigw_apig::runtime::sign::Parts {
        method: request.method.as_str(),
        path: request.url.path(),
        query: request.url.query().unwrap_or(""),
        headers,
        body: &request.body,
    };
    let date = request.headers["x-sdk-date"].to_str().unwrap();
    let (expected_signed, expected) =
        apigw_apig::runtime::AkSkAuth::new("AK1", SK).signature(&parts, date);
    assert_eq!(signed, expected_signed);
    assert_eq!(signature, expected);
    assert!(
        signed.split(';').any(|h| h == "host")
            && signed.contains("x-sdk-date")
            && signed.contains("content-type")
    );
    assert!(request.headers.get("x-auth-token").is_none());
}

#[tokio::test]
async fn debug_output_never_shows_the_token_or_the_secret_key() {
    let boom = ResponseTemplate::new(500)
        .set_body_json(json!({"error_code": "APIG.9999", "error_msg": "boom"}));
    let server = Loopback::scripted(method("GET"), vec![boom]).await;
    for credentials in [
        Credentials::token(support::TOKEN),
        Credentials::aksk("AK1", SK),
    ] {
        let client = client_for(&server.uri(), |c| {
            c.credentials(credentials.clone())
                .retry(RetryPolicy::disabled())
        });
        let request = client.show_details_of_api_v2("gw", "a1");
        let built = request.build().unwrap();
        let err = request.send().await.unwrap_err();
        let shown = format!(
            "{client:?} {credentials:?} {built:?} {err:?} {err} {:?}",
            client.config()
        );
        for secret in [support::TOKEN, SK] {
            assert!(!shown.contains(secret), "secret in {shown}");
        }
    }
}

/// A server of `count` API versions, `offset`/`limit` honoured (or `offset` ignored),
/// reporting `total` as `reported_total`; and a client for it.
async fn versions(count: usize, reported_total: usize, ignore_offset: bool) -> (Loopback, Client) {
    let server = Loopback::start(method("GET"), move |_, request: &Request| {
        let query = |name: &str| {
            request
                .url
                .query_pairs()
                .find(|(k, _)| k == name)
                .and_then(|(_, v)| v.parse::<usize>().ok())
        };
        let offset = if ignore_offset {
            0
        } else {
            query("offset").unwrap_or(0)
        };
        let limit = query("limit").unwrap_or(20);
        let items: Vec<Value> = (offset..count.min(offset + limit))
            .map(|i| json!({"version_id": format!("v{i}"), "status": 1}))
            .collect();
        ResponseTemplate::new(200).set_body_json(
            json!({"total": reported_total, "size": items.len(), "api_versions": items}),
        )
    })
    .await;
    let client = client_for(&server.uri(), |c| c);
    (server, client)
}

async fn all_ids(client: &Client, limit: i32) -> Vec<String> {
    let mut items = client
        .list_api_versions_v2("gw", "api")
        .limit(limit)
        .items();
    let mut ids = Vec::new();
    while let Some(item) = items.next().await {
        ids.push(item.unwrap().version_id.unwrap());
    }
    ids
}

#[tokio::test]
async fn paging_streams_every_item_once_and_stops_where_it_must() {
    // 45 items, 10 per page: 5 pages, the last short.
    let (server, client) = versions(45, 45, false).await;
    let ids = all_ids(&client, 10).await;
    assert_eq!(ids, (0..45).map(|i| format!("v{i}")).collect::<Vec<_>>());
    assert_eq!(server.requests().await.len(), 5);

    // Exactly 40 = 4 full pages: `total` stops it without asking for an empty fifth.
    let (server, client) = versions(40, 40, false).await;
    assert_eq!(all_ids(&client, 10).await.len(), 40);
    assert_eq!(server.requests().await.len(), 4);

    // A server that overstates `total` ends with an empty page: stop there.
    let (server, client) = versions(40, 1_000_000, false).await;
    assert_eq!(all_ids(&client, 10).await.len(), 40);
    assert_eq!(server.requests().await.len(), 5);

    // A server that ignores `offset` (and overstates `total`) would loop forever: the repeated
    // page is noticed and paging stops after the first.
    let (server, client) = versions(40, 1_000_000, true).await;
    assert_eq!(all_ids(&client, 10).await.len(), 10);
    assert_eq!(server.requests().await.len(), 2);

    // Pages, too.
    let (_server, client) = versions(25, 25, false).await;
    let pages: Vec<_> = client
        .list_api_versions_v2("gw", "api")
        .limit(10)
        .pages()
        .collect()
        .await;
    let sizes: Vec<usize> = pages
        .into_iter()
        .map(|p| p.unwrap().api_versions.as_ref().map_or(0, Vec::len))
        .collect();
    assert_eq!(sizes, [10, 10, 5]);
}

#[tokio::test]
async fn a_paging_error_ends_the_stream_after_it_is_yielded() {
    let server = sequence(vec![(404, None)]).await;
    let client = client_for(&server.uri(), |c| c);
    let results: Vec<_> = client
        .list_api_versions_v2("gw", "api")
        .items()
        .collect()
        .await;
    assert_eq!(results.len(), 1);
    assert_eq!(
        results[0]
            .as_ref()
            .unwrap_err()
            .status()
            .map(|s| s.as_u16()),
        Some(404)
    );
}
