//! The facts a description states in prose rather than in APIG's markers: the newer pages'
//! blocks (`**Definition**`, `**Constraints**`, `**Range**`, `**Default Value**`) and the older
//! pages' sentences (`The value can be **A** or **B**.`, `Options: …`, `Possible values are as
//! follows:` with a list, or a list of bare values alone after the first paragraph, `The value ranges from 1 to 64.`, `Value range: 0-2000`, `The value
//! can contain 1 to 64 characters`, `The default value is **20**.`). These are rules of the
//! format, read wherever they stand in a description cell; which facts a field may carry is
//! decided later by the checker (the constraint step of the operation import).
//!
//! What is read leaves the text when the text said nothing else: a sentence that is only the
//! fact (`The value is from 0 to 2000.`), a block whose content was read or is `N/A`. A list
//! of values stays (its items document each value), and so does a sentence that says more
//! than the fact; such facts are marked as still in the text, so that a fact the field cannot
//! carry is not written into the description a second time.

use std::sync::LazyLock;

use regex::Regex;

use crate::cell::{Description, InText, Paragraph};

/// The block headings of the newer pages (`**Range**:`), each alone in its paragraph.
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\*\*(Definition|Constraints?|Range|Value Range|Default Value|Default)\*\*\s*:?$")
        .expect("valid pattern")
});

/// A sentence that states the values a field takes: the lead-in, then the list.
static ENUM_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:the value can be|the value is one of|the options are|options:|possible values are|possible values:|value range:|the value must be one of|valid values are|valid values:)\s+(.+?)\.?$",
    )
    .expect("valid pattern")
});

/// One item of such a list: `**VALUE**` or a plain token, perhaps with a parenthesis.
static ENUM_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\*\*([^*]{1,40})\*\*|([A-Za-z0-9_.:-]+))(?:\s*\(([^)]*)\))?$")
        .expect("valid pattern")
});

/// The separators of such a list: `, `, ` or `, `, or `, ` and `.
static ENUM_SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r",\s*(?:or|and)\s+|,\s*|\s+(?:or|and)\s+").expect("valid pattern")
});

/// A numeric range: `from 0 to 2000`, `0-2000`, `[1, 50]`, `**0** to **2000**`, after a
/// lead-in that says it is the value's.
static RANGE_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:the value (?:is|ranges|can be|must be|range is)(?: an integer)?(?: from| in the range of| between)?|the value range is|value ranges?:|range:|ranges from|value:)?\s*\[?\**(-?\d[\d,]*(?:\.\d+)?)\**\s*(?:to|-|–|~|and|,)\s*\**(-?\d[\d,]*(?:\.\d+)?)\**\]?(?:\s*\(included\))?\s*\.?$",
    )
    .expect("valid pattern")
});

/// A length stated in characters: `contain 1 to 64 characters`, `1–64 characters long`.
static LENGTH_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:from\s+)?\**(\d+)\**\s*(?:to|-|–|~)\s*\**(\d+)\**\s+(?:[a-z]+\s+)?characters\b",
    )
    .expect("valid pattern")
});

/// A maximum length: `a maximum of 36 characters`, `up to 255 characters`.
static LENGTH_MAX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:a maximum of|up to|at most|no more than|cannot exceed|not exceeding|not exceed|not longer than|maximum length is|max(?:imum)? length:)\s+\**(\d+)\**\s+(?:[a-z]+\s+)?characters\b",
    )
    .expect("valid pattern")
});

/// A sentence that is only a length (`The value can contain 1 to 64 characters.`).
static LENGTH_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:the value (?:can contain|contains|can be|is|must be|must contain)|it (?:can contain|contains)|length:|value range:|range:)?\s*(?:a maximum of |up to |at most |no more than )?(?:from\s+)?\**\d+\**\s*(?:(?:to|-|–|~)\s*\**\d+\**\s*)?(?:[a-z]+\s+)?characters(?: long)?\.?$",
    )
    .expect("valid pattern")
});

