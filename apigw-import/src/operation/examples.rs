//! Code blocks → documented examples. A request example may start with its request line, which
//! is checked against the operation's; the body after it must be JSON (the one slip the format
//! shows, a comma before `}` or `]`, is mended with a warning). An example that cannot be read
//! as JSON is left out with a warning naming its line: examples illustrate, the tables define.

use apigw_spec::Example;

use crate::Warning;
use crate::page::PageExample;
use crate::request_line::RequestLine;

/// The example requests, checked against the operation's request line.
pub(super) fn requests(
    list: &[PageExample],
    operation: &RequestLine,
    has_body: bool,
    warnings: &mut Vec<Warning>,
) -> Vec<Example> {
    let mut out = Vec::new();
    for e in list {
        if let Some(line) = &e.request_line
            && (line.method != operation.method || !same_path(&operation.path, &line.path))
        {
            warnings.push(Warning::new(
                e.line,
                format!(
                    "example request `{} {}` is not the operation's `{} {}`",
                    line.method, line.path, operation.method, operation.path
                ),
            ));
        }
        if e.code.trim().is_empty() {
            continue; // a request line alone: a request without a body
        }
        if !has_body {
            warnings.push(Warning::new(
                e.line,
                "example request body, but the page documents no request body; left out",
            ));
            continue;
        }
        out.extend(json(e, warnings));
    }
    out
}

/// The example responses of one status, whose body table documents the top-level `fields`
/// (if it is an object's table).
///
/// Pages show their error bodies beside the success example ("… or …", "In the preceding
/// example, **error** indicates a general error, for example, **itemNotFound**"): under a
/// success status, an example that is an error body (`apigw_shared::error_body`) and names
/// no field the status documents is not the success's, and is left out with a warning.
pub(super) fn responses<'a>(
    list: impl Iterator<Item = &'a PageExample>,
    has_body: bool,
    status: u16,
    fields: Option<&[String]>,
    warnings: &mut Vec<Warning>,
) -> Vec<Example> {
    let mut out = Vec::new();
    for e in list {
        if e.code.trim().is_empty() {
            continue;
        }
        if !has_body {
            warnings.push(Warning::new(
                e.line,
                format!("example response for status {status}, which documents no body; left out"),
            ));
            continue;
        }
        let Some(example) = json(e, warnings) else {
            continue;
        };
        if (200..300).contains(&status)
            && let Some(fields) = fields
            && let Ok(value) = serde_json::from_str::<serde_json::Value>(&example.json.value)
            && apigw_shared::error_body::is_error(&value)
            && value
                .as_object()
                .is_some_and(|top| top.keys().all(|k| !fields.contains(k)))
        {
            warnings.push(Warning::new(
                e.line,
                format!("example response is an error body, not the {status} documented; left out"),
            ));
            continue;
        }
        out.push(example);
    }
    out
}

/// The JSON objects that `list`'s examples are (what the tables' rows are keys of), read as
/// [`json`] reads them, without its warnings: those are given where the examples are kept.
pub(super) fn objects<'a>(
    list: impl IntoIterator<Item = &'a PageExample>,
) -> Vec<serde_json::Map<String, serde_json::Value>> {
    list.into_iter()
        .filter_map(|e| json(e, &mut Vec::new()))
        .filter_map(|e| match serde_json::from_str(&e.json.value) {
            Ok(serde_json::Value::Object(o)) => Some(o),
            _ => None,
        })
        .collect()
}

fn json(e: &PageExample, warnings: &mut Vec<Warning>) -> Option<Example> {
    let mut json = e.code.clone();
    if let Err(err) = serde_json::from_str::<serde_json::Value>(&json) {
        let repaired = without_trailing_commas(&json);
        if serde_json::from_str::<serde_json::Value>(&repaired).is_err() {
            warnings.push(Warning::new(
                e.line,
                format!("example is not valid JSON ({err}); left out"),
            ));
            return None;
        }
        warnings.push(Warning::new(
            e.line,
            format!("example is not valid JSON ({err}); imported without its trailing commas"),
        ));
        json = repaired;
    }
    Some(Example {
        summary: e.summary.as_deref().map(apigw_spec::rst::inline),
        // Written as a multi-line string, which ends in a line break. Until the spec is written, an example's span is its page line (see the module docs
        // of `operation`), so that warnings about it can name the line.
        json: apigw_spec::Spanned::new(json + "\n", e.line..e.line),
    })
}

/// Whether an example's path is the template's: literal pieces equal, placeholders filled.
pub(super) fn same_path(template: &str, path: &str) -> bool {
    let a: Vec<&str> = template.trim_end_matches('/').split('/').collect();
    let b: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    a.len() == b.len()
        && a.iter()
            .zip(&b)
            .all(|(t, p)| t == p || (t.contains('{') && !p.is_empty()))
}

/// `json` without commas that directly precede a closing `}` or `]` (outside strings).
fn without_trailing_commas(json: &str) -> String {
    let chars: Vec<char> = json.chars().collect();
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for (i, &c) in chars.iter().enumerate() {
        if in_string {
            in_string = c != '"' || escaped;
            escaped = c == '\\' && !escaped;
        } else if c == '"' {
            in_string = true;
        } else if c == ','
            && chars[i + 1..]
                .iter()
                .find(|c| !c.is_whitespace())
                .is_some_and(|n| matches!(n, '}' | ']'))
        {
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_paths_fill_the_template() {
        assert!(same_path(
            "/v1/{project_id}/servers/{id}",
            "/v1/{project_id}/servers/abc"
        ));
        assert!(same_path("/v1/{project_id}/servers", "/v1/0605/servers/"));
        assert!(!same_path("/v1/{project_id}/servers", "/v1/0605/volumes"));
    }

    #[test]
    fn trailing_commas_are_mended() {
        assert_eq!(
            without_trailing_commas("{\"a\": [1, 2,], \"b\": \",}\",}"),
            "{\"a\": [1, 2], \"b\": \",}\"}"
        );
    }
}
