//! `apigw-import`: turns API reference pages in the format of the Open Telekom Cloud / Huawei
//! Cloud references (reStructuredText, as in `reference/<service>/`) into apigw spec files.
//!
//! The pipeline mirrors the page's structure: [`blocks`] (lines → headings, labels, tables,
//! code, text) → [`page`] (a page's parts by the role of their section: request line,
//! parameter tables, status codes, examples) → [`operation`] (an [`apigw_spec::Spec`]:
//! parameters, body, responses, object types, constraints) → [`apigw_spec::write`] (spec TOML).
//! Every spec written is loaded back with [`apigw_spec::load`], so what the importer writes is
//! what the macro accepts. A reference's pages are imported together ([`import_pages`]), so that
//! their operation ids, one client method each, are unique ([`ids`]).
//!
//! ```no_run
//! let text = std::fs::read_to_string("reference/apig/dedicated_gateway_apis_v2/api_management/querying_historical_versions_of_an_api.rst").unwrap();
//! let imported = apigw_import::import_page("dedicated_gateway_apis_v2/api_management/querying_historical_versions_of_an_api.rst", &text).unwrap();
//! assert_eq!(imported.spec.operation.id.value, "ListApiVersionsV2");
//! ```
#![deny(missing_docs)]

pub mod blocks;
pub mod cell;
pub mod errors;
pub mod ids;
pub mod naming;
pub mod operation;
pub mod page;
mod prose;
pub mod request_line;
pub mod service_file;
pub mod table;
pub mod types;

use std::fmt;
use std::path::{Path, PathBuf};

/// Something said about one line of a page: why the page cannot be imported (an
/// [`ImportError`]), or a contradiction the importer resolved (a [`Warning`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageNote {
    /// 1-based page line.
    pub line: usize,
    /// What the page says and what the importer made of it.
    pub message: String,
}

/// Why a page cannot be imported.
pub type ImportError = PageNote;
/// A contradiction on a page that the importer resolved (the table wins).
pub type Warning = PageNote;