/// A default: `The default value is **20**.`, `Default value: 20`, `Default: 20`.
static DEFAULT_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:the )?default(?: value)?(?:\s+is|:|\s+value\s+is)\s+(?:\*\*([^*]{1,40})\*\*|([A-Za-z0-9_.:-]+))(.*?)$",
    )
    .expect("valid pattern")
});

/// Reads the prose facts of a cell's paragraphs into `out` (a fact APIG's markers already gave
/// is kept) and removes from `paragraphs` what said nothing else.
pub(crate) fn read(paragraphs: &mut Vec<Paragraph>, out: &mut Description) {
    // Blocks: a heading and the paragraphs up to the next heading.
    let heading_of = |p: &Paragraph| -> Option<String> {
        (!p.bullet)
            .then(|| HEADING.captures(p.text.trim()))
            .flatten()
            .map(|c| c[1].to_owned())
    };
    let headings: Vec<Option<String>> = paragraphs.iter().map(heading_of).collect();
    let mut block: Option<String> = None;
    let mut keep = vec![true; paragraphs.len()];
    let mut k = 0;
    while k < paragraphs.len() {
        if let Some(h) = &headings[k] {
            block = Some(h.clone());
            k += 1;
            continue;
        }
        let in_range = block
            .as_deref()
            .is_some_and(|b| b == "Range" || b == "Value Range");
        let in_default = block
            .as_deref()
            .is_some_and(|b| b == "Default Value" || b == "Default");
        let p = &paragraphs[k];
        let text = p.text.trim();
        if text == "N/A" || text == "N/A." || text == "None" {
            keep[k] = false;
            k += 1;
            continue;
        }
        // A list of values after a lead-in.
        let lead_in = text.ends_with(':') && announces_values(text);
        // A list of bare values that ends the description, right after its first paragraph
        // (`Backup policy status`, then `- ON`, `- OFF`).
        let bare_list = k == 1
            && !paragraphs[0].bullet
            && !paragraphs[0].text.trim_end().ends_with(':')
            && !speaks_of_other_than_values(&paragraphs[0].text)
            && headings[0].is_none()
            && paragraphs[k..].iter().all(|q| {
                q.bullet && value_item(&q.text, true).is_some_and(|(_, rest)| rest.is_empty())
            });
        let starts_run =
            lead_in || bare_list || (in_range && p.bullet && k > 0 && headings[k - 1].is_some());
        if starts_run {
            let first = if lead_in { k + 1 } else { k };
            let mut values = Vec::new();
            let mut default = None;
            let mut j = first;
            while j < paragraphs.len() && paragraphs[j].bullet {
                let Some((value, rest)) = value_item(&paragraphs[j].text, in_range || bare_list)
                else {
                    // A list that goes on with something else (`IP protocol number
                    // (0-255)`) is open, no enumeration; the next block's bullet ends it.
                    if !block_item(&paragraphs[j].text) {
                        values.clear();
                    }
                    break;
                };
                if mentions_default(&rest) {
                    default = Some(value.clone());
                }
                values.push(value);
                j += 1;
            }
            if values.len() >= 2 && !values.iter().any(|v| placeholder(v)) {
                if out.enum_values.is_empty() {
                    out.enum_values = values;
                    out.in_text.push(InText::Enumeration);
                }
                if let Some(d) = default
                    && out.default.is_none()
                {
                    out.default = Some(d);
                    out.in_text.push(InText::Default);
                }
                k = j;
                continue;
            }
        }
        // A whole paragraph in a `**Default Value**` block that is one value.
        if in_default
            && !p.bullet
            && let Some((value, rest)) = value_item(text.trim_end_matches('.'), true)
            && rest.is_empty()
        {
            if out.default.is_none() {
                out.default = Some(value);
                keep[k] = false;
            }
            k += 1;
            continue;
        }
        // The sentences of a paragraph.
        let sentences = sentences(text);
        let mut kept = Vec::new();
        for s in &sentences {
            if !sentence(s, in_range, out) {
                kept.push(s.as_str());
            }
        }
        if kept.len() != sentences.len() {
            if kept.is_empty() {
                keep[k] = false;
            } else {
                paragraphs[k].text = kept.join(" ");
            }
        }
        k += 1;
    }
    // A heading whose block is left empty goes; so does a lone `**Definition**` heading.
    let mut n = 0;
    while n < paragraphs.len() {
        if keep[n] && headings[n].is_some() {
            let next = (n + 1..paragraphs.len()).find(|&m| keep[m]);
            if next.is_none_or(|m| headings[m].is_some()) {
                keep[n] = false;
            }
        }
        n += 1;
    }
    let remaining: Vec<usize> = (0..paragraphs.len())
        .filter(|&m| keep[m] && headings[m].is_some())
        .collect();
    if let [only] = remaining[..]
        && headings[only].as_deref() == Some("Definition")
    {
        keep[only] = false;
    }
    let mut it = keep.into_iter();
    paragraphs.retain(|_| it.next().unwrap_or(true));
}

