//! A path template split into its pieces when the code was generated: building a request
//! fills the pieces, it never reads the template text.

use std::fmt;

/// A piece of a [`PathTemplate`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PathSegment {
    /// Text sent as it is (it may hold several `/`-separated segments), e.g. `/v2/`.
    Literal(&'static str),
    /// A `{name}` placeholder, filled with the percent-encoded value of the path parameter
    /// `name`.
    Param(&'static str),
}

/// A path template, e.g. `/v2/{project_id}/apigw/instances/{instance_id}`, as its text and
/// its pieces. Generated code builds it as a constant:
///
/// ```
/// use apigw_runtime::{PathSegment, PathTemplate};
///
/// static PATH: PathTemplate = PathTemplate::new(
///     "/v2/{project_id}/things/{thing_id}",
///     &[
///         PathSegment::Literal("/v2/"),
///         PathSegment::Param("project_id"),
///         PathSegment::Literal("/things/"),
///         PathSegment::Param("thing_id"),
///     ],
/// );
/// assert_eq!(PATH.placeholders().collect::<Vec<_>>(), ["project_id", "thing_id"]);
/// assert_eq!(PATH.to_string(), "/v2/{project_id}/things/{thing_id}");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PathTemplate {
    text: &'static str,
    segments: &'static [PathSegment],
}

impl PathTemplate {
    /// A template from its text and its pieces.
    ///
    /// # Panics
    /// When the pieces do not spell the text (literals as they are, placeholders as
    /// `{name}`), a piece holds a brace, or a placeholder name is empty. In a `static` or `const`
    /// this is a compile error, so a constant template cannot disagree with its text:
    ///
    /// ```compile_fail
    /// use apigw_runtime::{PathSegment, PathTemplate};
    ///
    /// static PATH: PathTemplate = PathTemplate::new("/v2/{id}", &[PathSegment::Literal("/v2/")]);
    /// ```
    pub const fn new(text: &'static str, segments: &'static [PathSegment]) -> Self {
        assert!(
            spells(text.as_bytes(), segments),
            "the path template's pieces do not spell its text"
        );
        Self { text, segments }
    }

    /// The template as written, e.g. `/v2/{project_id}/things`.
    pub const fn as_str(&self) -> &'static str {
        self.text
    }

    /// The pieces, in order.
    pub const fn segments(&self) -> &'static [PathSegment] {
        self.segments
    }

    /// The placeholder names, in order (`project_id`, `thing_id`).
    pub fn placeholders(&self) -> impl Iterator<Item = &'static str> + use<> {
        self.segments.iter().filter_map(|segment| match *segment {
            PathSegment::Param(name) => Some(name),
            PathSegment::Literal(_) => None,
        })
    }
}

impl fmt::Display for PathTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text)
    }
}

/// Whether `segments` written out (placeholders in braces) is exactly `text`.
const fn spells(text: &[u8], segments: &[PathSegment]) -> bool {
    let mut at = 0;
    let mut i = 0;
    while i < segments.len() {
        let (piece, braced) = match segments[i] {
            PathSegment::Literal(literal) => (literal.as_bytes(), false),
            PathSegment::Param(name) => (name.as_bytes(), true),
        };
        if braced {
            if piece.is_empty() || at >= text.len() || text[at] != b'{' {
                return false;
            }
            at += 1;
        }
        let mut j = 0;
        while j < piece.len() {
            if at >= text.len() || text[at] != piece[j] || piece[j] == b'{' || piece[j] == b'}' {
                return false;
            }
            at += 1;
            j += 1;
        }
        if braced {
            if at >= text.len() || text[at] != b'}' {
                return false;
            }
            at += 1;
        }
        i += 1;
    }
    at == text.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use PathSegment::{Literal, Param};

    #[test]
    fn pieces_must_spell_the_text() {
        let ok: [(&str, &[PathSegment]); 4] = [
            ("/", &[Literal("/")]),
            ("", &[]),
            (
                "/v1/{a}:{b}",
                &[Literal("/v1/"), Param("a"), Literal(":"), Param("b")],
            ),
            ("/{a}/x", &[Literal("/"), Param("a"), Literal("/x")]),
        ];
        for (text, segments) in ok {
            assert!(spells(text.as_bytes(), segments), "{text}");
        }
        let wrong: [(&str, &[PathSegment]); 7] = [
            ("/{a}", &[Literal("/{a}")]),
            ("/v1/x", &[Literal("/v1/")]),
            ("/v1", &[Literal("/v1/")]),
            ("/{a}", &[Literal("/{a}"), Param("a")]),
            ("/{b}", &[Literal("/"), Param("a")]),
            ("/{}", &[Literal("/"), Param("")]),
            ("/{a}", &[Literal("/"), Param("a}")]),
        ];
        for (text, segments) in wrong {
            assert!(!spells(text.as_bytes(), segments), "{text} {segments:?}");
        }
    }

    #[test]
    #[should_panic(expected = "do not spell")]
    fn a_template_that_disagrees_with_its_text_is_refused() {
        let _ = PathTemplate::new("/v2/{id}", &[Literal("/v2/"), Param("other")]);
    }
}
