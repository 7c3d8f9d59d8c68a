//! A new service's file (`service.toml`) from its reference: the title its index page gives,
//! and the endpoint its pages call.
//!
//! **The endpoint** is the host that the reference's own request URLs name — URLs whose path
//! is one of the reference's operation paths (`GET https://dds.eu-de.otc.t-systems.com/v3/…`),
//! or its version documents' links — with the label that names a region (`eu-de`, `eu-nl`,
//! `ap-southeast-1`) as `{region}`: the host named most often wins. URLs of other services
//! (a token request to IAM) do not match an operation path, and a host without a region label
//! (`sample.domain.com`) is not an endpoint. A reference that names none gets the family's
//! pattern ([`apigw_spec::service::family_endpoint`]).

use std::collections::HashMap;
use std::sync::LazyLock;

use apigw_spec::service::{REGION, Service, family_endpoint};
use apigw_spec::{Spanned, Spec};
use regex::Regex;

/// The service file of the service `name`, whose reference is the folder `reference` (of
/// `reference/`), with the title of its index page `index` and the endpoint its `pages` call
/// (see the module docs); `operations` are the specs imported from those pages.
pub fn new_service(
    name: &str,
    reference: &str,
    index: Option<&str>,
    pages: &[(String, String)],
    operations: &[&Spec],
) -> Service {
    let endpoint = endpoint(pages, operations).unwrap_or_else(|| family_endpoint(name));
    Service {
        name: Spanned::new(name.to_owned(), 0..0),
        title: Spanned::new(
            index.and_then(title).unwrap_or_else(|| name.to_owned()),
            0..0,
        ),
        description: None,
        endpoint: Spanned::new(endpoint, 0..0),
        reference: Some(reference.to_owned()),
        catalog: Vec::new(),
        errors: Vec::new(),
    }
}

/// The service's title from its reference's index page: the page's title, without the
/// ` - API Reference` (or `API Reference`) it may end with.
pub fn title(index: &str) -> Option<String> {
    let lines: Vec<&str> = index.lines().collect();
    // A title is a line of text underlined (and maybe overlined) by `=`, `-`, `*`, `#`.
    let underline = |line: &str| {
        let line = line.trim_end();
        line.len() >= 3 && line.chars().all(|c| matches!(c, '=' | '-' | '*' | '#'))
    };
    let text = lines.windows(2).find_map(|pair| {
        let text = pair[0].trim();
        (!text.is_empty()
            && !text.starts_with(['.', ':'])
            && !underline(text)
            && underline(pair[1]))
        .then_some(text)
    })?;
    let text = text
        .trim_end_matches("API Reference")
        .trim_end()
        .trim_end_matches(['-', '–', ':'])
        .trim_end();
    (!text.is_empty()).then(|| text.to_owned())
}

/// The endpoint pattern the `pages` call (see the module docs), if they call one.
pub fn endpoint(pages: &[(String, String)], operations: &[&Spec]) -> Option<String> {
    static URL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(https?)://([A-Za-z0-9.-]+)(/[^\s"'`<>|\\?#]*)?"#).expect("a valid regex")
    });
    // Each operation's path by `/`-separated segment: its literal text, or `None` where a
    // placeholder stands (in all or part of the segment).
    let templates: Vec<Vec<Option<&str>>> = operations
        .iter()
        .map(|spec| {
            let raw = spec
                .operation
                .path
                .raw
                .split('?')
                .next()
                .unwrap_or_default();
            raw.split('/')
                .filter(|s| !s.is_empty())
                .map(|s| (!s.contains('{')).then_some(s))
                .collect()
        })
        .collect();
    // A path and the version documents' paths the operations' share (`/v2.0`, `/v1/`).
    let versions: Vec<&str> = templates
        .iter()
        .filter_map(|t| t.first().copied().flatten())
        .filter(|first| is_version(first))
        .collect();
    let matches = |path: &str| {
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let version_document = segments.len() == 1 && versions.contains(&segments[0]);
        version_document
            || templates.iter().any(|t| {
                t.len() == segments.len()
                    && t.iter()
                        .zip(&segments)
                        .all(|(literal, got)| literal.is_none_or(|l| l == *got))
            })
    };
    let mut counts: HashMap<String, (usize, usize)> = HashMap::new();
    let mut order = 0;
    for (_, text) in pages {
        for found in URL.captures_iter(text) {
            // A bare host (a resource's own address in an answer) says nothing of the API.
            let Some(path) = found.get(3).map(|m| m.as_str()).filter(|p| p.len() > 1) else {
                continue;
            };
            if !matches(path) {
                continue;
            }
            let Some(host) = regional(&found[2]) else {
                continue;
            };
            let pattern = format!("{}://{host}", &found[1]);
            order += 1;
            counts.entry(pattern).or_insert((0, order)).0 += 1;
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)))
        .map(|(pattern, _)| pattern)
}