impl PageNote {
    /// A note on `line`.
    pub fn new(line: usize, message: impl Into<String>) -> Self {
        Self {
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for PageNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for PageNote {}

/// One imported page.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The operation read from the page, as the spec file loads.
    pub spec: apigw_spec::Spec,
    /// The spec file's text.
    pub text: String,
    /// Contradictions resolved on the way.
    pub warnings: Vec<Warning>,
    /// The page line the operation id is read from (the title's).
    pub id_line: usize,
    /// What the title's parentheses add besides deprecation (see [`naming::Name`]), to tell
    /// apart operations that would share the id.
    pub qualifier: Vec<String>,
    /// What the title says after the resource (see [`naming::Name`]), to tell apart
    /// operations that would share the id.
    pub detail: Vec<String>,
}

/// Whether a page documents an operation (it has a `URI` section); other pages (indexes,
/// overviews, appendices) are not imported.
pub fn is_operation_page(text: &str) -> bool {
    page::Page::is_operation(text)
}

/// Imports one page. `reference` is the page's path within the reference (it goes into the
/// spec's `reference` key and comments); `text` is the page. The operation id is the page's
/// own, which other pages of the reference may share: [`import_pages`] imports a whole
/// reference with unique ids.
pub fn import_page(reference: &str, text: &str) -> Result<Imported, ImportError> {
    import_page_as(reference, text, None)
}

/// [`import_page`], with `id` as the operation id instead of the page's own if given.
pub fn import_page_as(
    reference: &str,
    text: &str,
    id: Option<&str>,
) -> Result<Imported, ImportError> {
    import_one(reference, text, id, &Library::default())
}

/// The labelled tables of a reference's pages, which a row of another page may refer to
/// (``Array of :ref:`networks <as_06_0102__table62452402171652>` objects``, a table of the page
/// that creates the resource, or of an appendix of data structures): a page is imported with
/// the tables of the others that its rows (and theirs, in turn) refer to and it does not have.
#[derive(Debug, Clone, Default)]
pub struct Library {
    /// Label → the page that has the table (its reference) and the table.
    tables: std::collections::HashMap<String, (String, page::PageTable)>,
}

impl Library {
    /// The labelled tables of `pages` (`(reference, text)`); a label two pages give a table
    /// is the first's. A page that cannot be read lends nothing.
    pub fn of(pages: &[(String, String)]) -> Library {
        let mut tables = std::collections::HashMap::new();
        for (reference, text) in pages {
            let Ok(page) = page::read(text) else { continue };
            for table in page.tables {
                if let Some(anchor) = table.anchor.clone() {
                    tables
                        .entry(anchor)
                        .or_insert_with(|| (reference.clone(), table));
                }
            }
        }
        Library { tables }
    }

    /// Adds to `page` the tables of other pages that its rows refer to by a label no table of
    /// the page has, and those their rows refer to, each marked with the page it is from.
    fn lend(&self, page: &mut page::Page) {
        loop {
            let wanted: Vec<String> = page
                .tables
                .iter()
                .flat_map(|t| &t.table.rows)
                .flat_map(|r| &r.cells)
                .flat_map(|c| operation::refs(c))
                .filter(|a| !page.tables.iter().any(|t| t.anchor.as_deref() == Some(*a)))
                .map(str::to_owned)
                .collect();
            let mut lent = false;
            for anchor in wanted {
                if page
                    .tables
                    .iter()
                    .any(|t| t.anchor.as_deref() == Some(anchor.as_str()))
                {
                    continue;
                }
                if let Some((reference, table)) = self.tables.get(&anchor) {
                    let mut table = table.clone();
                    table.from = Some(reference.clone());
                    page.tables.push(table);
                    lent = true;
                }
            }
            if !lent {
                break;
            }
        }
    }
}

/// One page of a run, with the tables `library` lends it.
fn import_one(
    reference: &str,
    text: &str,
    id: Option<&str>,
    library: &Library,
) -> Result<Imported, ImportError> {
    let mut page = page::read(text)?;
    library.lend(&mut page);
    let mut warnings = Vec::new();
    // The name is read from what the page says, the body's keys among it: the operation is
    // built once to read them, then under its name (object types are named after it).
    let provisional = operation::build(&page, reference, id, &mut Vec::new())?;
    let named = page.title.as_deref().and_then(|title| {
        naming::from_title(&naming::Facts {
            title,
            method: provisional.operation.method.value.as_str(),
            path: &provisional.operation.path.raw,
            body_keys: object_keys(&provisional, provisional.body.as_ref().map(|b| &b.ty.value)),
            response_keys: object_keys(
                &provisional,
                provisional
                    .responses
                    .iter()
                    .find(|r| (200..300).contains(&r.status.value))
                    .and_then(|r| r.body.as_ref())
                    .map(|b| &b.value),
            ),
            reference,
            description: &page.description.join("\n\n"),
        })
    });
    // A page's own name wins, unless it makes a method name too long to type.
    let own = operation::own_name(&page)
        .filter(|own| apigw_spec::naming::snake(own).len() <= naming::LONGEST);
    let chosen = match (id, own, &named) {
        (Some(id), _, _) => id.to_owned(),
        (None, Some(own), _) => own,
        (None, None, Some(named)) => named.id.clone(),
        (None, None, None) => provisional.operation.id.value.clone(),
    };
    let mut built = operation::build(&page, reference, Some(&chosen), &mut warnings)?;
    built.operation.deprecated = named.as_ref().and_then(|n| n.deprecated.clone());
    let text = format!(
        "# {} ({})\n# Imported by apigw-import from {reference}; re-run the importer instead of editing.\n\n{}",
        built.operation.summary.as_deref().unwrap_or(""),
        built.operation.id.value,
        apigw_spec::write::spec(&built)
    );
    let spec = apigw_spec::load("imported spec", &text).map_err(|failure| {
        ImportError::new(1, format!("the imported spec does not check:\n{failure}"))
    })?;
    examples_against_tables(&built, &mut warnings);
    Ok(Imported {
        spec,
        text,
        warnings,
        id_line: page.title_line.max(1),
        qualifier: named
            .as_ref()
            .map(|n| n.qualifier.clone())
            .unwrap_or_default(),
        detail: named.map(|n| n.detail).unwrap_or_default(),
    })
}

/// The fields of a body that hold an object or a list of objects: the top level's, then the
/// level below's, in order.
fn object_keys<'a>(
    spec: &'a apigw_spec::Spec,
    body: Option<&apigw_spec::TypeExpr>,
) -> Vec<&'a str> {
    use apigw_spec::TypeExpr;
    fn object_of(ty: &TypeExpr) -> Option<&str> {
        match ty {
            TypeExpr::Named(name) => Some(name),
            TypeExpr::Array(inner) => object_of(inner),
            _ => None,
        }
    }
    let fields = |name: &str| {
        spec.object(name)
            .map(|o| o.fields.as_slice())
            .unwrap_or_default()
            .iter()
            .filter_map(|f| Some((f.name.value.as_str(), object_of(&f.schema.ty.value)?)))
            .collect::<Vec<_>>()
    };
    let Some(top) = body.and_then(object_of) else {
        return Vec::new();
    };
    let first = fields(top);
    let mut keys: Vec<&str> = first.iter().map(|(key, _)| *key).collect();
    for (_, inner) in &first {
        keys.extend(fields(inner).iter().map(|(key, _)| *key));
    }
    keys
}

