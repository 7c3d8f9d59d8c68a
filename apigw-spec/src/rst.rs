//! reStructuredText inline markup in descriptions, as Markdown: one rule of the format, applied
//! by the importer when it writes a description into a spec and by the generator to whatever a
//! spec's author wrote.

/// Inline markup → Markdown:
/// - `` `text <url>`__ `` and `` `text <url>`_ `` → `[text](url)` (a link to a label of the
///   page, not a URL, → `text`);
/// - ``:ref:`text <label>` `` → `text`, ``:ref:`label` `` → `label`;
/// - ``` ``x`` ``` → `` `x` ``;
/// - an escaped space (`\ `) → nothing.
///
/// Markdown is left as it is (`**x**`, `` `x` ``, `[text](url)`), so converting twice changes
/// nothing.
///
/// ```
/// use apigw_spec::rst::inline;
/// assert_eq!(
///     inline("See :ref:`Obtaining a Project ID <apig-01>` and ``id``."),
///     "See Obtaining a Project ID and `id`."
/// );
/// assert_eq!(inline("`IANA <https://www.iana.org>`__"), "[IANA](https://www.iana.org)");
/// assert_eq!(inline(&inline("``id``")), "`id`");
/// ```
pub fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        // `text <target>`__ or `text <target>`_ (a link), or :ref:`text <label>`.
        let Some(start) = rest.find('`') else {
            out.push_str(rest);
            break;
        };
        let is_ref = rest[..start].ends_with(":ref:");
        let after = &rest[start + 1..];
        if let Some(literal) = after.strip_prefix('`') {
            // ``literal``
            if let Some(end) = literal.find("``") {
                out.push_str(&rest[..start]);
                out.push('`');
                out.push_str(&literal[..end]);
                out.push('`');
                rest = &literal[end + 2..];
                continue;
            }
        }
        let Some(end) = after.find('`') else {
            out.push_str(rest);
            break;
        };
        let inner = &after[..end];
        let tail = &after[end + 1..];
        let underscores = tail.len() - tail.trim_start_matches('_').len();
        let target = inner
            .strip_suffix('>')
            .and_then(|t| t.rsplit_once('<'))
            .map(|(shown, target)| (shown.trim(), target.trim()));
        if is_ref {
            out.push_str(&rest[..start - ":ref:".len()]);
            out.push_str(target.map_or(inner, |(shown, _)| shown));
            rest = tail;
        } else if underscores > 0 {
            out.push_str(&rest[..start]);
            match target {
                Some((shown, url)) if url.contains("://") => {
                    let shown = if shown.is_empty() { url } else { shown };
                    out.push_str(&format!("[{shown}]({url})"));
                }
                Some((shown, _)) => out.push_str(shown),
                None => out.push_str(inner),
            }
            rest = &tail[underscores..];
        } else {
            out.push_str(&rest[..start + 1 + end + 1]);
            rest = tail;
        }
    }
    out.replace("\\ ", "")
}

#[cfg(test)]
mod tests {
    use super::inline;

    #[test]
    fn references_literals_links_and_escaped_spaces() {
        assert_eq!(
            inline("See :ref:`Obtaining a Project ID <apig-api-180713009>` and ``id``."),
            "See Obtaining a Project ID and `id`."
        );
        assert_eq!(inline(":ref:`label`"), "label");
        assert_eq!(
            inline("see `the API reference <https://docs.example.com/api>`_ now"),
            "see [the API reference](https://docs.example.com/api) now"
        );
        assert_eq!(inline("see `Table 3 <#table3>`__"), "see Table 3");
        assert_eq!(inline("a\\ b"), "ab");
    }

    #[test]
    fn markdown_and_unfinished_markup_are_kept() {
        for text in [
            "**bold** and `code`",
            "[a](https://b)",
            "an odd ` quote",
            "two `` ticks",
        ] {
            assert_eq!(inline(text), text);
        }
    }

    #[test]
    fn converting_twice_changes_nothing() {
        let text = "``x``, :ref:`Y <y>`, `Z <https://z>`__ and a\\ b";
        assert_eq!(inline(&inline(text)), inline(text));
    }
}
