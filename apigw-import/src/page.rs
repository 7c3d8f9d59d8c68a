//! A reference page's structure: title, operation id, function text, URI line, every table
//! with its caption, anchor, section and status code, the example requests and responses, and
//! the status-code table. No interpretation of the tables yet (that is [`crate::operation`]).

use crate::ImportError;
use crate::blocks::{self, Block};
use crate::table::Table;

/// A table of a page and where it stands.
#[derive(Debug, Clone)]
pub struct PageTable {
    /// The caption without its number (`Path Parameters`, `ApiVersionResp`).
    pub caption: String,
    /// The `.. _anchor:` label right before it, if any.
    pub anchor: Option<String>,
    /// The section it is in (`URI`, `Request Parameters`, `Response Parameters`).
    pub section: String,
    /// The `**Status code: NNN**` it follows, within `Response Parameters`.
    pub status: Option<u16>,
    /// The table.
    pub table: Table,
    /// Page line of the `.. table::`.
    pub line: usize,
}

/// A code block of the examples sections, with the text that introduces it.
#[derive(Debug, Clone)]
pub struct PageExample {
    /// The status it documents (responses only).
    pub status: Option<u16>,
    /// The sentence before the block (e.g. `OK`, or a bullet item naming the case).
    pub summary: Option<String>,
    /// The block's text.
    pub code: String,
    /// Page line of the `.. code-block::`.
    pub line: usize,
}

/// A page, read into its parts.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// The operation id: the label before the title.
    pub id: Option<String>,
    /// The title.
    pub title: Option<String>,
    /// The paragraphs of `Function`.
    pub function: Vec<String>,
    /// The paragraphs of `Constraints`.
    pub constraints: Vec<String>,
    /// `METHOD /path`, from `URI`, with its line.
    pub uri: Option<(String, usize)>,
    /// Every table.
    pub tables: Vec<PageTable>,
    /// `Example Requests`.
    pub request_examples: Vec<PageExample>,
    /// `Example Responses`.
    pub response_examples: Vec<PageExample>,
    /// `Status Codes`: status, description and line.
    pub statuses: Vec<(u16, String, usize)>,
}

/// Sections whose text is navigation or a pointer elsewhere, not part of the operation.
const SKIPPED_SECTIONS: [&str; 2] = ["Calling Method", "Error Codes"];

/// Reads a page.
pub fn read(text: &str) -> Result<Page, ImportError> {
    let mut page = Page::default();
    let mut section = String::new();
    let mut status = None;
    let mut anchor: Option<String> = None;
    let mut summary: Option<String> = None;
    for block in blocks::parse(text)? {
        let line = block.line();
        match block {
            Block::Anchor { name, .. } => {
                anchor = Some(name);
                continue;
            }
            Block::Heading { text, level, .. } => {
                if level == '=' && page.title.is_none() {
                    page.title = Some(text);
                    page.id = anchor.take();
                } else {
                    section = text;
                    status = None;
                    summary = None;
                }
            }
            Block::Status { code, .. } => {
                status = Some(code);
                summary = None;
            }
            Block::Table { caption, table, .. } => {
                if section == "Status Codes" {
                    for row in &table.rows {
                        let code = row.cells[0].parse().map_err(|_| {
                            ImportError::new(
                                row.line,
                                format!("unreadable status code `{}`", row.cells[0]),
                            )
                        })?;
                        let description = row.cells.get(1).cloned().unwrap_or_default();
                        page.statuses
                            .push((code, description.replace('\n', " "), row.line));
                    }
                    continue;
                }
                page.tables.push(PageTable {
                    caption,
                    anchor: anchor.take(),
                    section: section.clone(),
                    status,
                    table,
                    line,
                });
            }
            Block::Code { text, .. } => {
                let example = PageExample {
                    status,
                    summary: summary.take(),
                    code: text,
                    line,
                };
                match section.as_str() {
                    "Example Requests" => page.request_examples.push(example),
                    "Example Responses" => page.response_examples.push(example),
                    other => {
                        return Err(ImportError::new(
                            line,
                            format!(
                                "code block in section `{other}`, where the importer expects none"
                            ),
                        ));
                    }
                }
            }
            Block::Text { text, .. } => match section.as_str() {
                "Function" => page.function.push(text),
                "Constraints" => page.constraints.push(text),
                "URI" if page.uri.is_none() => page.uri = Some((text, line)),
                "Example Requests" | "Example Responses" => {
                    if text != "None" {
                        summary = Some(text);
                    }
                }
                s if SKIPPED_SECTIONS.contains(&s) => {}
                other => {
                    return Err(ImportError::new(
                        line,
                        format!(
                            "text in section `{other}` that the importer cannot place: `{}`",
                            short(&text)
                        ),
                    ));
                }
            },
        }
        if anchor.is_some() {
            return Err(ImportError::new(
                line,
                "label `.. _...:` not followed by a table",
            ));
        }
    }
    Ok(page)
}

fn short(text: &str) -> String {
    let mut s: String = text.chars().take(60).collect();
    if s.len() < text.len() {
        s.push('…');
    }
    s
}