/// Imports the pages of one run (`(reference, text)`, see [`import_page`]; every operation
/// page of a reference, since its operations become one client) so that their operation ids
/// are unique: where pages share an id, each gets a suffix from what tells them apart (the rule
/// is [`ids`]), and a warning at its title says so. A page's rows may refer to the labelled
/// tables of the others ([`Library`]). The results are in the order of `pages`.
pub fn import_pages(pages: &[(String, String)]) -> Vec<Result<Imported, ImportError>> {
    import_pages_with(pages, &Library::of(pages))
}

/// [`import_pages`], with the tables of `library` (of every page of the reference, those that
/// are no operation too: an appendix of data structures) lent to the pages.
pub fn import_pages_with(
    pages: &[(String, String)],
    library: &Library,
) -> Vec<Result<Imported, ImportError>> {
    let mut results: Vec<Result<Imported, ImportError>> = pages
        .iter()
        .map(|(reference, text)| import_one(reference, text, None, library))
        .collect();
    let imported: Vec<(usize, &Imported)> = results
        .iter()
        .enumerate()
        .filter_map(|(i, r)| Some((i, r.as_ref().ok()?)))
        .collect();
    let operations: Vec<ids::Operation<'_>> = imported
        .iter()
        .map(|(i, imported)| {
            let op = &imported.spec.operation;
            ids::Operation {
                id: &op.id.value,
                method: op.method.value.as_str(),
                path: &op.path.raw,
                reference: &pages[*i].0,
                qualifier: &imported.qualifier,
                detail: &imported.detail,
                deprecated: op.deprecated.is_some(),
            }
        })
        .collect();
    let renames: Vec<(usize, String, String)> = ids::unique(&operations)
        .into_iter()
        .map(|rename| {
            let others: Vec<&str> = rename
                .sharing
                .iter()
                .map(|&o| operations[o].reference)
                .collect();
            let message = format!(
                "operation id `{}` is not unique in the reference (also {}); renamed `{}` after {}",
                operations[rename.index].id,
                others.join(", "),
                rename.id,
                rename.by
            );
            (imported[rename.index].0, rename.id, message)
        })
        .collect();
    for (index, id, message) in renames {
        let (reference, text) = &pages[index];
        results[index] = import_one(reference, text, Some(&id), library).map(|mut imported| {
            imported
                .warnings
                .insert(0, Warning::new(imported.id_line, message));
            imported
        });
    }
    results
}