/// Whether a bullet item starts a block in the list style (`-  Default Value: None`).
fn block_item(text: &str) -> bool {
    [
        "Definition:",
        "Constraints:",
        "Range:",
        "Default Value:",
        "Default:",
    ]
    .iter()
    .any(|h| text.trim_start().starts_with(h))
}

/// Whether a lead-in (`Possible values are as follows:`) announces a list of values.
fn announces_values(text: &str) -> bool {
    let t = text.to_lowercase();
    let says = ["value", "option", "range", "can be", "one of", "possible"]
        .iter()
        .any(|w| t.contains(w));
    says && !speaks_of_other_than_values(text)
}

/// Whether a paragraph before a list says the list is something else than values: examples,
/// what a value contains or consists of, a format (`Plug-in content in JSON format`, then the
/// models' names).
fn speaks_of_other_than_values(text: &str) -> bool {
    let t = text.to_lowercase();
    ["example", "contain", "include", "format", "consist"]
        .iter()
        .any(|w| t.contains(w))
}

/// An item of a list of values: `**VALUE**: text`, `**VALUE**`, `VALUE: text`, or (in a
/// `**Range**` block, `loose`) a plain `VALUE`; the value and the rest of the item.
fn value_item(text: &str, loose: bool) -> Option<(String, String)> {
    let t = text.trim();
    if let Some(inner) = t.strip_prefix("**")
        && let Some((value, rest)) = inner.split_once("**")
    {
        let value = value.trim();
        let rest = rest.trim();
        let separated = rest.is_empty()
            || rest.starts_with(':')
            || rest.starts_with('(')
            || rest.starts_with(',')
            || rest.starts_with(" -")
            || rest.starts_with('-');
        let plausible = !value.is_empty() && value.len() <= 40 && !value.ends_with(':');
        return (separated && plausible).then(|| {
            let rest = rest.trim_start_matches([':', ',', '-']).trim();
            (value.to_owned(), rest.to_owned())
        });
    }
    let token = |s: &str| {
        !s.is_empty()
            && s.len() <= 40
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
    };
    if let Some((head, rest)) = t.split_once(':')
        && token(head.trim())
        && !rest.starts_with("//")
    {
        return Some((head.trim().to_owned(), rest.trim().to_owned()));
    }
    (loose && token(t)).then(|| (t.to_owned(), String::new()))
}

/// A listed value that stands for many (`compute:xxx`, `ecs.*`, `<az>`, `{name}`): the list
/// it is in is open, no enumeration.
fn placeholder(value: &str) -> bool {
    value.to_ascii_lowercase().contains("xxx") || value.contains(['*', '<', '{'])
}

fn mentions_default(text: &str) -> bool {
    let t = text.to_lowercase();
    t.contains("(default)") || t.contains("(default value)") || t.starts_with("default")
}

/// Splits a paragraph at sentence ends (`. ` after a letter, digit or `**`).
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, _) in text.match_indices(". ") {
        let before = &text[start..i];
        // Not after an abbreviation such as `e.g` or `i.e`.
        let abbreviation = before.ends_with("e.g") || before.ends_with("i.e");
        if !abbreviation && i > start && bytes[i - 1] != b' ' {
            out.push(text[start..=i].trim().to_owned());
            start = i + 2;
        }
    }
    if start < text.len() {
        out.push(text[start..].trim().to_owned());
    }
    out.retain(|s| !s.is_empty());
    out
}

