//! A reference's error-code appendix: the pages titled `Error Code…` whose tables have an
//! error-code column, a status column and a message or description column. Each row is one
//! [`ErrorCode`] of the service (they apply to every operation); the service's
//! `errors.toml` holds them (see `docs/spec-format.md`, "The error-code file").
//!
//! The columns are found by their headers, as the references write them: the code in
//! `Error Code` / `Error Codes`, the status in `Status Code` / `HTTP Status Code` /
//! `Response Code`, the message in `Error Message` / `Message`, and the meaning in
//! `Description` / `Error Code Description`. Other columns (`Module`, `Solution`) are not read.

use apigw_spec::service::ErrorCode;
use apigw_spec::source::Spanned;

use crate::ImportError;
use crate::blocks::{self, Block};

const CODE: [&str; 2] = ["Error Code", "Error Codes"];
const STATUS: [&str; 3] = ["Status Code", "HTTP Status Code", "Response Code"];
const MESSAGE: [&str; 2] = ["Error Message", "Message"];
const DESCRIPTION: [&str; 2] = ["Description", "Error Code Description"];

/// Whether a page is an error-code page: its title starts with `Error Code`.
pub fn is_error_code_page(text: &str) -> bool {
    blocks::headings(text)
        .first()
        .is_some_and(|title| title.trim().to_lowercase().starts_with("error code"))
}

/// The error codes of an error-code page, in the order of its tables; `reference` is the
/// page's path within the reference. A row without a code or with a status that is not a
/// number is not an error code (a heading row of a merged table) and is left out.
pub fn read(reference: &str, text: &str) -> Result<Vec<ErrorCode>, ImportError> {
    let mut out = Vec::new();
    for block in blocks::parse(text)? {
        let Block::Table { table, .. } = block else {
            continue;
        };
        let column = |names: &[&str]| names.iter().find_map(|n| table.column(n));
        let (Some(code), Some(status)) = (column(&CODE), column(&STATUS)) else {
            continue;
        };
        let message = column(&MESSAGE);
        let description = column(&DESCRIPTION);
        if message.is_none() && description.is_none() {
            continue;
        }
        for row in &table.rows {
            let cell = |c: Option<usize>| -> Option<String> {
                let text = crate::cell::parse(row.cells.get(c?)?, row.line).ok()?.text;
                let text = text.trim().to_owned();
                (!text.is_empty()).then_some(text)
            };
            let Some(code_text) = cell(Some(code)) else {
                continue;
            };
            let code_text = code_text.trim_matches('`').to_owned();
            let Some(status_value) = cell(Some(status)).and_then(|s| s.parse::<u16>().ok()) else {
                continue;
            };
            if code_text.contains(char::is_whitespace) {
                continue;
            }
            out.push(ErrorCode {
                code: Spanned::new(code_text, 0..0),
                status: Spanned::new(status_value, 0..0),
                message: cell(message),
                description: cell(description),
                reference: Some(reference.to_owned()),
            });
        }
    }
    Ok(out)
}

/// The error codes of a reference's error-code pages (`(reference, text)`), each code once:
/// where pages or rows list a code again, the first row wins, and a row whose status is not
/// an error status is left out.
pub fn collect(pages: &[(String, String)]) -> Result<Vec<ErrorCode>, (String, ImportError)> {
    let mut out: Vec<ErrorCode> = Vec::new();
    for (reference, text) in pages {
        let codes = read(reference, text).map_err(|e| (reference.clone(), e))?;
        for code in codes {
            if (400..=599).contains(&code.status.value)
                && !out.iter().any(|c| c.code.value == code.code.value)
            {
                out.push(code);
            }
        }
    }
    Ok(out)
}

/// The text of a service's `errors.toml` for `codes`, which `apigw_spec::service::load_errors`
/// reads back.
pub fn write(title: &str, codes: &[ErrorCode]) -> String {
    let header = format!(
        "# The error codes of {title}: every operation can answer with them (see docs/spec-format.md, \"The error-code file\").\n# Imported by apigw-import from the reference's error-code pages; re-run the importer instead of editing.\n"
    );
    apigw_spec::service::write_errors(&header, codes)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "\
:original_name: x.html

.. _x:

Error Codes
===========

.. table:: **Table 1** Error codes

   +------------------+-------------+------------------------+---------------------+----------+
   | HTTP Status Code | Error Code  | Error Message          | Description         | Solution |
   +==================+=============+========================+=====================+==========+
   | 400              | Ecs.0001    | Insufficient ECS quota | The number of ECSs  | Apply.   |
   |                  |             |                        | is at its maximum.  |          |
   +------------------+-------------+------------------------+---------------------+----------+
   | 403              | ``Ecs.0003``| No permission.         |                     |          |
   +------------------+-------------+------------------------+---------------------+----------+
   | 200              | Ecs.0100    | Not an error.          |                     |          |
   +------------------+-------------+------------------------+---------------------+----------+
";

    #[test]
    fn rows_become_codes() {
        assert!(is_error_code_page(PAGE));
        let codes = collect(&[("appendix/error_codes.rst".into(), PAGE.into())]).unwrap();
        assert_eq!(codes.len(), 2, "{codes:?}");
        assert_eq!(codes[0].code.value, "Ecs.0001");
        assert_eq!(codes[0].status.value, 400);
        assert_eq!(
            codes[0].meaning(),
            Some("The number of ECSs is at its maximum.")
        );
        assert_eq!(codes[1].code.value, "Ecs.0003");
        assert_eq!(codes[1].meaning(), Some("No permission."));
        let text = write("ECS", &codes);
        let back = apigw_spec::service::load_errors("errors.toml", &text).unwrap();
        assert_eq!(back.len(), 2);
    }

    #[test]
    fn other_pages_are_not_error_code_pages() {
        assert!(!is_error_code_page("Creating ECSs\n=============\n"));
    }
}