/// Warns where an example contradicts the tables (the tables are what the spec keeps). `spec`
/// is the spec as built, whose examples carry their page line as span (see [`operation`]).
fn examples_against_tables(spec: &apigw_spec::Spec, warnings: &mut Vec<Warning>) {
    let bodies = spec
        .responses
        .iter()
        .map(|r| {
            (
                format!("example response {}", r.status.value),
                r.body.as_ref().map(|b| &b.value),
                &r.examples,
            )
        })
        .chain(
            spec.body
                .iter()
                .map(|b| ("example request".to_owned(), Some(&b.ty.value), &b.examples)),
        );
    for (what, ty, examples) in bodies {
        let Some(ty) = ty else { continue };
        for example in examples {
            let Ok(value) = serde_json::from_str(&example.json.value) else {
                continue;
            };
            for v in apigw_spec::conform::conform(spec, ty, &value) {
                warnings.push(Warning::new(
                    example.json.span.start,
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

/// Every file under `dir` whose name ends in `.ext`, sorted.
pub fn files_under(dir: &Path, ext: &str) -> std::io::Result<Vec<PathBuf>> {
    fn walk(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            if path.is_dir() {
                walk(&path, ext, out)?;
            } else if path.extension().is_some_and(|e| e == ext) {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, ext, &mut out)?;
    out.sort();
    Ok(out)
}

/// Pieces of pages that the importer's unit tests put together.
#[cfg(test)]
pub(crate) mod test_pages {
    /// A status section naming 200 alone.
    pub(crate) const STATUS_200: &str = "\
Status Codes
------------

=========== ===========
Status Code Description
=========== ===========
200         OK
=========== ===========
";

    /// A page with `title`, the request line `request` and `request_table` in its request
    /// section, answering 200.
    pub(crate) fn page(title: &str, request: &str, request_table: &str) -> String {
        let underline = "=".repeat(title.len());
        format!(
            "{title}\n{underline}\n\nURI\n---\n\n{request}\n\nRequest\n-------\n\n{request_table}\n{STATUS_200}"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn operation() -> String {
        test_pages::page(
            "Creating a Group",
            "POST /v1/groups",
            "\
.. table:: **Table 1** Request parameters

   ========= ========= ============================================ ===========
   Parameter Mandatory Type                                         Description
   ========= ========= ============================================ ===========
   networks  Yes       Array of :ref:`networks <other__net>` objects Networks.
   ========= ========= ============================================ ===========
",
        )
    }

    const OTHER: &str = "\
Data Structures
===============

.. _other__net:

.. table:: **Table 1** **networks** field description

   ========= ========= ============================== ===========
   Parameter Mandatory Type                           Description
   ========= ========= ============================== ===========
   id        Yes       String                         Subnet ID.
   ipv6      No        :ref:`ipv6 <other__ipv6>` object IPv6.
   ========= ========= ============================== ===========

.. _other__ipv6:

.. table:: **Table 2** **ipv6** field description

   ========= ========= ======= ===========
   Parameter Mandatory Type    Description
   ========= ========= ======= ===========
   enabled   No        Boolean Enabled.
   ========= ========= ======= ===========
";

    #[test]
    fn a_row_may_refer_to_a_table_of_another_page_of_the_run() {
        let alone = import_page("a.rst", &operation()).unwrap_err();
        assert_eq!(alone.line, 17);
        assert!(alone.message.contains("other__net"), "{}", alone.message);
        let pages = vec![("a.rst".to_owned(), operation())];
        let all = vec![
            ("a.rst".to_owned(), operation()),
            ("data.rst".to_owned(), OTHER.to_owned()),
        ];
        let imported = import_pages_with(&pages, &Library::of(&all))
            .remove(0)
            .unwrap();
        let spec = &imported.spec;
        let body = spec.object("CreateGroupRequestBody").unwrap();
        assert_eq!(body.fields[0].schema.ty.value.to_string(), "Array<Network>");
        // The lent table's own links are followed on its page.
        let network = spec.object("Network").unwrap();
        assert_eq!(network.fields[1].schema.ty.value.to_string(), "Ipv6");
        assert!(spec.object("Ipv6").is_some());
        assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    }

    #[test]
    fn a_link_to_a_label_of_no_table_is_the_table_the_description_links() {
        let page = test_pages::page(
            "Creating a Group",
            "POST /v1/groups",
            "\
.. table:: **Table 1** Request parameters

   ========= ========= ========================================= ===========================
   Parameter Mandatory Type                                      Description
   ========= ========= ========================================= ===========================
   networks  Yes       Array of :ref:`networks <a_page>` objects See :ref:`Table 2 <a__t2>`.
   subnet    Yes       :ref:`subnet <a_page>` object             The subnet.
   ========= ========= ========================================= ===========================

.. table:: **Table 3** **subnet** field description

   ===== ====== ===========
   Name  Type   Description
   ===== ====== ===========
   cidr  String CIDR.
   ===== ====== ===========

.. _a__t2:

.. table:: **Table 2** **networks** field description

   ===== ====== ===========
   Name  Type   Description
   ===== ====== ===========
   id    String Subnet ID.
   ===== ====== ===========
",
        );
        let imported = import_page("a.rst", &page).unwrap();
        let body = imported.spec.object("CreateGroupRequestBody").unwrap();
        assert_eq!(body.fields[0].schema.ty.value.to_string(), "Array<Network>");
        let w = &imported.warnings[0];
        assert_eq!(w.line, 17);
        assert!(
            w.message.contains("`a_page`, which labels no table"),
            "{}",
            w.message
        );
        // Without a link in the description: the table whose caption describes the field.
        assert_eq!(body.fields[1].schema.ty.value.to_string(), "Subnet");
        assert_eq!(imported.warnings[1].line, 18);
        assert!(imported.spec.object("Subnet").is_some());
    }
}
