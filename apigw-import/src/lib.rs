//! `apigw-import`: turns API reference pages in the APIG format (reStructuredText, as in
//! `reference/apig/`) into apigw spec files.
//!
//! The pipeline mirrors the page's structure: [`blocks`] (lines → headings, labels, tables,
//! code, text) → [`page`] (a page's parts: URI, parameter tables, status sections, examples)
//! → [`operation`] (parameters, body, responses, object types, constraints) → [`emit`] (spec
//! TOML). Every spec written is loaded back with [`apigw_spec::load`], so what the importer
//! writes is what the macro accepts.
//!
//! ```no_run
//! let text = std::fs::read_to_string("reference/apig/dedicated_gateway_apis_v2/api_management/querying_historical_versions_of_an_api.rst").unwrap();
//! let imported = apigw_import::import_page("dedicated_gateway_apis_v2/api_management/querying_historical_versions_of_an_api.rst", &text).unwrap();
//! assert_eq!(imported.operation.id, "ListApiVersionsV2");
//! ```
#![deny(missing_docs)]

pub mod blocks;
pub mod cell;
pub mod emit;
pub mod operation;
pub mod page;
pub mod table;
pub mod types;

use std::fmt;

/// Something on a page the importer cannot represent: page line and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// 1-based page line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl ImportError {
    /// A problem at `line`.
    pub fn new(line: usize, message: impl Into<String>) -> Self {
        Self {
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ImportError {}

/// A contradiction on a page that the importer resolved (the table wins): page line and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// 1-based page line.
    pub line: usize,
    /// What the page says and what the spec keeps.
    pub message: String,
}

impl Warning {
    /// A warning at `line`.
    pub fn new(line: usize, message: impl Into<String>) -> Self {
        Self {
            line,
            message: message.into(),
        }
    }
}

/// One imported page.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The operation read from the page.
    pub operation: operation::Operation,
    /// The spec text.
    pub spec: String,
    /// Contradictions resolved on the way.
    pub warnings: Vec<Warning>,
}

/// Imports one page. `reference` is the page's path within the reference (it goes into the
/// spec's `reference` key and comments); `text` is the page.
pub fn import_page(reference: &str, text: &str) -> Result<Imported, ImportError> {
    let page = page::read(text)?;
    let mut warnings = Vec::new();
    let operation = operation::build(&page, &mut warnings)?;
    let spec = emit::spec(&operation, reference);
    let checked = apigw_spec::load("imported spec", &spec).map_err(|failure| {
        ImportError::new(1, format!("the imported spec does not check:\n{failure}"))
    })?;
    examples_against_tables(&operation, &checked, &mut warnings);
    Ok(Imported {
        operation,
        spec,
        warnings,
    })
}

/// Warns where an example contradicts the tables (the tables are what the spec keeps).
fn examples_against_tables(
    op: &operation::Operation,
    spec: &apigw_spec::Spec,
    warnings: &mut Vec<Warning>,
) {
    let bodies = op
        .responses
        .iter()
        .map(|r| {
            (
                format!("example response {}", r.status),
                r.body.as_deref(),
                &r.examples,
            )
        })
        .chain(op.body.iter().map(|b| {
            (
                "example request".to_owned(),
                Some(b.ty.as_str()),
                &b.examples,
            )
        }));
    for (what, ty, examples) in bodies {
        let Some(ty) = ty.and_then(|t| apigw_spec::types::parse_type(t).ok()) else {
            continue;
        };
        for example in examples.iter() {
            let Ok(value) = serde_json::from_str(&example.json) else {
                continue;
            };
            for v in apigw_spec::conform::conform(spec, &ty, &value) {
                warnings.push(Warning::new(
                    example.line,
                    format!(
                        "{what} contradicts the tables at `{}`: {}",
                        v.path, v.message
                    ),
                ));
            }
        }
    }
}

/// The spec file name of an operation: its id in snake case, `.toml`.
pub fn spec_file_name(operation_id: &str) -> String {
    format!("{}.toml", apigw_spec::naming::snake(operation_id))
}
