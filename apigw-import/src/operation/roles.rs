//! What each table of a page documents, from its caption and the section it stands in:
//! parameters (path, query, header), the request body, a response body or its headers, or an
//! object type (a table some row refers to, read when referenced). A table the importer cannot
//! place refuses the page: a table is never skipped.

use apigw_spec::{BodyEncoding, ParamLocation};

use super::objects::Objects;
use crate::ImportError;
use crate::page::{Page, PageTable, Role};

/// What a table documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TableRole {
    /// Parameters in one location, or (`None`, a `URI` table) path parameters where the path
    /// has their placeholder and query parameters otherwise.
    Params(Option<ParamLocation>),
    /// The request body's fields.
    Body {
        /// How the body is sent: a form for `FormData parameters`, JSON otherwise.
        encoding: BodyEncoding,
    },
    /// One row named `-` whose type is the whole response body (a file, say).
    WholeBody,
    /// A response body's fields.
    ResponseBody,
    /// Response headers.
    ResponseHeaders,
}

/// The tables that are not object types, each with what it documents, in page order.
pub(super) fn place<'p>(
    page: &'p Page,
    objects: &Objects<'p>,
) -> Result<Vec<(&'p PageTable, TableRole)>, ImportError> {
    let mut placed = Vec::new();
    for table in &page.tables {
        if objects.is_object_table(table) || table.from.is_some() {
            continue;
        }
        let role = role(table).ok_or_else(|| {
            ImportError::new(
                table.line,
                format!(
                    "table `{}` in a {} section: the importer cannot tell what it documents",
                    table.caption,
                    section_name(table.role)
                ),
            )
        })?;
        placed.push((table, role));
    }
    Ok(placed)
}

fn role(table: &PageTable) -> Option<TableRole> {
    let caption = table.caption.to_ascii_lowercase();
    let says = |w: &str| caption.contains(w);
    let response_side = matches!(table.role, Role::Response | Role::Statuses)
        || (says("response") && !says("request"));
    if says("path param") {
        return Some(TableRole::Params(Some(ParamLocation::Path)));
    }
    if says("query param") {
        return Some(TableRole::Params(Some(ParamLocation::Query)));
    }
    if says("header") {
        return Some(if response_side {
            TableRole::ResponseHeaders
        } else {
            TableRole::Params(Some(ParamLocation::Header))
        });
    }
    if says("formdata") || says("form data") {
        return Some(TableRole::Body {
            encoding: BodyEncoding::Form,
        });
    }
    match table.role {
        Role::Uri => Some(TableRole::Params(None)),
        Role::Request => Some(TableRole::Body {
            encoding: BodyEncoding::Json,
        }),
        Role::Response | Role::Statuses if whole_body(table) => Some(TableRole::WholeBody),
        Role::Response | Role::Statuses => Some(TableRole::ResponseBody),
        _ if says("request") && (says("body") || says("param")) => Some(TableRole::Body {
            encoding: BodyEncoding::Json,
        }),
        _ if says("response") && (says("body") || says("param")) => Some(if whole_body(table) {
            TableRole::WholeBody
        } else {
            TableRole::ResponseBody
        }),
        _ => None,
    }
}

/// A body table whose single row is named `-`, in brackets (`[items]`), or in words that speak
/// of an array's elements (`Array elements`): it documents the whole body (a top-level array,
/// typically), not a field.
pub(crate) fn whole_body(table: &PageTable) -> bool {
    let [row] = table.table.rows.as_slice() else {
        return false;
    };
    let name = row
        .cells
        .first()
        .map_or(String::new(), |c| super::fields::plain(c));
    // Set in code or emphasis (`*[Array]*`), it is the same name.
    let name = name.trim_matches(['`', '*']);
    let lower = name.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let names_elements = words.len() > 1
        && words
            .iter()
            .any(|w| ["array", "element", "elements", "item", "items"].contains(w));
    name == "-" || (name.starts_with('[') && name.ends_with(']')) || names_elements
}

fn section_name(role: Role) -> &'static str {
    match role {
        Role::Prose | Role::Description => "prose",
        Role::Uri => "URI",
        Role::Request => "request",
        Role::Response => "response",
        Role::RequestExamples | Role::ResponseExamples | Role::Examples => "examples",
        Role::Statuses => "status code",
        Role::ErrorCodes => "error code",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_body_row_named_in_emphasized_brackets_is_the_whole_body() {
        let text = crate::test_pages::page(
            "Updating a Thing",
            "PATCH /v1/things/{id}",
            "\
.. table:: **Table 1** Request parameters

   =========== ========= ================ ===========
   Parameter   Mandatory Type             Description
   =========== ========= ================ ===========
   *[Array]*   Yes       Array of objects Changes.
   =========== ========= ================ ===========
",
        );
        let imported = crate::import_page("u.rst", &text).unwrap();
        let body = imported.spec.body.unwrap();
        assert_eq!(body.ty.value.to_string(), "Array<Object>");
    }
}
