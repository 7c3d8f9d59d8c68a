//! Request lines: how a page writes an operation's method and path. The format knows
//! `GET /v2/{project_id}/things`, the same with the endpoint written out
//! (`POST https://{Endpoint}/v3/...`, placeholders in emphasis `{*project_id*}`, a query string
//! `?limit={limit}`), and the older `PATH: /v1/...` with `Method: GET` on a line of its own. A
//! method is read in any case (`Get`); a query string may be broken by spaces after its `&`
//! (`&a={a}& b={b}`).
//! Example requests start with the same line, then the body.

use apigw_spec::Method;

/// A method and path as a page writes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestLine {
    /// `GET`, ... (empty while a `PATH:` line waits for its `Method:` line).
    pub method: String,
    /// The path, from its first `/`, without the endpoint and the query string.
    pub path: String,
    /// The names in the query string, in order.
    pub query: Vec<String>,
    /// Page line.
    pub line: usize,
}

/// `METHOD path`, if the text is one (a sentence that merely starts with a method is not).
pub fn read(text: &str, line: usize) -> Option<RequestLine> {
    let plain = plain(text);
    let (method, rest) = plain.split_once(char::is_whitespace)?;
    let method = method_named(method)?;
    // The target ends at the first space outside braces (`{Cloud Eye endpoint}` is one),
    // unless the query string goes on after it (`…&metadata={metadata}& name~={name}`).
    let rest = rest.trim_start();
    let mut target = String::new();
    let mut words = rest;
    loop {
        let end = outside_braces(words, char::is_whitespace).unwrap_or(words.len());
        target.push_str(&words[..end]);
        words = words[end..].trim_start();
        let goes_on = target.contains('?') && (target.ends_with('&') || words.starts_with('&'));
        if words.is_empty() || !goes_on {
            break;
        }
    }
    // Only a protocol version may follow the target (`HTTP/1.1`).
    if words.split_whitespace().any(|w| !w.starts_with("HTTP/")) {
        return None;
    }
    let (path, query) = target_parts(&target)?;
    Some(RequestLine {
        method,
        path,
        query,
        line,
    })
}

/// The method a word names, in any case (`Get` → `GET`).
fn method_named(word: &str) -> Option<String> {
    Method::ALL
        .iter()
        .find(|(m, _)| m.eq_ignore_ascii_case(word))
        .map(|(m, _)| (*m).to_owned())
}

/// A method alone (`GET`), as a `URI` section may state it when its path is only in the
/// example request.
pub fn method_alone(text: &str) -> Option<String> {
    method_named(&plain(text))
}

/// `PATH: /v1/...` (its method follows on a line of its own).
pub fn path_line(text: &str, line: usize) -> Option<RequestLine> {
    let plain = plain(text);
    let (key, value) = plain.split_once(':')?;
    if !key.trim().eq_ignore_ascii_case("path") {
        return None;
    }
    let (path, query) = target_parts(value.trim())?;
    Some(RequestLine {
        method: String::new(),
        path,
        query,
        line,
    })
}

/// `Method: POST`.
pub fn method_line(text: &str) -> Option<String> {
    let plain = plain(text);
    let (key, value) = plain.split_once(':')?;
    if !key.trim().eq_ignore_ascii_case("method") {
        return None;
    }
    method_named(value.trim())
}

/// An example code block → its request line (if it starts with one) and the rest, trimmed.
pub fn split_example(code: &str) -> (Option<RequestLine>, String) {
    let trimmed = code.trim_start();
    let first = trimmed.lines().next().unwrap_or("");
    match read(first, 0) {
        Some(request) => (Some(request), trimmed[first.len()..].trim().to_owned()),
        None => (None, code.to_owned()),
    }
}

