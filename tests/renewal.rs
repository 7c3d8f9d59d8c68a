//! Credentials that expire, as the client sees them through [`Renew`]: made ready before
//! every attempt, renewed once per call after a `401`, and their failures typed, against a
//! server on loopback that accepts one token at a time. (Sharing one renewal among concurrent
//! calls is the authenticator's job: `apigw-cloud`'s tests count that at the emulator.)

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use apigw_apig::runtime::{
    AuthError, AuthErrorKind, Authenticate, BoxFuture, BuildError, Renew, header::HeaderMap,
};
use apigw_apig::{Credentials, ErrorKind};
use support::{Loopback, client_for, json_reply};
use wiremock::matchers::method;

/// Sends `X-Auth-Token: tok-<generation>`; `rejected` moves to the next generation unless the
/// refused request already carried an older one, `ready` and `rejected` are counted, and
/// either can be told to fail.
#[derive(Debug, Default)]
struct Generations {
    generation: Mutex<u32>,
    ready_calls: AtomicUsize,
    renewals: AtomicUsize,
    fail_ready: bool,
    fail_renewal: bool,
}

impl Generations {
    fn token(&self) -> String {
        format!("tok-{}", self.generation.lock().unwrap())
    }
}

impl Authenticate for Generations {
    fn authenticate(&self, request: &mut reqwest::Request) -> Result<(), BuildError> {
        request
            .headers_mut()
            .insert("x-auth-token", self.token().parse().unwrap());
        Ok(())
    }

    fn renewal(&self) -> Option<&dyn Renew> {
        Some(self)
    }
}

impl Renew for Generations {
    fn ready(&self) -> BoxFuture<'_, Result<(), AuthError>> {
        self.ready_calls.fetch_add(1, Ordering::SeqCst);
        let result = if self.fail_ready {
            Err(AuthError::new(
                AuthErrorKind::Unavailable,
                "identity service at http://iam.test unreachable",
            ))
        } else {
            Ok(())
        };
        Box::pin(async move { result })
    }

    fn rejected<'a>(&'a self, sent: &'a HeaderMap) -> BoxFuture<'a, Result<bool, AuthError>> {
        Box::pin(async move {
            if self.fail_renewal {
                return Err(AuthError::new(
                    AuthErrorKind::Rejected,
                    "cloud `test`: password of user `alice` refused",
                ));
            }
            let mut generation = self.generation.lock().unwrap();
            if sent["x-auth-token"] == format!("tok-{generation}").as_str() {
                *generation += 1;
                self.renewals.fetch_add(1, Ordering::SeqCst);
            }
            Ok(true)
        })
    }
}

/// A server that accepts `tok-<accepted>` only (401 for any other token).
async fn accepting(accepted: u32) -> Loopback {
    Loopback::start(method("GET"), move |_, request| {
        let token = request
            .headers
            .get("x-auth-token")
            .unwrap()
            .to_str()
            .unwrap();
        if token == format!("tok-{accepted}") {
            json_reply(200, r#"{"id": "a1"}"#)
        } else {
            json_reply(
                401,
                r#"{"error_code": "APIGW.0307", "error_msg": "The token must be updated."}"#,
            )
        }
    })
    .await
}

/// A client of `server` authenticating with `auth` (which the test keeps, to count).
fn client_with(server: &Loopback, auth: &Arc<Generations>) -> apigw_apig::Client {
    #[derive(Debug)]
    struct Shared(Arc<Generations>);
    impl Authenticate for Shared {
        fn authenticate(&self, request: &mut reqwest::Request) -> Result<(), BuildError> {
            self.0.authenticate(request)
        }
        fn renewal(&self) -> Option<&dyn Renew> {
            Some(&*self.0)
        }
    }
    client_for(&server.uri(), |c| {
        c.credentials(Credentials::custom(Shared(auth.clone())))
    })
}

#[tokio::test]
async fn a_401_renews_the_credentials_once_and_sends_the_request_again() {
    let server = accepting(1).await;
    let auth = Arc::new(Generations::default());
    let client = client_with(&server, &auth);
    let response = client.show_details_of_api_v2("gw", "a1").send().await;
    assert!(response.is_ok(), "{response:?}");
    assert_eq!(server.hits(), 2, "refused once, then accepted");
    assert_eq!(auth.renewals.load(Ordering::SeqCst), 1);
    assert_eq!(
        auth.ready_calls.load(Ordering::SeqCst),
        2,
        "before each sending"
    );

    // The renewed token is used from then on: no more renewals.
    client
        .show_details_of_api_v2("gw", "a1")
        .send()
        .await
        .unwrap();
    assert_eq!(server.hits(), 3);
    assert_eq!(auth.renewals.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_second_401_in_the_same_call_is_the_answer() {
    let server = accepting(99).await;
    let auth = Arc::new(Generations::default());
    let client = client_with(&server, &auth);
    let err = client
        .show_details_of_api_v2("gw", "a1")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401), "{err}");
    assert_eq!(err.error_code(), Some("APIGW.0307"));
    assert_eq!(server.hits(), 2, "one renewal, one more sending, no loop");
    assert_eq!(auth.renewals.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn credentials_that_cannot_be_had_are_an_auth_error_and_nothing_is_sent() {
    let server = accepting(0).await;
    let auth = Arc::new(Generations {
        fail_ready: true,
        ..Generations::default()
    });
    let err = client_with(&server, &auth)
        .show_details_of_api_v2("gw", "a1")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Auth, "{err:?}");
    assert_eq!(
        err.to_string(),
        "authentication failed: identity service at http://iam.test unreachable"
    );
    let apigw_apig::Error::Auth(auth_error) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(auth_error.kind(), AuthErrorKind::Unavailable);
    assert_eq!(server.hits(), 0);
}

#[tokio::test]
async fn a_renewal_refused_after_a_401_is_an_auth_error() {
    let server = accepting(1).await;
    let auth = Arc::new(Generations {
        fail_renewal: true,
        ..Generations::default()
    });
    let err = client_with(&server, &auth)
        .show_details_of_api_v2("gw", "a1")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Auth, "{err:?}");
    assert!(
        err.to_string().contains("password of user `alice` refused"),
        "{err}"
    );
    assert_eq!(server.hits(), 1);
}

#[tokio::test]
async fn fixed_credentials_get_the_401_as_it_is() {
    let server = accepting(1).await;
    let client = client_for(&server.uri(), |c| {
        c.credentials(Credentials::token("tok-0"))
    });
    let err = client
        .show_details_of_api_v2("gw", "a1")
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(server.hits(), 1);
}
