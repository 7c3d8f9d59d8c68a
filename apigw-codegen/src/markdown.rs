//! What is left of reStructuredText in a spec's descriptions, as Markdown for rustdoc: rules of
//! the format, applied to every description alike when its doc comment is emitted.
//!
//! - Inline markup as [`apigw_spec::rst::inline`] converts it: `` `text <url>`__ `` →
//!   `[text](url)`, ``:ref:`text <label>` `` → `text`, ``` ``x`` ``` → `` `x` ``.
//! - `.. code-block:: [lang]` / `.. code::` with the indented lines after it (or, in a
//!   flattened cell, the paragraph after it) → a fenced block; written in the middle of a line
//!   (a flattened table cell) → the rest of the line as inline code.
//! - An admonition (`.. important::`, `.. note::`, `.. caution::`, …) → its content, labelled
//!   (`**Important:** …`) unless the content has a label of its own (`NOTICE: …`).
//! - A sentence that only points at a table of the page ("For details, see Table 3.") is left
//!   out: the table is the type the field's type links to.
//! - Boilerplate is left out: a `**Constraints**`, `**Range**`, `**Default Value**` section
//!   whose text is `N/A`, and the `**Definition**` heading before the description itself.

/// `text` (a description) as Markdown.
pub(crate) fn markdown(text: &str) -> String {
    let text = blocks(text);
    let paragraphs = split_paragraphs(&text);
    let mut out: Vec<String> = Vec::new();
    let mut k = 0;
    while k < paragraphs.len() {
        let p = paragraphs[k].trim_end().to_owned();
        k += 1;
        if p.starts_with("```") {
            out.push(p);
            continue;
        }
        let heading = p.trim();
        if heading == "**Definition**" {
            continue;
        }
        // `**Range**` + `N/A` (two paragraphs), or `**Range** N/A` (one).
        if let Some(name) = section_heading(heading) {
            let rest = heading[name.len()..].trim();
            if rest.is_empty() {
                if paragraphs.get(k).is_some_and(|next| is_nothing(next)) {
                    k += 1;
                    continue;
                }
            } else if is_nothing(rest) {
                continue;
            }
        }
        let p = drop_table_pointers(&apigw_spec::rst::inline(&p));
        if !p.trim().is_empty() {
            out.push(p);
        }
    }
    out.join("\n\n")
}

fn section_heading(p: &str) -> Option<&'static str> {
    [
        "**Constraints**",
        "**Range**",
        "**Default Value**",
        "**Default**",
    ]
    .into_iter()
    .find(|h| p.starts_with(h))
}

fn is_nothing(text: &str) -> bool {
    matches!(
        text.trim().trim_end_matches('.'),
        "N/A" | "None" | "none" | "-"
    )
}

/// Paragraphs (separated by blank lines); a fenced block stays one paragraph.
fn split_paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            if !fenced && !current.is_empty() {
                out.push(current.join("\n"));
                current.clear();
            }
            current.push(line);
            if fenced {
                out.push(current.join("\n"));
                current.clear();
            }
            fenced = !fenced;
            continue;
        }
        if !fenced && line.trim().is_empty() {
            if !current.is_empty() {
                out.push(current.join("\n"));
                current.clear();
            }
            continue;
        }
        current.push(line);
    }
    if fenced {
        current.push("```");
    }
    if !current.is_empty() {
        out.push(current.join("\n"));
    }
    out
}

/// The directives that show code.
const CODE_DIRECTIVES: [&str; 3] = ["code-block", "code", "sourcecode"];

/// A directive in `line`: where `.. ` starts, its name and its argument (`.. code:: text` →
/// `code`, `text`).
fn directive(line: &str) -> Option<(usize, &str, &str)> {
    let mut from = 0;
    while let Some(found) = line[from..].find(".. ") {
        let at = from + found;
        let rest = &line[at + 3..];
        let name_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or(rest.len());
        if name_len > 0 && rest[name_len..].starts_with("::") {
            return Some((at, &rest[..name_len], rest[name_len + 2..].trim()));
        }
        from = at + 3;
    }
    None
}

/// Directives → Markdown: code (`.. code-block:: [lang]`, `.. code::`) → a fenced block, or
/// inline code when written in the middle of a line (a flattened table cell); an admonition
/// (`.. important::`, `.. note::`, …) → its content, labelled `**Important:**` unless the content
/// carries a label of its own (`NOTICE: …`). A directive's content is its indented lines, or —
/// where a flattened cell indents nothing — the paragraph after it.
fn blocks(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        let Some((at, name, after)) = directive(line) else {
            out.push(line.to_owned());
            continue;
        };
        let before = line[..at].trim_end();
        let indent = line.len() - line.trim_start().len();
        let (content, consumed) = directive_content(&lines[i..], indent);
        let is_code = CODE_DIRECTIVES.contains(&name);
        if !is_code {
            // An admonition: its content, labelled.
            if after.is_empty() && before.is_empty() && !content.is_empty() {
                i += consumed;
                let label = format!("**{}{}:**", name[..1].to_uppercase(), &name[1..]);
                let first = content[0].trim();
                let has_label = first.split_once(':').is_some_and(|(word, _)| {
                    !word.is_empty() && word.chars().all(|c| c.is_alphabetic())
                });
                out.push(String::new());
                if has_label {
                    out.push(first.to_owned());
                } else {
                    out.push(format!("{label} {first}"));
                }
                out.extend(content[1..].iter().map(|l| l.trim().to_owned()));
                out.push(String::new());
            } else {
                out.push(format!("{before} {after}").trim().to_owned());
            }
            continue;
        }
        let is_language = after.is_empty() || (!after.contains(' ') && after.len() <= 10);
        if is_language && !content.is_empty() && before.is_empty() {
            i += consumed;
            let lang = if after == "json" { "json" } else { "text" };
            out.push(String::new());
            out.push(format!("```{lang}"));
            out.extend(content);
            out.push("```".to_owned());
            out.push(String::new());
        } else {
            let code = after.trim();
            let shown = if code.is_empty() {
                String::new()
            } else if code.contains('`') {
                format!("`` {code} ``")
            } else {
                format!("`{code}`")
            };
            out.push(format!("{before} {shown}").trim_end().to_owned());
        }
    }
    out.join("\n")
}

