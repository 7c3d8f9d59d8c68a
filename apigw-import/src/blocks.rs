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
                "note" | "important" | "caution" | "warning" => {
                    let text = join_words(body.iter().map(|(_, l)| *l));
                    blocks.push(Block::Text {
                        text: format!("Note: {text}"),
                        line: number,
                    });
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
        if trimmed.starts_with("==") && trimmed.chars().all(|c| c == '=' || c == ' ') {
            // A bare simple table (no `.. table::`), as under `Status Codes`.
            let end = (i..lines.len())
                .find(|&j| lines[j].trim().is_empty())
                .unwrap_or(lines.len());
            let table = table::parse(&lines[i..end], number)?;
            blocks.push(Block::Table {
                caption: String::new(),
                table,
                line: number,
            });
            i = end;
            continue;
        }
        if let Some(code) = trimmed
            .strip_prefix("**Status code: ")
            .and_then(|r| r.strip_suffix("**"))
        {
            let code = code.trim().parse().map_err(|_| {
                ImportError::new(number, format!("unreadable status code `{code}`"))
            })?;
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
        });
        i = j;
    }
    Ok(blocks)
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
        let err = parse("Title\n=====\n\n.. image:: x.png\n").unwrap_err();
        assert_eq!(err.line, 4);
        assert!(err.message.contains("image"), "{}", err.message);
    }
}
