//! AK/SK signing against vectors derived by hand from the documented steps (computed
//! independently, with Python's `hashlib`/`hmac`, from the canonical requests written out
//! below): a query with repeated and unsorted names, a JSON body, and path segments that need
//! encoding.

use apigw_runtime::sign::{AkSkAuth, Parts, canonical_request};
use apigw_runtime::{Authenticate, Credentials};

const DATE: &str = "20261123T193740Z";
const AK: &str = "AK-EXAMPLE";
const SK: &str = "sk-secret-123";

struct Vector {
    method: &'static str,
    path: &'static str,
    query: &'static str,
    headers: &'static [(&'static str, &'static str)],
    body: &'static [u8],
    canonical: &'static str,
    signed_headers: &'static str,
    signature: &'static str,
}

const VECTORS: [Vector; 3] = [
    // A query: sorted by name then value, space as %20; `x_trace` has `_`, so is not signed.
    Vector {
        method: "GET",
        path: "/v2/p1/apigw/instances/i1/apis",
        query: "limit=10&env_name=RELEASE&name=a%20b&tag=z&tag=a",
        headers: &[
            ("Host", "apig.example.com"),
            ("X-Sdk-Date", DATE),
            ("x_trace", "1"),
        ],
        body: b"",
        canonical: "GET\n/v2/p1/apigw/instances/i1/apis/\nenv_name=RELEASE&limit=10&name=a%20b&tag=a&tag=z\nhost:apig.example.com\nx-sdk-date:20261123T193740Z\n\nhost;x-sdk-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        signed_headers: "host;x-sdk-date",
        signature: "80f058f19aee1e25e1dd9a6485396d0d953612ecd623ed7c490a38a82f235eb2",
    },
    // A JSON body: its SHA-256 is the last line; Content-Type is signed.
    Vector {
        method: "POST",
        path: "/v2/p1/apigw/instances/i1/acls",
        query: "",
        headers: &[
            ("Host", "apig.example.com:8443"),
            ("X-Sdk-Date", DATE),
            ("Content-Type", "application/json"),
        ],
        body: br#"{"acl_name":"demo","acl_type":"PERMIT"}"#,
        canonical: "POST\n/v2/p1/apigw/instances/i1/acls/\n\ncontent-type:application/json\nhost:apig.example.com:8443\nx-sdk-date:20261123T193740Z\n\ncontent-type;host;x-sdk-date\nbcc30f4b0c7814b5d3c434a46f8a51b323ca704c345edabeac522119a3930e7f",
        signed_headers: "content-type;host;x-sdk-date",
        signature: "4460c637d3aadea44f16e62b3e49ff6a0596e0ddd2954db5b96f8ed8f44f967c",
    },
    // Path segments needing encoding: a space and non-ASCII, upper-case hex; `~` stays.
    Vector {
        method: "DELETE",
        path: "/v2/p1/apigw/instances/gw%201/apis/%C3%A9t%C3%A9~x",
        query: "",
        headers: &[("Host", "apig.example.com"), ("X-Sdk-Date", DATE)],
        body: b"",
        canonical: "DELETE\n/v2/p1/apigw/instances/gw%201/apis/%C3%A9t%C3%A9~x/\n\nhost:apig.example.com\nx-sdk-date:20261123T193740Z\n\nhost;x-sdk-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        signed_headers: "host;x-sdk-date",
        signature: "776e618374e039316026b2bc45c9c70b20db52655e04a66dec96a238d7b03de6",
    },
];

fn parts(v: &Vector) -> Parts<'_> {
    Parts {
        method: v.method,
        path: v.path,
        query: v.query,
        headers: v
            .headers
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect(),
        body: v.body,
    }
}

#[test]
fn canonical_requests_and_signatures_match_the_vectors() {
    let auth = AkSkAuth::new(AK, SK);
    for v in &VECTORS {
        let (canonical, signed) = canonical_request(&parts(v));
        assert_eq!(canonical, v.canonical, "{} {}", v.method, v.path);
        assert_eq!(signed, v.signed_headers);
        assert_eq!(
            auth.signature(&parts(v), DATE),
            (v.signed_headers.to_owned(), v.signature.to_owned())
        );
    }
}

