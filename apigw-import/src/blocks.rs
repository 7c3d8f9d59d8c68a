//! A reference page as a flat list of blocks: headings, `**Status code: NNN**` markers,
//! `.. _anchor:` labels, tables, code blocks and text. Every block keeps its page line.
//! Directives the importer does not know are errors, never skipped.

use crate::ImportError;
use crate::table::{self, Table};

/// One block of a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A section title.
    Heading {
        /// The title.
        text: String,
        /// The underline character (`=` for the page title, `-` for sections).
        level: char,
        /// Page line.
        line: usize,
    },
    /// `**Status code: NNN**`.
    Status {
        /// The status.
        code: u16,
        /// Page line.
        line: usize,
    },
    /// `.. _name:`.
    Anchor {
        /// The label.
        name: String,
        /// Page line.
        line: usize,
    },
    /// `.. table:: CAPTION` and its table, or a bare simple table (empty caption).
    Table {
        /// The caption without `**Table N**`.
        caption: String,
        /// The table.
        table: Table,
        /// Page line.
        line: usize,
    },
    /// `.. code-block::` and its text (dedented).
    Code {
        /// The text.
        text: String,
        /// Page line.
        line: usize,
    },
    /// A paragraph or a bullet item (without its `-` marker), lines joined by spaces.
    Text {
        /// The text.
        text: String,
        /// Page line.
        line: usize,
        /// The column its first line starts at (of the bullet, for a bullet item): what is
        /// indented deeper stands under it.
        indent: usize,
    },
}

impl Block {
    /// The page line the block starts at.
    pub fn line(&self) -> usize {
        match self {
            Block::Heading { line, .. }
            | Block::Status { line, .. }
            | Block::Anchor { line, .. }
            | Block::Table { line, .. }
            | Block::Code { line, .. }
            | Block::Text { line, .. } => *line,
        }
    }
}

/// The section titles of a page (a line underlined by a line of one punctuation character),
/// without reading anything else: enough to tell an operation page from an overview.
pub fn headings(text: &str) -> Vec<&str> {
    let lines: Vec<&str> = text.lines().collect();
    lines
        .windows(2)
        .filter(|w| {
            let t = w[0].trim();
            !t.is_empty() && !t.starts_with("..") && is_underline(w[1].trim_end(), t)
        })
        .map(|w| w[0].trim())
        .collect()
}

/// Splits a page into blocks.
pub fn parse(text: &str) -> Result<Vec<Block>, ImportError> {
    let lines: Vec<&str> = text.lines().collect();
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim();
        let number = i + 1;
        let indent = line.len() - line.trim_start().len();
        if trimmed.is_empty() || trimmed.starts_with(":original_name:") {
            i += 1;
            continue;
        }
        // A label set as a bullet item (`-  .. _name:`) labels what follows the item.
        if let Some(name) = trimmed
            .strip_prefix("- ")
            .map(str::trim_start)
            .and_then(|r| r.strip_prefix(".. _"))
            .and_then(|r| r.strip_suffix(':'))
        {
            blocks.push(Block::Anchor {
                name: name.to_owned(),
                line: number,
            });
            i += 1;
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix(".. ") {
            if let Some(name) = rest.strip_prefix('_').and_then(|r| r.strip_suffix(':')) {
                blocks.push(Block::Anchor {
                    name: name.to_owned(),
                    line: number,
                });
                i += 1;
                continue;
            }
            let (directive, argument) = match rest.split_once("::") {
                Some((d, a)) => (d.trim(), a.trim()),
                None => {
                    return Err(ImportError::new(
                        number,
                        format!("unknown markup `{trimmed}`"),
                    ));
                }
            };
            let (body, next) = indented_block(&lines, i + 1, indent);
            match directive {
                "table" => {
                    let first = body.iter().position(|(_, l)| !l.trim().is_empty());
                    let Some(first) = first else {
                        return Err(ImportError::new(number, "`.. table::` without a table"));
                    };
                    let table_lines: Vec<&str> = body[first..].iter().map(|(_, l)| *l).collect();
                    let table = table::parse(&table_lines, body[first].0)?;
                    blocks.push(Block::Table {
                        caption: strip_table_number(argument),
                        table,
                        line: number,
                    });
                }
                "code-block" | "code" => {
                    let text = body.iter().map(|(_, l)| *l).collect::<Vec<_>>().join("\n");
                    blocks.push(Block::Code {
                        text: text.trim_matches('\n').to_owned(),
                        line: number,
                    });
                }
                // The admonitions of reStructuredText: prose set apart.
                "note" | "important" | "caution" | "warning" | "attention" | "danger" | "error"
                | "hint" | "tip" | "admonition" | "seealso" => {
                    let text = join_words(body.iter().map(|(_, l)| *l));
                    blocks.push(Block::Text {
                        text: format!("Note: {text}"),
                        line: number,
                        indent,
                    });
                }
                // Pictures: what they show is said by their caption, which stays as prose.
                "figure" | "image" => {
                    let caption = join_words(
                        body.iter()
                            .map(|(_, l)| *l)
                            .filter(|l| !l.trim_start().starts_with(':')),
                    );
                    if !caption.is_empty() {
                        blocks.push(Block::Text {
                            text: caption,
                            line: number,
                            indent,
                        });
                    }
                }
                // Navigation only: the pages it lists are imported on their own.
                "toctree" => {}
                other => {
                    return Err(ImportError::new(
                        number,
                        format!("unsupported directive `.. {other}::`"),
                    ));
                }
            }
            i = next;
            continue;
        }
        if let Some(underline) = lines.get(i + 1).map(|l| l.trim_end())
            && is_underline(underline, trimmed)
        {
            let level = underline.chars().next().unwrap_or('-');
            blocks.push(Block::Heading {
                text: trimmed.to_owned(),
                level,
                line: number,
            });
            i += 2;
            continue;
        }
        let simple = trimmed.starts_with("==") && trimmed.chars().all(|c| c == '=' || c == ' ');
        let grid = trimmed.starts_with("+-") && trimmed.ends_with('+');
        if simple || grid {
            // A bare table (no `.. table::`), as under `Status Codes`: up to a blank line (a
            // simple table's rows may be separated by none, a grid table's never are).
            let end = (i..lines.len())
                .find(|&j| lines[j].trim().is_empty())
                .unwrap_or(lines.len());
            let dedented: Vec<&str> = lines[i..end]
                .iter()
                .map(|l| l.get(indent..).unwrap_or(l.trim_start()))
                .collect();
            let table = table::parse(&dedented, number)?;
            blocks.push(Block::Table {
                caption: String::new(),
                table,
                line: number,
            });
            i = end;
            continue;
        }
        if let Some(code) = status_marker(trimmed) {
            blocks.push(Block::Status { code, line: number });
            i += 1;
            continue;
        }
        // A paragraph or a bullet item: up to a blank line or a line starting something else.
        let mut words = vec![trimmed.trim_start_matches("- ").trim()];
        let mut j = i + 1;
        while j < lines.len() {
            let t = lines[j].trim();
            if t.is_empty() || t.starts_with(".. ") || t.starts_with("- ") {
                break;
            }
            words.push(t);
            j += 1;
        }
        blocks.push(Block::Text {
            text: join_words(words.into_iter()),
            line: number,
            indent,
        });
        i = j;
    }
    Ok(blocks)
}

