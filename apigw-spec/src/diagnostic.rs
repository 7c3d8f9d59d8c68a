//! Problems found in a spec, each tied to the place in the file where it was written.
//!
//! Like `serde_derive`'s `Ctxt`, a [`Diagnostics`] collects every problem of a spec in one pass
//! so that the author sees them all at once instead of one per build.

use std::fmt::Write as _;

use crate::source::{SourceFile, Span};

/// One problem in a spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where the problem is.
    pub span: Span,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it, where the tool can tell (for example the closest valid key).
    pub help: Option<String>,
}

impl Diagnostic {
    /// A problem at `span`.
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Self {
            span,
            message: message.into(),
            help: None,
        }
    }

    /// Adds a hint.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Renders the problem for a person: `file:line:column: message`, the line of the spec with a
    /// caret under the offending text, and the hint.
    pub fn render(&self, source: &SourceFile) -> String {
        let start = source.position(self.span.start);
        let mut out = format!(
            "{}:{}:{}: {}",
            source.name(),
            start.line,
            start.column,
            self.message
        );
        let line = source.line_text(start.line);
        let end = source.position(self.span.end.max(self.span.start));
        let width = if end.line == start.line {
            end.column.saturating_sub(start.column).max(1)
        } else {
            line.chars().count().saturating_sub(start.column - 1).max(1)
        };
        let gutter = start.line.to_string().len();
        let _ = write!(
            out,
            "\n{blank:gutter$} |\n{line_no} | {line}\n{blank:gutter$} | {pad}{carets}",
            blank = "",
            line_no = start.line,
            pad = " ".repeat(start.column - 1),
            carets = "^".repeat(width),
        );
        if let Some(help) = &self.help {
            let _ = write!(out, "\n{blank:gutter$} = help: {help}", blank = "");
        }
        out
    }
}

/// The problems found so far in one spec.
#[derive(Debug, Default)]
pub struct Diagnostics {
    list: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a problem, unless one was already recorded at exactly the same place: a
    /// second message there is almost always a consequence of the first.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        if !self.list.iter().any(|d| d.span == diagnostic.span) {
            self.list.push(diagnostic);
        }
    }

    /// Records a problem without a hint.
    pub fn error(&mut self, span: Span, message: impl Into<String>) {
        self.push(Diagnostic::new(span, message));
    }

    /// Whether any problem was recorded.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The problems, in the order of the file.
    pub fn into_vec(mut self) -> Vec<Diagnostic> {
        self.list.sort_by_key(|d| (d.span.start, d.span.end));
        self.list.dedup();
        self.list
    }
}

/// The closest of `candidates` to `word`, if one is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(word, candidate), candidate))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_position_snippet_and_help() {
        let file = SourceFile::new("specs/x.toml", "[query.limit]\nmininum = 1\n");
        let d =
            Diagnostic::new(14..21, "unknown key `mininum`").with_help("did you mean `minimum`?");
        assert_eq!(
            d.render(&file),
            "specs/x.toml:2:1: unknown key `mininum`\n  |\n2 | mininum = 1\n  | ^^^^^^^\n  = help: did you mean `minimum`?"
        );
    }

    #[test]
    fn closest_finds_typos_only() {
        let keys = ["minimum", "maximum", "description"];
        assert_eq!(closest("mininum", keys), Some("minimum"));
        assert_eq!(closest("descripton", keys), Some("description"));
        assert_eq!(closest("zzz", keys), None);
    }
}
