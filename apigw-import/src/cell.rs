//! A description cell: its prose (paragraphs, bullet lists, notes, inline markup turned into
//! Markdown for rustdoc) and the facts written in it the spec has keys for:
//! `Enumeration values:`, `Minimum:`, `Maximum:`, `Default:` and `Array Length:` (APIG's
//! markers), and what the prose says (`prose`).

use apigw_spec::rst::inline;

use crate::ImportError;

/// What a description cell says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Description {
    /// The prose, as Markdown.
    pub text: String,
    /// The values listed under `Enumeration values:`.
    pub enum_values: Vec<String>,
    /// `Minimum: **N**`.
    pub minimum: Option<String>,
    /// `Maximum: **N**`.
    pub maximum: Option<String>,
    /// `Default: **X**`.
    pub default: Option<String>,
    /// `Array Length: **A - B**`.
    pub array_length: Option<(String, String)>,
    /// The leading words of the prose's bullet items (`-  IP: IP address.` → `IP`), which
    /// often restate the enumeration; used to warn when they disagree with it.
    pub options: Vec<String>,
    /// For each option written `VALUE: text`, the text (`1: effective` → `effective`).
    pub option_texts: Vec<(String, String)>,
    /// A length in characters the prose states (`1 to 64 characters`): the least.
    pub min_length: Option<String>,
    /// A length in characters the prose states (`a maximum of 36 characters`): the most.
    pub max_length: Option<String>,
    /// The facts read from prose that also stay in [`Description::text`] (a list of values, a
    /// sentence that says more), so a fact the field cannot carry is not written twice.
    pub in_text: Vec<InText>,
    /// The sentence a numeric range was read from in prose (`The value is from 0 to 2000.`),
    /// which left the text; it goes back when the field is not a number.
    pub range_sentence: Option<String>,
}

/// A kind of fact that prose states ([`Description::in_text`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InText {
    /// The enumeration.
    Enumeration,
    /// The default.
    Default,
    /// The length in characters.
    Length,
}

/// Reads a description cell; `line` is the page line of the cell's row, for errors.
pub fn parse(cell: &str, line: usize) -> Result<Description, ImportError> {
    let mut out = Description::default();
    let mut kept: Vec<Paragraph> = Vec::new();
    let paragraphs = paragraphs(cell);
    let mut k = 0;
    while k < paragraphs.len() {
        let p = &paragraphs[k];
        k += 1;
        if p.text == "Enumeration values:" && !p.bullet {
            while k < paragraphs.len() && paragraphs[k].bullet {
                let (value, meaning) = enum_item(&paragraphs[k].text).ok_or_else(|| {
                    ImportError::new(
                        line,
                        format!(
                            "enumeration value `{}` is not written as **VALUE**, **VALUE**: meaning, or one plain word",
                            paragraphs[k].text
                        ),
                    )
                })?;
                if let Some(meaning) = meaning {
                    out.option_texts.push((value.clone(), inline(&meaning)));
                }
                out.enum_values.push(value);
                k += 1;
            }
            if out.enum_values.is_empty() {
                return Err(ImportError::new(
                    line,
                    "`Enumeration values:` without values",
                ));
            }
            continue;
        }
        if !p.bullet
            && let Some((key, value)) = fact(&p.text)
        {
            let value = value.to_owned();
            match key {
                "Minimum" => out.minimum = Some(value),
                "Maximum" => out.maximum = Some(value),
                "Default" => out.default = Some(value),
                _ => {
                    let (a, b) = value.split_once(" - ").ok_or_else(|| {
                        ImportError::new(line, format!("unreadable array length `{value}`"))
                    })?;
                    out.array_length = Some((a.trim().to_owned(), b.trim().to_owned()));
                }
            }
            continue;
        }
        if p.bullet {
            let head = p.text.split(':').next().unwrap_or("").trim();
            let head = head
                .strip_prefix("**")
                .and_then(|h| h.strip_suffix("**"))
                .unwrap_or(head)
                .trim();
            if !head.is_empty()
                && head
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
            {
                out.options.push(head.to_owned());
                if let Some((_, rest)) = p.text.split_once(':') {
                    let rest = inline(rest.trim());
                    if !rest.is_empty() {
                        out.option_texts.push((head.to_owned(), rest));
                    }
                }
            }
        }
        kept.push(Paragraph {
            text: p.text.clone(),
            bullet: p.bullet,
        });
    }
    crate::prose::read(&mut kept, &mut out);
    let prose: Vec<String> = kept
        .iter()
        .map(|p| {
            if p.bullet {
                format!("- {}", inline(&p.text))
            } else {
                inline(&p.text)
            }
        })
        .collect();
    // Consecutive bullets form one list; everything else is separated by a blank line.
    let mut text = String::new();
    for (n, p) in prose.iter().enumerate() {
        if n > 0 {
            let list = p.starts_with("- ") && prose[n - 1].starts_with("- ");
            text.push_str(if list { "\n" } else { "\n\n" });
        }
        text.push_str(p);
    }
    out.text = text;
    Ok(out)
}

/// `Minimum: **1**` → (`Minimum`, `1`).
fn fact(text: &str) -> Option<(&str, &str)> {
    let (key, value) = text.split_once(": ")?;
    if !matches!(key, "Minimum" | "Maximum" | "Default" | "Array Length") {
        return None;
    }
    let value = value.trim().strip_prefix("**")?.strip_suffix("**")?;
    Some((key, value))
}