/// A line that only names a status code, in any of the spellings of the format:
/// `**Status code: 200**`, `**Status code**: **404**`, `Status code: 200`, `Status Code 201`.
fn status_marker(line: &str) -> Option<u16> {
    let plain: String = line.chars().filter(|&c| c != '*').collect();
    let plain = plain.trim();
    let head = plain.get(..11)?;
    if !head.eq_ignore_ascii_case("status code") {
        return None;
    }
    let rest = plain[11..].trim_start_matches([':', ' ']);
    (rest.len() == 3 && rest.chars().all(|c| c.is_ascii_digit()))
        .then(|| rest.parse().ok())
        .flatten()
}

/// The lines after a directive that belong to it: blank or indented deeper than `indent`.
/// Returns them (with page line numbers, dedented) and the index of the first line after.
fn indented_block<'a>(
    lines: &[&'a str],
    start: usize,
    indent: usize,
) -> (Vec<(usize, &'a str)>, usize) {
    let mut end = start;
    while end < lines.len() {
        let l = lines[end];
        if !l.trim().is_empty() && l.len() - l.trim_start().len() <= indent {
            break;
        }
        end += 1;
    }
    let inner = lines[start..end]
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let body = lines[start..end]
        .iter()
        .enumerate()
        .map(|(k, l)| {
            (
                start + k + 1,
                if l.trim().is_empty() { "" } else { &l[inner..] },
            )
        })
        .collect();
    (body, end)
}

fn is_underline(underline: &str, title: &str) -> bool {
    let mut chars = underline.chars();
    match chars.next() {
        Some(c) if "=-~^\"'`#*+".contains(c) => {
            chars.all(|d| d == c) && underline.chars().count() >= title.chars().count().min(3)
        }
        _ => false,
    }
}

/// `**Table 4** Response body parameters` → `Response body parameters`.
fn strip_table_number(caption: &str) -> String {
    let caption = caption.trim();
    match caption
        .strip_prefix("**Table ")
        .and_then(|r| r.split_once("**"))
    {
        Some((_, rest)) => rest.trim().to_owned(),
        None => caption.to_owned(),
    }
}

fn join_words<'a>(lines: impl Iterator<Item = &'a str>) -> String {
    lines
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_blocks_in_order() {
        let page = "\
.. _ShowThing:

Showing a Thing
===============

URI
---

GET /v2/things/{id}

.. table:: **Table 1** Path Parameters

   ========= ======
   Parameter Type
   ========= ======
   id        String
   ========= ======

**Status code: 200**

-  One example

   .. code-block::

      {
        \"a\" : 1
      }
";
        let blocks = parse(page).unwrap();
        assert!(matches!(&blocks[0], Block::Anchor { name, line: 1 } if name == "ShowThing"));
        assert!(matches!(
            &blocks[1],
            Block::Heading {
                level: '=',
                line: 3,
                ..
            }
        ));
        assert!(matches!(&blocks[3], Block::Text { text, .. } if text == "GET /v2/things/{id}"));
        assert!(matches!(&blocks[4], Block::Table { caption, .. } if caption == "Path Parameters"));
        assert!(matches!(
            &blocks[5],
            Block::Status {
                code: 200,
                line: 19
            }
        ));
        assert!(matches!(&blocks[6], Block::Text { text, .. } if text == "One example"));
        assert!(matches!(&blocks[7], Block::Code { text, .. } if text == "{\n  \"a\" : 1\n}"));
    }

    #[test]
    fn unknown_directives_are_errors() {
        let err = parse("Title\n=====\n\n.. raw:: html\n").unwrap_err();
        assert_eq!(err.line, 4);
        assert!(err.message.contains("raw"), "{}", err.message);
    }
}