/// The byte offset of the first character outside `{...}` that `is` accepts.
fn outside_braces(text: &str, is: impl Fn(char) -> bool) -> Option<usize> {
    let mut depth = 0usize;
    text.char_indices()
        .find(|&(_, c)| {
            match c {
                '{' => depth += 1,
                '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
            depth == 0 && is(c)
        })
        .map(|(i, _)| i)
}

/// The text without emphasis and escapes.
fn plain(text: &str) -> String {
    text.chars()
        .filter(|&c| c != '*' && c != '\\')
        .collect::<String>()
        .trim()
        .to_owned()
}

/// `https://{endpoint}/v1/{id}/x?limit={limit}&offset=1` → (`/v1/{id}/x`, [`limit`, `offset`]).
fn target_parts(target: &str) -> Option<(String, Vec<String>)> {
    let target = target.trim_end_matches(['.', ',']);
    let without_scheme = match target.find("://") {
        Some(i) => &target[i + 3..],
        None => target,
    };
    // The endpoint (`{endpoint}`, `api.example.com`) ends at the first `/` outside braces.
    let start = outside_braces(without_scheme, |c| c == '/')?;
    let target = &without_scheme[start..];
    // A URI template's query part: `/v3/endpoints{?interface,service_id}`.
    let (path, query) = match target.split_once("{?") {
        Some((path, names)) => (path, names.trim_end_matches('}')),
        None => target.split_once('?').unwrap_or((target, "")),
    };
    let query = query.replace(',', "&");
    if path.is_empty() || path.contains(char::is_whitespace) {
        return None;
    }
    let query = query
        .split('&')
        .filter_map(|pair| pair.split('=').next())
        .map(|n| n.trim_matches(['{', '}']).to_owned())
        .filter(|n| !n.is_empty())
        .collect();
    Some((path.to_owned(), query))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_the_format() {
        let l = read("GET /v2/{project_id}/servers/{server_id}", 3).unwrap();
        assert_eq!(
            (l.method.as_str(), l.path.as_str(), l.line),
            ("GET", "/v2/{project_id}/servers/{server_id}", 3)
        );
        let l = read(
            "POST https://{*Endpoint*}/v3/{*project_id*}/instances?limit={limit}&offset=2",
            1,
        )
        .unwrap();
        assert_eq!(l.path, "/v3/{project_id}/instances");
        assert_eq!(l.query, ["limit", "offset"]);
        let l = read("GET https://api.region.example.com/v3/auth/projects", 1).unwrap();
        assert_eq!(l.path, "/v3/auth/projects");
        let l = read("GET /v3/endpoints{?interface,service_id}", 1).unwrap();
        assert_eq!(l.path, "/v3/endpoints");
        assert_eq!(l.query, ["interface", "service_id"]);
        assert!(read("GET the list of things", 1).is_none());
        assert!(read("Deleting things", 1).is_none());
        let p = path_line("PATH: /svc/v1/{project_id}/backups", 9).unwrap();
        assert_eq!(
            (p.method.as_str(), p.path.as_str()),
            ("", "/svc/v1/{project_id}/backups")
        );
        assert_eq!(method_line("Method: POST").as_deref(), Some("POST"));
        assert_eq!(read("Get /v1/{id}/types", 1).unwrap().method, "GET");
        assert_eq!(method_alone("GET").as_deref(), Some("GET"));
        assert_eq!(method_alone("GET /v1"), None);
        // A query string broken by spaces after its `&`.
        let l = read(
            "GET /v2/{p}/shares?limit={limit}& name~={name}& with_count={w}",
            1,
        )
        .unwrap();
        assert_eq!(l.path, "/v2/{p}/shares");
        assert_eq!(l.query, ["limit", "name~", "with_count"]);
        assert!(read("GET /v2/shares and more", 1).is_none());
        let (line, body) = split_example("POST https://{endpoint}/v1/x\n\n{\n  \"a\": 1\n}");
        assert_eq!(line.unwrap().path, "/v1/x");
        assert_eq!(body, "{\n  \"a\": 1\n}");
        let (line, body) = split_example("{\"a\": 1}");
        assert!(line.is_none());
        assert_eq!(body, "{\"a\": 1}");
    }
}