/// An item of an `Enumeration values:` list: `**VALUE**`, `**VALUE**: meaning` (the meaning
/// documents the value), or a plain value of one word (`docker`).
fn enum_item(text: &str) -> Option<(String, Option<String>)> {
    let text = text.trim();
    if let Some(value) = strip_strong(text) {
        return Some((value, None));
    }
    if let Some(rest) = text.strip_prefix("**")
        && let Some((value, after)) = rest.split_once("**")
        && let Some(meaning) = after.trim_start().strip_prefix(':')
        && !value.trim().is_empty()
    {
        let meaning = meaning.trim();
        return Some((
            value.trim().to_owned(),
            (!meaning.is_empty()).then(|| meaning.to_owned()),
        ));
    }
    (!text.is_empty() && !text.contains(char::is_whitespace) && !text.contains('*'))
        .then(|| (text.to_owned(), None))
}

fn strip_strong(text: &str) -> Option<String> {
    let inner = text.trim().strip_prefix("**")?.strip_suffix("**")?;
    Some(inner.to_owned())
}

/// A paragraph or bullet item of a cell, as the page writes it.
pub(crate) struct Paragraph {
    /// Its text, lines joined with spaces.
    pub(crate) text: String,
    /// Whether it is a bullet item.
    pub(crate) bullet: bool,
}

/// Splits a cell into paragraphs and bullet items; a `.. note::` block becomes a paragraph
/// starting with `Note:`. Lines of one paragraph are joined with spaces.
fn paragraphs(cell: &str) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut current: Option<Paragraph> = None;
    let mut in_note = false;
    for line in cell.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            if let Some(p) = current.take() {
                out.push(p);
            }
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        if trimmed == ".. note::" {
            if let Some(p) = current.take() {
                out.push(p);
            }
            in_note = true;
            continue;
        }
        if in_note && indent == 0 {
            in_note = false;
        }
        if let Some(item) = trimmed.strip_prefix("- ") {
            if let Some(p) = current.take() {
                out.push(p);
            }
            current = Some(Paragraph {
                text: item.trim().to_owned(),
                bullet: true,
            });
            continue;
        }
        match &mut current {
            // A continuation of the paragraph or bullet item.
            Some(p) => {
                p.text.push(' ');
                p.text.push_str(trimmed);
            }
            None => {
                let text = if in_note {
                    format!("Note: {trimmed}")
                } else {
                    trimmed.to_owned()
                };
                // Text indented under a bullet item (a paragraph of the item) stays in it.
                let continues_item = indent > 0 && !in_note && out.last().is_some_and(|p| p.bullet);
                if continues_item {
                    let last = out.last_mut().expect("checked above");
                    last.text.push(' ');
                    last.text.push_str(trimmed);
                } else {
                    current = Some(Paragraph {
                        text,
                        bullet: false,
                    });
                }
            }
        }
    }
    out.extend(current);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts_and_prose_are_separated() {
        let cell = "\
Object type.

-  IP: IP address.

-  DOMAIN: Account name.

Minimum: **1**

Maximum: **64**

Default: **IP**

Enumeration values:

-  **IP**

-  **DOMAIN**";
        let d = parse(cell, 7).unwrap();
        assert_eq!(
            d.text,
            "Object type.\n\n- IP: IP address.\n- DOMAIN: Account name."
        );
        assert_eq!(d.enum_values, ["IP", "DOMAIN"]);
        assert_eq!(d.options, ["IP", "DOMAIN"]);
        assert_eq!(d.minimum.as_deref(), Some("1"));
        assert_eq!(d.maximum.as_deref(), Some("64"));
        assert_eq!(d.default.as_deref(), Some("IP"));
    }

    #[test]
    fn notes_refs_and_literals() {
        let cell = "\
See :ref:`Obtaining a Project ID <apig-api-180713009>` and ``id``.

.. note::

   The address must comply
   with the URI specifications.

Array Length: **1 - 10**";
        let d = parse(cell, 1).unwrap();
        assert_eq!(
            d.text,
            "See Obtaining a Project ID and `id`.\n\nNote: The address must comply with the URI specifications."
        );
        assert_eq!(d.array_length, Some(("1".into(), "10".into())));
    }

    #[test]
    fn a_malformed_enumeration_is_an_error() {
        let err = parse("Enumeration values:\n\n-  two words", 9).unwrap_err();
        assert_eq!(err.line, 9);
    }

    #[test]
    fn enumeration_values_plain_or_with_their_meaning() {
        let d = parse("Enumeration values:\n\n-  docker\n-  containerd", 1).unwrap();
        assert_eq!(d.enum_values, ["docker", "containerd"]);
        let d = parse(
            "Type.\n\nEnumeration values:\n\n-  **fgs_num**:Function quota.\n-  **fgs_size**: Code size.",
            1,
        )
        .unwrap();
        assert_eq!(d.enum_values, ["fgs_num", "fgs_size"]);
        assert_eq!(
            d.option_texts,
            [
                ("fgs_num".to_owned(), "Function quota.".to_owned()),
                ("fgs_size".to_owned(), "Code size.".to_owned())
            ]
        );
        assert_eq!(d.text, "Type.");
    }
}