/// The content of a directive whose line is indented by `indent`, from the lines after it: its
/// more indented lines (dedented, blank lines around them left out), else the paragraph after
/// the blank lines that follow it. Returns the lines and how many of `lines` they took.
fn directive_content(lines: &[&str], indent: usize) -> (Vec<String>, usize) {
    let deeper = |l: &&&str| l.trim().is_empty() || l.len() - l.trim_start().len() > indent;
    let body: Vec<&str> = lines.iter().take_while(deeper).copied().collect();
    let (taken, body) = if body.iter().any(|l| !l.trim().is_empty()) {
        (body.len(), body)
    } else {
        let blank = body.len();
        let paragraph: Vec<&str> = lines[blank..]
            .iter()
            .take_while(|l| !l.trim().is_empty())
            .copied()
            .collect();
        (blank + paragraph.len(), paragraph)
    };
    let min = body
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut content: Vec<String> = body
        .iter()
        .map(|l| l.get(min..).unwrap_or("").trim_end().to_owned())
        .collect();
    while content.last().is_some_and(|l| l.is_empty()) {
        content.pop();
    }
    let leading = content.iter().take_while(|l| l.is_empty()).count();
    content.drain(..leading);
    (content, taken)
}

/// Leaves out the sentences that only point at a table of the page ("For details, see
/// Table 3.", "see Table 2 for the fields"), and parenthesized pointers ("(see Table 3)").
fn drop_table_pointers(p: &str) -> String {
    if !p.contains("Table ") {
        return p.to_owned();
    }
    let mut out = String::new();
    for line in p.lines() {
        let line = drop_parenthesized(line);
        let mut kept = String::new();
        for sentence in sentences(&line) {
            if points_at_table(sentence) {
                continue;
            }
            kept.push_str(sentence);
        }
        let kept = kept.trim_end();
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(kept);
    }
    out
}

fn points_at_table(sentence: &str) -> bool {
    let lower = sentence.to_lowercase();
    ["see table ", "in table ", "refer to table "]
        .iter()
        .any(|p| {
            lower
                .find(p)
                .is_some_and(|at| lower[at + p.len()..].starts_with(|c: char| c.is_ascii_digit()))
        })
}

fn drop_parenthesized(line: &str) -> String {
    let mut out = line.to_owned();
    while let Some(start) = out.find("(see Table ").or_else(|| out.find("(See Table ")) {
        let Some(len) = out[start..].find(')') else {
            break;
        };
        let end = start + len + 1;
        let before = out[..start].trim_end().to_owned();
        out = format!("{before}{}", &out[end..]);
    }
    out
}

/// The sentences of a line, each with the spaces after it.
fn sentences(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = line.as_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b'.' && bytes.get(i + 1).is_none_or(|b| *b == b' ') {
            let mut end = i + 1;
            while bytes.get(end) == Some(&b' ') {
                end += 1;
            }
            out.push(&line[start..end]);
            start = end;
        }
    }
    if start < line.len() {
        out.push(&line[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::markdown;

    #[test]
    fn links_literals_and_references() {
        assert_eq!(
            markdown("Obtain `regions and endpoints <https://docs.example/r.html>`__ first."),
            "Obtain [regions and endpoints](https://docs.example/r.html) first."
        );
        assert_eq!(
            markdown("See :ref:`Obtaining a Project ID <x_1>` and ``id`` and `a`."),
            "See Obtaining a Project ID and `id` and `a`."
        );
    }

    #[test]
    fn code_blocks() {
        assert_eq!(
            markdown("- Linux .. code-block:: #!/bin/bash echo x"),
            "- Linux `#!/bin/bash echo x`"
        );
        assert_eq!(
            markdown("Example:\n\n.. code-block::\n\n   {\"a\": 1}\n     nested\n\nAfter."),
            "Example:\n\n```text\n{\"a\": 1}\n  nested\n```\n\nAfter."
        );
        // Flattened: nothing is indented, the paragraph after the directive is its content.
        assert_eq!(
            markdown("Pattern:\n\n.. code:: text\n\n^[a-z]*$\n\nAfter."),
            "Pattern:\n\n```text\n^[a-z]*$\n```\n\nAfter."
        );
    }

    #[test]
    fn admonitions() {
        assert_eq!(
            markdown("The name.\n\n.. important::\n\nNOTICE: It must be unique."),
            "The name.\n\nNOTICE: It must be unique."
        );
        assert_eq!(
            markdown("The name.\n\n.. note::\n\n   It must be unique.\n   Always."),
            "The name.\n\n**Note:** It must be unique.\nAlways."
        );
    }

    #[test]
    fn boilerplate_and_table_pointers() {
        let text = "**Definition**\n\nThe name. For details, see Table 3.\n\n**Constraints**\n\nN/A\n\n**Range**\n\n1 to 64\n\n**Default Value**\n\nN/A";
        assert_eq!(markdown(text), "The name.\n\n**Range**\n\n1 to 64");
        assert_eq!(markdown("**Constraints** N/A"), "");
        assert_eq!(
            markdown("The disks (see Table 2) to attach. See Table 4."),
            "The disks to attach."
        );
        assert_eq!(markdown("Only Table 3 rows."), "Only Table 3 rows.");
    }
}
