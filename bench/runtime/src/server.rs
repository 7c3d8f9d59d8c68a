//! A loopback HTTP server in the same process, answering every request with one fixed body.

use std::convert::Infallible;

use bytes::Bytes;
use http_body_util::Full;
use tokio::sync::oneshot;

/// A server on `127.0.0.1` on a thread of its own (a single-threaded tokio runtime, so it
/// competes with the client for the two cores as a real server on the machine would). It
/// stops when dropped.
#[derive(Debug)]
pub struct Server {
    base: String,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    /// Starts a server that answers every request `200 OK` with `body` as JSON and an
    /// `x-request-id`.
    ///
    /// # Panics
    /// When no loopback port can be bound.
    pub fn start(body: Bytes) -> Self {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        listener
            .set_nonblocking(true)
            .expect("a non-blocking socket");
        let base = format!("http://{}", listener.local_addr().expect("its address"));
        let (stop, stopped) = oneshot::channel::<()>();
        let thread = std::thread::spawn(move || serve(listener, body, stopped));
        Self {
            base,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base(&self) -> &str {
        &self.base
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve(listener: std::net::TcpListener, body: Bytes, mut stopped: oneshot::Receiver<()>) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener).expect("a tokio listener");
        // Until stopped: each accepted connection is served by a task of its own.
        loop {
            let stream = tokio::select! {
                _ = &mut stopped => break,
                accepted = listener.accept() => match accepted {
                    Ok((stream, _)) => stream,
                    Err(_) => continue,
                },
            };
            let body = body.clone();
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |_request| {
                    let body = body.clone();
                    async move {
                        Ok::<_, Infallible>(
                            hyper::Response::builder()
                                .header("content-type", "application/json")
                                .header("x-request-id", "bench")
                                .body(Full::new(body))
                                .expect("a valid response"),
                        )
                    }
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                    .await;
            });
        }
    });
}
