//! A service's endpoint pattern: the URL of one region with [`REGION`] in place of the region.

use std::fmt;

/// The placeholder of an endpoint pattern that the region fills.
pub const REGION: &str = "{region}";

/// The endpoint pattern of Open Telekom Cloud's services, for a service whose reference does not
/// say its own: the service's short name as the first label of the region's host.
///
/// ```
/// assert_eq!(apigw_shared::family_endpoint("evs"), "https://evs.{region}.otc.t-systems.com");
/// ```
pub fn family_endpoint(service: &str) -> String {
    format!("https://{service}.{REGION}.otc.t-systems.com")
}

/// A service's endpoint pattern, e.g. `https://ecs.{region}.otc.t-systems.com`: written so in
/// `service.toml`, checked by [`Endpoint::problem`], generated into the service's `SERVICE`
/// as [`Endpoint::new`] of the same text, and filled in by [`Endpoint::in_region`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Endpoint<'a> {
    pattern: &'a str,
}

impl<'a> Endpoint<'a> {
    /// The pattern as written; [`Endpoint::problem`] tells whether it is a good one (the
    /// generator only writes patterns the checker accepted).
    pub const fn new(pattern: &'a str) -> Self {
        Self { pattern }
    }

    /// The pattern, checked: the reason it is not an endpoint pattern otherwise.
    ///
    /// # Errors
    /// When `pattern` is not an `http`/`https` URL with a host, or holds a query, a fragment,
    /// a space or a placeholder other than [`REGION`].
    pub fn parse(pattern: &'a str) -> Result<Self, String> {
        match Self::problem(pattern) {
            Some(reason) => Err(reason),
            None => Ok(Self::new(pattern)),
        }
    }

    /// The pattern as written.
    pub const fn as_str(&self) -> &'a str {
        self.pattern
    }

    /// The endpoint in `region`.
    pub fn in_region(&self, region: &str) -> String {
        self.pattern.replace(REGION, region)
    }

    /// Why `pattern` is not an endpoint pattern, if it is not.
    pub fn problem(pattern: &str) -> Option<String> {
        let Some(rest) = pattern
            .strip_prefix("https://")
            .or_else(|| pattern.strip_prefix("http://"))
        else {
            return Some("it must start with `https://` or `http://`".into());
        };
        if rest.is_empty() || rest.starts_with('/') {
            return Some("it has no host".into());
        }
        if rest.contains(['?', '#', ' ']) {
            return Some("it must not hold a query, a fragment or spaces".into());
        }
        let without = rest.replace(REGION, "");
        if let Some(brace) = without.find(['{', '}']) {
            let placeholder: String = without[brace..]
                .chars()
                .take_while(|c| *c != '}')
                .chain(Some('}'))
                .collect();
            return Some(format!(
                "`{placeholder}` is not a placeholder of an endpoint (only `{REGION}` is)"
            ));
        }
        None
    }
}

impl fmt::Display for Endpoint<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.pattern)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pattern_is_a_url_with_the_region_as_its_only_placeholder() {
        let ecs = Endpoint::parse("https://ecs.{region}.otc.t-systems.com").unwrap();
        assert_eq!(
            ecs.in_region("eu-de"),
            "https://ecs.eu-de.otc.t-systems.com"
        );
        assert_eq!(ecs.to_string(), "https://ecs.{region}.otc.t-systems.com");
        let local = Endpoint::parse("http://127.0.0.1:8080/ecs").unwrap();
        assert_eq!(local.in_region("eu-de"), "http://127.0.0.1:8080/ecs");
        let problem = |pattern| Endpoint::parse(pattern).unwrap_err();
        assert!(problem("ecs.{region}.example.com").contains("https://"));
        assert!(problem("https://{project}.example.com").contains("`{project}`"));
        assert!(problem("https://{region.example.com").contains("`{region.example.com}`"));
        assert!(problem("https:///path").contains("no host"));
        assert!(problem("https://x.example.com/?a=1").contains("query"));
    }
}
