//! The client: one shared HTTP connection pool, the configuration, and sending.

use std::sync::Arc;
use std::time::Instant;

use bytes::{Bytes, BytesMut};
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use tracing::Instrument;

use crate::config::{Config, ConfigError};
use crate::decode::{self, DocumentedError};
use crate::error::{BuildError, SendError, TransportError, TransportErrorKind};
use crate::request::Request;
use crate::response::RawResponse;
use crate::service::ServiceMeta;
use crate::{Error, Response};

/// The HTTP client a configuration asks for.
fn http_client(config: &Config) -> Result<reqwest::Client, ConfigError> {
    reqwest::Client::builder()
        .connect_timeout(config.connect_timeout)
        .timeout(config.timeout)
        .user_agent(config.user_agent.clone())
        .build()
        .map_err(ConfigError::Http)
}

/// Sends requests for generated operations. Cheap to clone: clones share one connection pool.
#[derive(Clone, Debug)]
pub struct Client {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    http: reqwest::Client,
    config: Config,
    /// The endpoint without a trailing `/`, so that operation paths can be appended.
    base: String,
}

impl Client {
    /// Creates a client that sends to the configuration's endpoint for every service (see
    /// [`ConfigBuilder::endpoint`](crate::ConfigBuilder::endpoint)), as given. Generated
    /// clients use [`Client::for_service`].
    ///
    /// # Errors
    /// No endpoint, or the HTTP client cannot be created (e.g. no TLS backend).
    pub fn new(config: Config) -> Result<Self, ConfigError> {
        let endpoint = config.plain_endpoint()?;
        let http = http_client(&config)?;
        Ok(Self::on(config, http, &endpoint))
    }

    /// Creates a client for one service, at its endpoint (see [`Config::endpoint_for`]).
    ///
    /// # Errors
    /// No endpoint for the service, or the HTTP client cannot be created.
    pub fn for_service(config: Config, service: &ServiceMeta) -> Result<Self, ConfigError> {
        let endpoint = config.endpoint_for(service)?;
        let http = http_client(&config)?;
        Ok(Self::on(config, http, &endpoint))
    }

    /// Creates a client for one service on a `reqwest::Client` configured by the caller
    /// (proxies, TLS roots). Its timeouts and `User-Agent` apply instead of the configuration's.
    ///
    /// # Errors
    /// No endpoint for the service.
    pub fn with_http_client(
        config: Config,
        service: &ServiceMeta,
        http: reqwest::Client,
    ) -> Result<Self, ConfigError> {
        let endpoint = config.endpoint_for(service)?;
        Ok(Self::on(config, http, &endpoint))
    }

    fn on(config: Config, http: reqwest::Client, endpoint: &reqwest::Url) -> Self {
        let base = endpoint.as_str().trim_end_matches('/').to_owned();
        Self {
            inner: Arc::new(Inner { http, config, base }),
        }
    }