/// Reads one sentence; whether it said only what was read (and so leaves the text).
fn sentence(s: &str, in_range: bool, out: &mut Description) -> bool {
    let mut consumed = false;
    // An enumeration in one sentence.
    if let Some(c) = ENUM_SENTENCE.captures(s) {
        let list = c[1].trim_end_matches('.');
        let mut values = Vec::new();
        let mut default = None;
        let mut parenthesised = false;
        let mut ok = true;
        for item in ENUM_SEPARATOR.split(list) {
            match ENUM_ITEM.captures(item.trim()) {
                Some(i) => {
                    let value = i.get(1).or(i.get(2)).map_or("", |m| m.as_str()).trim();
                    if let Some(note) = i.get(3) {
                        parenthesised = true;
                        if note.as_str().trim().eq_ignore_ascii_case("default") {
                            default = Some(value.to_owned());
                        }
                    }
                    values.push(value.to_owned());
                }
                None => {
                    ok = false;
                    break;
                }
            }
        }
        // A range written as a list (`Value range: 1-100`) is not an enumeration.
        let numbers_only = values.len() == 1;
        if ok && values.len() >= 2 && !numbers_only && !values.iter().any(|v| placeholder(v)) {
            if out.enum_values.is_empty() {
                out.enum_values = values;
                consumed = !parenthesised;
                if !consumed {
                    out.in_text.push(InText::Enumeration);
                }
            }
            if let Some(d) = default
                && out.default.is_none()
            {
                out.default = Some(d);
                out.in_text.push(InText::Default);
            }
            return consumed;
        }
    }
    // A numeric range.
    if let Some(c) = RANGE_SENTENCE.captures(s) {
        let starts_as_range = in_range
            || s.to_lowercase().starts_with("the value")
            || s.to_lowercase().starts_with("value range")
            || s.to_lowercase().starts_with("range")
            || s.to_lowercase().starts_with("ranges");
        if starts_as_range && out.minimum.is_none() && out.maximum.is_none() {
            out.minimum = Some(c[1].replace(',', ""));
            out.maximum = Some(c[2].replace(',', ""));
            out.range_sentence = Some(s.to_owned());
            return true;
        }
    }
    // A numeric range inside a longer sentence: `The value ranges from 1 to 100, and …`.
    // Lengths in characters.
    if out.min_length.is_none() && out.max_length.is_none() {
        if let Some(c) = LENGTH_RANGE.captures(s) {
            out.min_length = Some(c[1].to_owned());
            out.max_length = Some(c[2].to_owned());
            consumed = LENGTH_ONLY.is_match(s);
            if !consumed {
                out.in_text.push(InText::Length);
            }
        } else if let Some(c) = LENGTH_MAX.captures(s) {
            out.max_length = Some(c[1].to_owned());
            consumed = LENGTH_ONLY.is_match(s);
            if !consumed {
                out.in_text.push(InText::Length);
            }
        }
    }
    if consumed {
        return true;
    }
    // A default.
    if let Some(c) = DEFAULT_SENTENCE.captures(s)
        && out.default.is_none()
    {
        let value = c.get(1).or(c.get(2)).map_or("", |m| m.as_str()).trim();
        let rest = c[3].trim();
        let value = value.trim_end_matches('.');
        // `Default: None` states that there is none.
        let none = ["none", "null", "n/a", "empty"]
            .iter()
            .any(|n| value.eq_ignore_ascii_case(n));
        if none && (rest.is_empty() || rest == ".") {
            return true;
        }
        if !none && !value.is_empty() && !value.eq_ignore_ascii_case("the") {
            out.default = Some(value.to_owned());
            if rest.is_empty() || rest == "." {
                return true;
            }
            out.in_text.push(InText::Default);
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use crate::cell::parse;

    #[test]
    fn a_sentence_enumeration_and_default_leave_the_text() {
        let d = parse(
            "Disk format. The value can be **zvhd2**, **vhd**, or **raw**. The default value is **zvhd2**.",
            1,
        )
        .unwrap();
        assert_eq!(d.enum_values, ["zvhd2", "vhd", "raw"]);
        assert_eq!(d.default.as_deref(), Some("zvhd2"));
        assert_eq!(d.text, "Disk format.");
    }

    #[test]
    fn a_list_after_a_lead_in_is_an_enumeration_and_stays() {
        let d = parse(
            "-  Specifies the VPC status.\n   Possible values are as follows:\n\n   -  **CREATING**: The VPC is being created.\n   -  **OK**: The VPC is created.",
            1,
        )
        .unwrap();
        assert_eq!(d.enum_values, ["CREATING", "OK"]);
        assert!(d.text.contains("CREATING"), "{}", d.text);
        // Bare values alone after the first paragraph, with no lead-in.
        let d = parse("Backup policy status\n\n-  ON\n-  OFF", 1).unwrap();
        assert_eq!(d.enum_values, ["ON", "OFF"]);
        // Not when more follows them, or when they are not bare.
        for cell in [
            "Plug-in content in JSON format.\n\n-  CorsPluginContent\n-  BreakerContent",
            "Backup policy status\n\n-  ON\n-  OFF\n\nSet it when the policy is created.",
            "Backup policy status\n\n-  ON\n-  All policies are off",
        ] {
            assert!(parse(cell, 1).unwrap().enum_values.is_empty(), "{cell}");
        }
    }

    #[test]
    fn ranges_lengths_and_blocks() {
        let d = parse(
            "Specifies the number of records. The value is from 0 to 2000. The default value is 2000.",
            1,
        )
        .unwrap();
        assert_eq!(
            (d.minimum.as_deref(), d.maximum.as_deref()),
            (Some("0"), Some("2000"))
        );
        assert_eq!(d.default.as_deref(), Some("2000"));
        assert_eq!(d.text, "Specifies the number of records.");

        let d = parse(
            "**Definition**:\n\nName of the rule.\n\n**Constraints**:\n\nN/A\n\n**Range**:\n\nThe value can contain 0 to 255 characters.\n\n**Default Value**:\n\nN/A",
            1,
        )
        .unwrap();
        assert_eq!(
            (d.min_length.as_deref(), d.max_length.as_deref()),
            (Some("0"), Some("255"))
        );
        assert_eq!(d.text, "Name of the rule.");

        let d = parse(
            "**Definition**:\n\nIP version.\n\n**Range**:\n\n-  **4**: IPv4.\n\n-  **6**: IPv6.\n\n**Default Value**:\n\n**4**",
            1,
        )
        .unwrap();
        assert_eq!(d.enum_values, ["4", "6"]);
        assert_eq!(d.default.as_deref(), Some("4"));
        assert!(!d.text.contains("Default Value"), "{}", d.text);
    }

    #[test]
    fn what_is_not_a_closed_list_is_not_an_enumeration() {
        for cell in [
            "The value can be a key ID, alias (**key_alias**), or URN.",
            "The value can be **icmp**, **tcp**, **udp**, or an IP protocol number.",
            "The value can contain:\n\n-  Letters\n-  Digits",
            "Examples are as follows:\n\n-  **a**: one\n-  **b**: two",
            "-  Range:\n\n   -  **icmp**\n   -  **tcp**\n   -  IP protocol number (0-255)",
            "The value can be **network:dhcp**, **compute:xxx**, or **neutron:VIP_PORT**.",
            "Options:\n\n-  **{name}-web**: a web server\n-  **db**: a database",
        ] {
            let d = parse(cell, 1).unwrap();
            assert!(d.enum_values.is_empty(), "{cell}: {:?}", d.enum_values);
        }
        let d = parse(
            "The value can contain 1 to 64 characters, including letters.",
            1,
        )
        .unwrap();
        assert_eq!(d.max_length.as_deref(), Some("64"));
        assert!(d.text.contains("including letters"));
    }
}
