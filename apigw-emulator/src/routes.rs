//! Which operation a request is for: method and path matched against every spec's template.

use std::collections::BTreeMap;

use apigw_spec::{PathSegment, Spec};
use percent_encoding::percent_decode_str;

/// The operations, ready to match requests.
#[derive(Debug)]
pub struct Routes {
    routes: Vec<Route>,
}

#[derive(Debug)]
struct Route {
    method: &'static str,
    /// Each `/`-separated piece: `Ok(literal)` or `Err(placeholder)`.
    pieces: Vec<Result<String, String>>,
    spec: usize,
}

impl Routes {
    /// Routes for `specs` (indices into it are what [`Routes::find`] returns).
    pub fn new(specs: &[Spec]) -> Self {
        let routes = specs
            .iter()
            .enumerate()
            .map(|(index, spec)| {
                // Rebuild the template text with placeholders marked, then split it on `/`.
                let mut text = String::new();
                for segment in &spec.operation.path.segments {
                    match segment {
                        PathSegment::Literal(l) => text.push_str(l),
                        PathSegment::Param(p) => {
                            text.push('\u{0}');
                            text.push_str(&p.value);
                            text.push('\u{0}');
                        }
                    }
                }
                let pieces = text
                    .split('/')
                    .map(|piece| {
                        match piece
                            .strip_prefix('\u{0}')
                            .and_then(|p| p.strip_suffix('\u{0}'))
                        {
                            Some(name) => Err(name.to_owned()),
                            None => Ok(piece.to_owned()),
                        }
                    })
                    .collect();
                Route {
                    method: spec.operation.method.value.as_str(),
                    pieces,
                    spec: index,
                }
            })
            .collect();
        Self { routes }
    }

    /// The operation for `method` and `path` (as received, percent-encoded), with its path
    /// parameters (decoded). Literal pieces win over placeholders, as a router should.
    pub fn find(&self, method: &str, path: &str) -> Option<(usize, BTreeMap<String, String>)> {
        let pieces: Vec<&str> = path.split('/').collect();
        let mut best: Option<(usize, usize, BTreeMap<String, String>)> = None;
        for route in self
            .routes
            .iter()
            .filter(|r| r.method == method && r.pieces.len() == pieces.len())
        {
            let mut params = BTreeMap::new();
            let mut literals = 0;
            let matched = route
                .pieces
                .iter()
                .zip(&pieces)
                .all(|(expected, got)| match expected {
                    Ok(literal) => {
                        literals += 1;
                        literal == got
                    }
                    Err(name) => {
                        let value = percent_decode_str(got).decode_utf8_lossy().into_owned();
                        params.insert(name.clone(), value);
                        !got.is_empty()
                    }
                });
            if matched && best.as_ref().is_none_or(|(_, l, _)| literals > *l) {
                best = Some((route.spec, literals, params));
            }
        }
        best.map(|(spec, _, params)| (spec, params))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(id: &str, method: &str, path: &str) -> Spec {
        let params: String = path
            .split('{')
            .skip(1)
            .map(|p| {
                format!(
                    "[path.{}]\ntype = \"String\"\n",
                    p.split('}').next().unwrap()
                )
            })
            .collect();
        let text = format!(
            "[operation]\nid = \"{id}\"\nmethod = \"{method}\"\npath = \"{path}\"\n{params}[response.204]\n"
        );
        apigw_spec::load("t.toml", &text).unwrap()
    }

    #[test]
    fn literals_win_and_values_are_decoded() {
        let specs = [
            spec("ShowApi", "GET", "/v2/{project_id}/apis/{api_id}"),
            spec("ListPublished", "GET", "/v2/{project_id}/apis/published"),
            spec("DeleteApi", "DELETE", "/v2/{project_id}/apis/{api_id}"),
        ];
        let routes = Routes::new(&specs);
        let (index, params) = routes.find("GET", "/v2/p1/apis/a%2Fb%20c").unwrap();
        assert_eq!(index, 0);
        assert_eq!(params["api_id"], "a/b c");
        assert_eq!(params["project_id"], "p1");
        assert_eq!(routes.find("GET", "/v2/p1/apis/published").unwrap().0, 1);
        assert_eq!(routes.find("DELETE", "/v2/p1/apis/x").unwrap().0, 2);
        assert!(routes.find("PUT", "/v2/p1/apis/x").is_none());
        assert!(
            routes.find("GET", "/v2/p1/apis/").is_none(),
            "an empty value is no value"
        );
        assert!(routes.find("GET", "/v2/p1/apis/x/more").is_none());
    }
}