    /// The URL every path of this client is appended to.
    pub fn base_url(&self) -> &str {
        &self.inner.base
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// The project id that fills `{project_id}` in paths.
    pub fn project_id(&self) -> &str {
        &self.inner.config.project_id
    }

    /// Sends a request as [`execute`](Self::execute) does and decodes the response: a 2xx
    /// with `success`, an error status into the operation's documented error `E` (see
    /// [`decode::response`]). What every generated `send()` does.
    ///
    /// # Errors
    /// [`Error::Build`] when `request` is one, [`Error::Service`] for an error status,
    /// [`Error::Transport`] and [`Error::Decode`] when no usable response arrived.
    #[allow(
        clippy::result_large_err,
        reason = "the same `Error` every generated `send()` returns"
    )]
    pub async fn send<T, E: DocumentedError>(
        &self,
        request: Result<Request, BuildError>,
        success: decode::Success<T>,
    ) -> Result<Response<T>, Error<E>> {
        let raw = self.execute(request?).await?;
        decode::response(raw, success)
    }

    /// Authenticates and sends a request, and receives the whole response (within the
    /// configured size limit), retrying as the configuration's [`RetryPolicy`](crate::RetryPolicy) says. Any
    /// status is a response: mapping statuses to results is the generated code's job.
    ///
    /// Credentials that expire ([`Authenticate::renewal`](crate::Authenticate::renewal)) are
    /// made ready before each attempt; a `401` to a request they authenticated renews them
    /// and sends the request once more (once per call, whatever the method).
    pub async fn execute(&self, request: Request) -> Result<RawResponse, SendError> {
        let meta = request.operation();
        let span = tracing::debug_span!(
            "apigw.call",
            operation = meta.id,
            method = %meta.method,
            path = meta.path.as_str(),
            attempts = tracing::field::Empty,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
        );
        async move {
            let started = Instant::now();
            let policy = &self.inner.config.retry;
            let attempts = policy.attempts_for(&meta.method);
            let mut attempt = 1;
            let mut renewed = false;
            let result = loop {
                let (result, sent) = self.attempt(&request, attempt).await;
                if let (Ok(raw), Some(sent), false) = (&result, &sent, renewed)
                    && raw.status() == 401
                    && let Some(renewal) = self.inner.config.credentials.0.renewal()
                {
                    renewed = true;
                    match renewal.rejected(sent).await {
                        Ok(true) => {
                            tracing::debug!("credentials renewed after a 401: sending once more");
                            continue;
                        }
                        Ok(false) => {}
                        Err(error) => break Err(error.into()),
                    }
                }
                let Some(retry_after) = worth_retrying(&result) else {
                    break result;
                };
                if attempt >= attempts {
                    break result;
                }
                let Some(delay) = policy.delay(attempt + 1, retry_after) else {
                    tracing::debug!(
                        ?retry_after,
                        "not retried: the server asks to wait longer than allowed"
                    );
                    break result;
                };
                tracing::debug!(attempt, delay_ms = delay.as_millis() as u64, "retrying");
                tokio::time::sleep(delay).await;
                attempt += 1;
            };
            let span = tracing::Span::current();
            span.record("attempts", attempt);
            span.record("latency_ms", started.elapsed().as_millis() as u64);
            match &result {
                Ok(raw) => {
                    span.record("status", raw.status());
                    if let Some(id) = raw.header("x-request-id") {
                        span.record("request_id", id);
                    }
                }
                Err(error) => tracing::debug!(%error, "request failed"),
            }
            result
        }
        .instrument(span)
        .await
    }

    /// One attempt, in its own span; with the headers it was sent with when the credentials
    /// can be renewed (to tell a refused token from one renewed since).
    async fn attempt(
        &self,
        request: &Request,
        attempt: u32,
    ) -> (Result<RawResponse, SendError>, Option<HeaderMap>) {
        let meta = request.operation();
        let span = tracing::debug_span!(
            "apigw.attempt",
            attempt,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
        );
        async move {
            let started = Instant::now();
            let renewal = self.inner.config.credentials.0.renewal();
            if let Some(renewal) = renewal
                && let Err(error) = renewal.ready().await
            {
                return (Err(error.into()), None);
            }
            let http_request = match self.http_request(request) {
                Ok(http_request) => http_request,
                Err(error) => return (Err(error), None),
            };
            let sent = renewal.map(|_| http_request.headers().clone());
            let result = self.receive(meta.id, http_request).await;
            let span = tracing::Span::current();
            span.record("latency_ms", started.elapsed().as_millis() as u64);
            match &result {
                Ok(raw) => {
                    span.record("status", raw.status());
                    tracing::debug!(status = raw.status(), "response received");
                }
                Err(error) => tracing::debug!(%error, "attempt failed"),
            }
            (result, sent)
        }
        .instrument(span)
        .await
    }

    fn http_request(&self, request: &Request) -> Result<reqwest::Request, SendError> {
        let meta = request.operation();
        let mut url = String::with_capacity(
            self.inner.base.len() + request.path().len() + request.query_string().len() + 1,
        );
        url.push_str(&self.inner.base);
        url.push_str(request.path());
        if !request.query_string().is_empty() {
            url.push('?');
            url.push_str(request.query_string());
        }
        let url =
            reqwest::Url::parse(&url).map_err(|_| BuildError::InvalidUrl { url: url.clone() })?;
        let mut http_request = reqwest::Request::new(meta.method.clone(), url);
        let headers = http_request.headers_mut();
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        for (name, value) in request.headers() {
            let header_name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| BuildError::InvalidHeader { name })?;
            let header_value =
                HeaderValue::from_str(value).map_err(|_| BuildError::InvalidHeader { name })?;
            headers.insert(header_name, header_value);
        }
        if let Some((body, content_type)) = request.body_parts() {
            let content_type =
                HeaderValue::from_str(content_type).map_err(|_| BuildError::InvalidHeader {
                    name: "Content-Type",
                })?;
            http_request
                .headers_mut()
                .insert(CONTENT_TYPE, content_type);
            *http_request.body_mut() = Some(body.into());
        }
        self.inner
            .config
            .credentials
            .0
            .authenticate(&mut http_request)?;
        Ok(http_request)
    }

    async fn receive(
        &self,
        operation: &'static str,
        request: reqwest::Request,
    ) -> Result<RawResponse, SendError> {
        let transport = |source: reqwest::Error| {
            let kind = if source.is_timeout() {
                TransportErrorKind::Timeout
            } else {
                TransportErrorKind::Connection
            };
            TransportError {
                operation,
                kind,
                source: Some(source),
            }
        };
        let mut response = self.inner.http.execute(request).await.map_err(transport)?;
        let status = response.status();
        let headers = std::mem::take(response.headers_mut());
        if let Some(id) = headers.get("x-request-id").and_then(|v| v.to_str().ok()) {
            tracing::Span::current().record("request_id", id);
        }
        let limit = self.inner.config.max_body_size;
        let too_large = || TransportError {
            operation,
            kind: TransportErrorKind::BodyTooLarge { limit },
            source: None,
        };
        if response
            .content_length()
            .is_some_and(|len| len > limit as u64)
        {
            return Err(too_large().into());
        }
        // Streamed with a running size check. A body that arrives as one chunk (the usual
        // case for API responses) is kept as it is, without a copy.
        let mut first: Option<Bytes> = None;
        let mut rest = BytesMut::new();
        let mut received = 0usize;
        while let Some(chunk) = response.chunk().await.map_err(transport)? {
            received += chunk.len();
            if received > limit {
                return Err(too_large().into());
            }
            match first.take() {
                None if rest.is_empty() => first = Some(chunk),
                earlier => {
                    if let Some(earlier) = earlier {
                        rest.reserve(response.content_length().map_or(0, |n| n as usize));
                        rest.extend_from_slice(&earlier);
                    }
                    rest.extend_from_slice(&chunk);
                }
            }
        }
        let body = match first {
            Some(only) => only,
            None => rest.freeze(),
        };
        Ok(
            RawResponse::new(operation, status, headers, body)
                .with_mode(self.inner.config.decoding),
        )
    }
}

/// `Some(retry_after)` when an attempt's outcome is worth another: a connection failure, a
/// 429 or a 5xx (with the server's `Retry-After`, if any).
fn worth_retrying(result: &Result<RawResponse, SendError>) -> Option<Option<std::time::Duration>> {
    match result {
        Ok(raw) if crate::retry::retryable_status(raw.status()) => Some(
            raw.header("retry-after")
                .and_then(|v| crate::retry::parse_retry_after(v, std::time::SystemTime::now())),
        ),
        Err(SendError::Transport(t)) if t.kind == TransportErrorKind::Connection => Some(None),
        _ => None,
    }
}