#[test]
fn authenticate_sets_host_date_and_authorization_on_the_request() {
    let auth = AkSkAuth::new(AK, SK);
    for v in &VECTORS {
        let host = v.headers.iter().find(|(n, _)| *n == "Host").unwrap().1;
        let query = if v.query.is_empty() {
            String::new()
        } else {
            format!("?{}", v.query)
        };
        let url = format!("https://{host}{}{query}", v.path);
        let mut request = reqwest::Request::new(v.method.parse().unwrap(), url.parse().unwrap());
        for (name, value) in v.headers.iter().filter(|(n, _)| *n != "Host") {
            request.headers_mut().insert(*name, value.parse().unwrap());
        }
        if !v.body.is_empty() {
            *request.body_mut() = Some(v.body.to_vec().into());
        }
        auth.authenticate(&mut request).unwrap();
        let header = |name: &str| request.headers()[name].to_str().unwrap().to_owned();
        assert_eq!(header("host"), host, "the signed Host is the one sent");
        assert_eq!(header("x-sdk-date"), DATE, "a caller's date is kept");
        assert_eq!(
            header("authorization"),
            format!(
                "SDK-HMAC-SHA256 Access={AK}, SignedHeaders={}, Signature={}",
                v.signed_headers, v.signature
            )
        );
        assert!(request.headers()["authorization"].is_sensitive());
    }
}

#[test]
fn a_missing_date_is_added_in_the_sdk_format() {
    let mut request = reqwest::Request::new(
        reqwest::Method::GET,
        "https://apig.example.com/v2/x".parse().unwrap(),
    );
    AkSkAuth::new(AK, SK).authenticate(&mut request).unwrap();
    let date = request.headers()["x-sdk-date"].to_str().unwrap();
    assert_eq!(date.len(), 16, "{date}");
    assert!(
        date.starts_with("20") && date.as_bytes()[8] == b'T' && date.ends_with('Z'),
        "{date}"
    );
}

#[test]
fn the_secret_key_never_shows_in_debug() {
    let shown = format!(
        "{:?} {:?}",
        AkSkAuth::new(AK, SK),
        Credentials::aksk(AK, SK)
    );
    assert!(!shown.contains(SK), "{shown}");
    assert!(shown.contains(AK), "the access key is not secret: {shown}");
}

#[test]
fn a_temporary_key_sends_and_signs_its_security_token() {
    const SECURITY_TOKEN: &str = "sts-secret-456";
    let mut request = reqwest::Request::new(
        reqwest::Method::GET,
        "https://apig.example.com/v2/x".parse().unwrap(),
    );
    request
        .headers_mut()
        .insert("x-sdk-date", DATE.parse().unwrap());
    let temporary = Credentials::temporary_aksk(AK, SK, SECURITY_TOKEN);
    temporary
        .authenticator()
        .authenticate(&mut request)
        .unwrap();
    let sent = &request.headers()["x-security-token"];
    assert_eq!(sent.to_str().unwrap(), SECURITY_TOKEN);
    assert!(sent.is_sensitive());
    // The same signature as a plain key over the same three headers: the token is signed.
    let (signed_headers, signature) = AkSkAuth::new(AK, SK).signature(
        &Parts {
            method: "GET",
            path: "/v2/x",
            query: "",
            headers: vec![
                ("host".into(), "apig.example.com".into()),
                ("x-sdk-date".into(), DATE.into()),
                ("x-security-token".into(), SECURITY_TOKEN.into()),
            ],
            body: b"",
        },
        DATE,
    );
    assert_eq!(signed_headers, "host;x-sdk-date;x-security-token");
    assert_eq!(
        request.headers()["authorization"].to_str().unwrap(),
        format!(
            "SDK-HMAC-SHA256 Access={AK}, SignedHeaders={signed_headers}, Signature={signature}"
        )
    );
    let shown = format!("{temporary:?}");
    assert!(
        !shown.contains(SECURITY_TOKEN) && !shown.contains(SK),
        "{shown}"
    );
}
