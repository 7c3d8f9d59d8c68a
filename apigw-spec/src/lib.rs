//! The apigw spec model as an ordinary library: parse a declarative operation spec, check it,
//! and report every problem with its file, line and column.
//!
//! The pipeline is `source` (the text) → [`parse`] (TOML → [`model`]) → [`check`] (what TOML
//! cannot express) → a [`Spec`] the code generator, the importer and the emulator work from.
//!
//! ```
//! let text = r#"
//! [operation]
//! id = "ShowThing"
//! method = "GET"
//! path = "/v2/things/{thing_id}"
//!
//! [path.thing_id]
//! type = "String"
//!
//! [response.204]
//! description = "No Content"
//! "#;
//! let spec = apigw_spec::load("specs/show_thing.toml", text).unwrap();
//! assert_eq!(spec.operation.id.value, "ShowThing");
//! ```
#![deny(missing_docs)]

pub mod check;
pub mod conform;
pub mod diagnostic;
pub mod keys;
pub mod model;
pub mod naming;
pub mod paging;
pub mod parse;
pub mod rst;
pub mod salvage;
pub mod secret;
pub mod service;
pub mod share;
pub mod source;
pub mod types;
pub mod write;

pub use diagnostic::{Code, Constraint};
pub use diagnostic::{Diagnostic, Diagnostics};
pub use model::*;
pub use source::{Position, SourceFile, Span, Spanned};

/// A spec that could not be loaded: its source and every problem found in it.
#[derive(Debug, Clone)]
pub struct LoadError {
    /// The spec file.
    pub source: SourceFile,
    /// The problems, in the order of the file; never empty.
    pub diagnostics: Vec<Diagnostic>,
    /// What could be read of the spec despite the problems (`None` when the file is not
    /// even TOML). Not checked: use [`LoadError::salvage`] for a spec that is.
    pub partial: Option<Box<Spec>>,
}

impl LoadError {
    /// Each problem rendered for a person (see [`Diagnostic::render`]).
    pub fn rendered(&self) -> Vec<String> {
        self.diagnostics
            .iter()
            .map(|d| d.render(&self.source))
            .collect()
    }

    /// The closest spec that passes the checks (see [`salvage`](mod@salvage)), for generating
    /// placeholder items so that a bad spec does not cause follow-on errors elsewhere.
    pub fn salvage(&self) -> Option<Spec> {
        salvage::salvage(self.partial.as_ref()?, &self.source)
    }
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.rendered().join("\n\n"))
    }
}

impl std::error::Error for LoadError {}

/// Parses and checks a spec. `name` is how messages refer to the file (a path relative to the
/// crate root); `text` is its content.
pub fn load(name: &str, text: &str) -> Result<Spec, LoadError> {
    let source = SourceFile::new(name, text);
    let mut diags = Diagnostics::new();
    let spec = parse::parse(&source, &mut diags);
    if let Some(spec) = &spec {
        check::check(spec, &source, &mut diags);
    }
    match spec {
        Some(spec) if diags.is_empty() => Ok(spec),
        partial => {
            let mut diagnostics = diags.into_vec();
            if diagnostics.is_empty() {
                // parse() returns None only after recording why (a TOML syntax error); keep the
                // promise of a message.
                diagnostics.push(Diagnostic::new(
                    Code::TomlSyntax,
                    0..0,
                    "the spec could not be read",
                ));
            }
            Err(LoadError {
                source,
                diagnostics,
                partial: partial.map(Box::new),
            })
        }
    }
}