/// `host` with its region label as [`REGION`], if it has exactly one.
fn regional(host: &str) -> Option<String> {
    let labels: Vec<&str> = host.split('.').collect();
    let regions: Vec<usize> = (0..labels.len())
        .filter(|&i| is_region(labels[i]))
        .collect();
    let [at] = regions[..] else { return None };
    // The host must name something before the region (the service) and after it (a domain).
    if at == 0 || at + 1 >= labels.len() {
        return None;
    }
    let mut labels: Vec<String> = labels.iter().map(|l| (*l).to_ascii_lowercase()).collect();
    labels[at] = REGION.to_owned();
    Some(labels.join("."))
}

/// Whether a host label names a region: two letters, a hyphen, a word, and maybe a number
/// (`eu-de`, `eu-ch2`, `ap-southeast-1`).
fn is_region(label: &str) -> bool {
    static REGION_LABEL: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[a-z]{2}-[a-z]+[0-9]*(-[0-9]+)?$").expect("a valid regex"));
    REGION_LABEL.is_match(label)
}

/// Whether a path segment is an API version (`v1`, `v2.0`, `V3`).
fn is_version(segment: &str) -> bool {
    segment.strip_prefix(['v', 'V']).is_some_and(|v| {
        !v.is_empty()
            && v.split('.')
                .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A spec of `method` `path`, whose placeholders are string parameters, answering 204.
    fn spec(method: &str, path: &str) -> Spec {
        let params: String = path
            .split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}'))
            .map(|(name, _)| format!("[path.{name}]\ntype = \"String\"\n"))
            .collect();
        let text = format!(
            "[operation]\nid = \"X\"\nmethod = \"{method}\"\npath = \"{path}\"\n{params}[response.204]\n"
        );
        apigw_spec::load("t.toml", &text).unwrap()
    }

    #[test]
    fn the_host_the_request_urls_name_with_its_region_as_a_placeholder() {
        let ops = [spec("GET", "/v3/{project_id}/instances")];
        let pages = vec![(
            "a.rst".to_owned(),
            "GET https://dds.eu-de.otc.t-systems.com/v3/0549a7f3/instances?offset=0\n\
             POST https://iam.eu-de.otc.t-systems.com/v3/auth/tokens\n\
             POST https://iam.eu-de.otc.t-systems.com/v3/auth/tokens\n\
             See https://docs.otc.t-systems.com/v3/x/instances.\n"
                .to_owned(),
        )];
        let ops: Vec<&Spec> = ops.iter().collect();
        assert_eq!(
            endpoint(&pages, &ops).as_deref(),
            Some("https://dds.{region}.otc.t-systems.com"),
            "IAM's URL is no operation of the reference; docs. has no region"
        );
    }

    #[test]
    fn a_version_document_link_names_the_endpoint_too() {
        let ops = [spec("GET", "/v2.0/{project_id}/dcaas/direct-connects")];
        let ops: Vec<&Spec> = ops.iter().collect();
        let pages = vec![(
            "v.rst".to_owned(),
            r#""href": "https://dcaas.eu-de.otc.t-systems.com/v2.0","#.to_owned(),
        )];
        assert_eq!(
            endpoint(&pages, &ops).as_deref(),
            Some("https://dcaas.{region}.otc.t-systems.com")
        );
    }

    #[test]
    fn a_reference_that_names_no_regional_host_gets_the_familys_pattern() {
        let ops = [spec("GET", "/v1/{project_id}/volumes")];
        let ops: Vec<&Spec> = ops.iter().collect();
        let pages = vec![(
            "a.rst".to_owned(),
            "GET https://{Endpoint}/v1/p/volumes\nGET https://sample.domain.com/v1/p/volumes\n\
             \"external\": \"https://a1b2.evs.eu-de.otc.t-systems.com\"\n\
             GET https://vpc.region.otctest.t-systems.com/v1/p/volumes\n"
                .to_owned(),
        )];
        assert_eq!(endpoint(&pages, &ops), None);
        let service = new_service("evs", "elastic-volume-service", None, &pages, &ops);
        assert_eq!(
            service.endpoint.value,
            "https://evs.{region}.otc.t-systems.com"
        );
        assert_eq!(service.title.value, "evs");
    }

    #[test]
    fn the_title_is_the_index_pages_without_api_reference() {
        let index = ":original_name: index.html\n\n==========================================\nElastic Volume Service - API Reference\n==========================================\n\n.. toctree::\n";
        assert_eq!(title(index).as_deref(), Some("Elastic Volume Service"));
        assert_eq!(
            title("Anti-DDoS API Reference\n=======================\n").as_deref(),
            Some("Anti-DDoS")
        );
    }
}
