//! Plain HTTP/1.1 over loopback, for talking to an emulator as any client would.
#![allow(dead_code, reason = "each test binary uses what it needs")]

use std::net::SocketAddr;

use apigw_spec::Spec;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Sends a request to `address` and returns the status, the headers (lower-case names) and the
/// JSON body (`null` if none).
pub async fn send(
    address: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, Vec<(String, String)>, Value) {
    let mut stream = TcpStream::connect(address).await.unwrap();
    let mut request = format!(
        "{method} {target} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await.unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(": "))
        .map(|(n, v)| (n.to_ascii_lowercase(), v.to_owned()))
        .collect();
    (
        status,
        headers,
        serde_json::from_str(body).unwrap_or(Value::Null),
    )
}

/// Sends a request with a token (and `body` as JSON) and returns the status and the JSON body.
pub async fn call(
    address: SocketAddr,
    method: &str,
    target: &str,
    body: Option<&Value>,
) -> (u16, Value) {
    let body = body.map(Value::to_string).unwrap_or_default();
    let headers = [("X-Auth-Token", "t"), ("Content-Type", "application/json")];
    let (status, _, body) = send(address, method, target, &headers, &body).await;
    (status, body)
}

/// The TOML of an object `name` with `fields` (name, type), one `[object.NAME.FIELD]` each.
pub fn object_text(name: &str, fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(field, ty)| format!("[object.{name}.{field}]\ntype = \"{ty}\"\n\n"))
        .collect()
}

/// The spec of a `GET` operation `id` at `path`, whose placeholders are string parameters,
/// answering 200 with `example`, an object `Body` of `fields`; `more` is appended (other
/// responses, objects).
pub fn get_spec(id: &str, path: &str, example: &str, fields: &[(&str, &str)], more: &str) -> Spec {
    let params: String = path
        .split('{')
        .skip(1)
        .filter_map(|p| p.split_once('}'))
        .map(|(name, _)| format!("[path.{name}]\ntype = \"String\"\n\n"))
        .collect();
    let text = format!(
        "[operation]\nid = \"{id}\"\nmethod = \"GET\"\npath = \"{path}\"\n\n{params}\
         [response.200]\nbody = \"Body\"\n\n[[response.200.examples]]\njson = '{example}'\n\n{}{more}",
        object_text("Body", fields)
    );
    apigw_spec::load(&format!("{id}.toml"), &text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}
