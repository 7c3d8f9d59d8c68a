//! The packaged crates at work: a token-configured cloud (apigw-cloud), the ECS client
//! (apigw-ecs) and this crate's own client (apigw-macros) each call a loopback server.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A server on 127.0.0.1 that answers every request with `body` (200, JSON), and tells the
/// request lines it saw.
async fn server(body: &'static str) -> (String, tokio::sync::mpsc::UnboundedReceiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (seen, lines) = tokio::sync::mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let seen = seen.clone();
            tokio::spawn(async move {
                let mut request = Vec::new();
                let mut buf = [0u8; 4096];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => request.extend_from_slice(&buf[..n]),
                    }
                }
                let text = String::from_utf8_lossy(&request);
                let _ = seen.send(text.lines().next().unwrap_or_default().to_owned());
                let reply = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = socket.write_all(reply.as_bytes()).await;
            });
        }
    });
    (url, lines)
}

#[tokio::test]
async fn the_packaged_service_crate_calls_an_operation_through_a_cloud_profile() {
    let (url, mut lines) = server(r#"{"servers": [{"id": "s-1", "name": "web", "links": []}]}"#).await;
    let profile = apigw_cloud::Loader::from_vars([
        ("OS_AUTH_TOKEN", "a-token"),
        ("OS_PROJECT_ID", "p-1"),
        ("OS_REGION_NAME", "eu-de"),
    ])
    .resolve()
    .unwrap();
    let cloud = apigw_cloud::connect(&profile, apigw_runtime::Config::builder().endpoint(url))
        .await
        .unwrap();
    let ecs = apigw_ecs::Client::new(cloud.into_config()).unwrap();
    let servers = ecs.list_servers().limit(10).send().await.unwrap();
    let listed = servers.servers.as_deref().unwrap_or_default();
    assert_eq!(listed[0].id.as_deref(), Some("s-1"));
    let line = lines.recv().await.unwrap();
    assert_eq!(line, "GET /v2.1/p-1/servers?limit=10 HTTP/1.1");
}

#[tokio::test]
async fn a_client_of_the_crates_own_specs_calls_its_operation() {
    let (url, mut lines) = server(r#"{"widgets": [{"id": "w-1", "name": "gear"}]}"#).await;
    let config = apigw_runtime::Config::builder()
        .endpoint(url)
        .project_id("p-1")
        .credentials(apigw_runtime::Credentials::token("a-token"))
        .build()
        .unwrap();
    let client = apigw_downstream::Client::new(config).unwrap();
    let widgets = client.list_widgets().limit(5).send().await.unwrap();
    assert_eq!(widgets.widgets[0].id, "w-1");
    assert_eq!(widgets.widgets[0].name.as_deref(), Some("gear"));
    assert_eq!(lines.recv().await.unwrap(), "GET /v1/p-1/widgets?limit=5 HTTP/1.1");
    // The service's name and endpoint pattern come from its service file.
    assert_eq!(apigw_downstream::SERVICE.name, "widgets");
}
