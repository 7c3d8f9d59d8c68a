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
    /// The template's `/`-separated segments, each as the pieces the spec parser read (a
    /// segment may hold several placeholders, e.g. `{region}:{floatingip_id}`).
    segments: Vec<Vec<Piece>>,
    spec: usize,
}

#[derive(Debug)]
enum Piece {
    Literal(String),
    Param(String),
}

impl Route {
    /// The model's template, cut at each `/` of its literal text (placeholders hold none).
    fn new(spec: &Spec, index: usize) -> Self {
        let mut segments = Vec::new();
        let mut current = Vec::new();
        for segment in &spec.operation.path.segments {
            match segment {
                PathSegment::Literal(text) => {
                    for (i, part) in text.split('/').enumerate() {
                        if i > 0 {
                            segments.push(std::mem::take(&mut current));
                        }
                        if !part.is_empty() {
                            current.push(Piece::Literal(part.to_owned()));
                        }
                    }
                }
                PathSegment::Param(name) => current.push(Piece::Param(name.value.clone())),
            }
        }
        segments.push(current);
        Self {
            method: spec.operation.method.value.as_str(),
            segments,
            spec: index,
        }
    }
}

/// Matches one received segment (percent-encoded) against a template segment's pieces:
/// literals as they are, each placeholder a non-empty value up to the next literal (values
/// are encoded, so a literal `:` cannot come from inside one). The values are decoded.
fn match_segment(pieces: &[Piece], got: &str, params: &mut BTreeMap<String, String>) -> bool {
    let mut rest = got;
    for (i, piece) in pieces.iter().enumerate() {
        match piece {
            Piece::Literal(literal) => match rest.strip_prefix(literal.as_str()) {
                Some(after) => rest = after,
                None => return false,
            },
            Piece::Param(name) => {
                let end = match pieces.get(i + 1) {
                    Some(Piece::Literal(next)) => match rest.find(next.as_str()) {
                        Some(end) => end,
                        None => return false,
                    },
                    // Two placeholders side by side cannot be told apart: the first is empty.
                    Some(Piece::Param(_)) => 0,
                    None => rest.len(),
                };
                if end == 0 {
                    return false;
                }
                let value = percent_decode_str(&rest[..end]).decode_utf8_lossy();
                params.insert(name.clone(), value.into_owned());
                rest = &rest[end..];
            }
        }
    }
    rest.is_empty()
}

impl Routes {
    /// Routes for `specs` (indices into it are what [`Routes::find`] returns).
    pub fn new(specs: &[Spec]) -> Self {
        let routes = specs
            .iter()
            .enumerate()
            .map(|(index, spec)| Route::new(spec, index))
            .collect();
        Self { routes }
    }

    /// The operation for `method` and `path` (as received, percent-encoded), with its path
    /// parameters (decoded). Literal segments win over placeholders, as a router should.
    pub fn find(&self, method: &str, path: &str) -> Option<(usize, BTreeMap<String, String>)> {
        self.find_all(method, path).into_iter().next()
    }

    /// Every operation that [`find`](Self::find) could answer with, in spec order: several
    /// when a reference documents several operations at one method and path (told apart by
    /// their bodies or queries, e.g. one `POST .../action` per action).
    pub fn find_all(&self, method: &str, path: &str) -> Vec<(usize, BTreeMap<String, String>)> {
        let segments: Vec<&str> = path.split('/').collect();
        let mut best: Vec<(usize, usize, BTreeMap<String, String>)> = Vec::new();
        for route in self
            .routes
            .iter()
            .filter(|r| r.method == method && r.segments.len() == segments.len())
        {
            let mut params = BTreeMap::new();
            let matched = route
                .segments
                .iter()
                .zip(&segments)
                .all(|(pieces, got)| match_segment(pieces, got, &mut params));
            let literals = route
                .segments
                .iter()
                .filter(|pieces| pieces.iter().all(|p| matches!(p, Piece::Literal(_))))
                .count();
            if !matched {
                continue;
            }
            match best.first().map(|(_, l, _)| *l) {
                Some(l) if literals < l => {}
                Some(l) if literals == l => best.push((route.spec, literals, params)),
                _ => best = vec![(route.spec, literals, params)],
            }
        }
        best.into_iter()
            .map(|(spec, _, params)| (spec, params))
            .collect()
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

    #[test]
    fn several_placeholders_in_one_segment() {
        let specs = [
            spec(
                "ShowPtr",
                "GET",
                "/v2/reverse/floatingips/{region}:{floatingip_id}",
            ),
            spec("ListPtrs", "GET", "/v2/reverse/floatingips"),
            spec("Root", "GET", "/"),
        ];
        let routes = Routes::new(&specs);
        let (index, params) = routes
            .find("GET", "/v2/reverse/floatingips/eu%3Ade:f%2F1")
            .unwrap();
        assert_eq!(index, 0);
        assert_eq!(params["region"], "eu:de");
        assert_eq!(params["floatingip_id"], "f/1");
        for missing in [
            "/v2/reverse/floatingips/eu-de",
            "/v2/reverse/floatingips/:f1",
            "/v2/reverse/floatingips/eu-de:",
        ] {
            assert!(routes.find("GET", missing).is_none(), "{missing}");
        }
        assert_eq!(routes.find("GET", "/v2/reverse/floatingips").unwrap().0, 1);
        assert_eq!(routes.find("GET", "/").unwrap().0, 2);
        assert!(routes.find("GET", "").is_none());
    }
}
