//! A reference page's structure: title, label, description, request line, every table with
//! its caption, anchor, section role and status code, the example requests and responses, and
//! the status codes. No interpretation of the tables yet (that is [`crate::operation`]).
//!
//! Sections are known by what their heading says, not by one spelling: `Request Parameters`,
//! `Request`, `Request Message` are all the request; `Example Request`, `Request Example` and
//! `Examples` hold examples; `Status Code`, `Status Codes` and `Returned Values` the statuses.
//! Prose that does not change what the operation is (`None`, captions, pointers to tables or
//! other pages) is accepted wherever it stands; a table or a code block is never skipped.

use crate::ImportError;
use crate::blocks::{self, Block};
use crate::request_line::{self, RequestLine};
use crate::table::Table;

/// What a section of a page documents, from its heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Before any heading, or a section of prose (`Function`, `Constraints`, ...).
    Prose,
    /// Prose that describes the operation: `Function`, `Description`, `Constraints`.
    Description,
    /// `URI`: the request line and the path (and query) parameters.
    Uri,
    /// `Request`, `Request Parameters`, ...: headers and the body.
    Request,
    /// `Response`, `Response Parameters`, ...: the response bodies and headers.
    Response,
    /// `Example Request(s)`, `Request Example`.
    RequestExamples,
    /// `Example Response(s)`, `Response Example`.
    ResponseExamples,
    /// `Examples`, `Example`: requests (those starting with a request line) and responses.
    Examples,
    /// `Status Code(s)`, `Returned Value(s)`.
    Statuses,
    /// `Error Codes`: a pointer to the service's error code list.
    ErrorCodes,
}

impl Role {
    /// The role of a section with this heading.
    pub fn of(heading: &str) -> Role {
        let h: String = heading
            .chars()
            .filter(|&c| c != '*')
            .collect::<String>()
            .trim()
            .to_ascii_lowercase();
        let words: Vec<&str> = h
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        let has = |w: &str| words.iter().any(|x| x.starts_with(w));
        let at = |w: &str| words.iter().position(|x| x.starts_with(w));
        if has("example") || has("sample") {
            // What it names first: `Example response (request successful)` is a response.
            return match (at("request"), at("response")) {
                (Some(q), Some(s)) if s < q => Role::ResponseExamples,
                (Some(_), _) => Role::RequestExamples,
                (None, Some(_)) => Role::ResponseExamples,
                (None, None) => Role::Examples,
            };
        }
        // `URI`, `Request URI`, `URL`; a longer heading that mentions a URL is about something
        // else (`Step 3: Call the API Using the Link URL of the Bucket`).
        if (has("uri") || has("url")) && words.len() <= 3 {
            return Role::Uri;
        }
        if has("status") || (has("returned") && has("value")) {
            return Role::Statuses;
        }
        if has("error") {
            return Role::ErrorCodes;
        }
        if has("request") {
            return Role::Request;
        }
        if has("response") {
            return Role::Response;
        }
        if has("function") || has("description") || has("constraint") {
            return Role::Description;
        }
        Role::Prose
    }
}

/// A table of a page and where it stands.
#[derive(Debug, Clone)]
pub struct PageTable {
    /// The caption without its number (`Path Parameters`, `ApiVersionResp`).
    pub caption: String,
    /// The `.. _anchor:` label right before it, if any.
    pub anchor: Option<String>,
    /// The role of the section it is in.
    pub role: Role,
    /// The status code it follows, within a response section.
    pub status: Option<u16>,
    /// The table.
    pub table: Table,
    /// Page line of the table.
    pub line: usize,
    /// The page of the reference the table stands on, when it is not this page's own: a table
    /// another page labels, which a row of this page refers to (see [`crate::Library`]). Such a
    /// table only describes an object type.
    pub from: Option<String>,
}

/// A code block of the examples sections, with the text that introduces it.
#[derive(Debug, Clone)]
pub struct PageExample {
    /// The status it documents (responses only).
    pub status: Option<u16>,
    /// The sentence before the block (e.g. `OK`, or a bullet item naming the case).
    pub summary: Option<String>,
    /// The request line the block starts with, if any (requests only).
    pub request_line: Option<RequestLine>,
    /// The block's text after the request line: the body, if any.
    pub code: String,
    /// Page line of the code block.
    pub line: usize,
}

/// A page, read into its parts.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// The label before the title.
    pub label: Option<String>,
    /// The title.
    pub title: Option<String>,
    /// The title's page line (0 when there is none).
    pub title_line: usize,
    /// The paragraphs of the description sections (`Function`, `Constraints`, ...).
    pub description: Vec<String>,
    /// The request lines of the `URI` section, in order.
    pub request_lines: Vec<RequestLine>,
    /// Every table.
    pub tables: Vec<PageTable>,
    /// Example requests.
    pub request_examples: Vec<PageExample>,
    /// Example responses.
    pub response_examples: Vec<PageExample>,
    /// The status codes of the status tables: code, description, line.
    pub statuses: Vec<(u16, String, usize)>,
    /// The status codes written as markers (`**Status code: 200**`) in the response and status
    /// sections, in order: code, line.
    pub status_markers: Vec<(u16, usize)>,
    /// The status codes the example sections name (`**Status code: 200**` under `Example
    /// Response`, a code block saying only `Http Response Code: 204`), in order: code, line.
    pub example_statuses: Vec<(u16, usize)>,
    /// What the page says that the reading leaves out, at its line (a status table's
    /// `default` row).
    pub warnings: Vec<crate::Warning>,
}

impl Page {
    /// Whether the page documents an operation: it has a `URI` section that states a request
    /// line (a `URI` section without one explains URIs in general). A page that cannot be read
    /// counts as an operation, so that why it cannot be read is reported.
    pub fn is_operation(text: &str) -> bool {
        let has_uri = blocks::headings(text)
            .into_iter()
            .any(|h| Role::of(h) == Role::Uri);
        has_uri && read(text).map_or(true, |page| !page.request_lines.is_empty())
    }
}

/// Reads a page.
pub fn read(text: &str) -> Result<Page, ImportError> {
    let mut page = Page::default();
    let mut role = Role::Prose;
    let mut status = None;
    let mut anchor: Option<String> = None;
    let mut summary: Option<String> = None;
    let mut pending_name: Option<String> = None;
    // A sub-heading written as a paragraph or bullet item (`-  Example request`) inside another
    // section: the examples it names, for the code blocks up to the next heading or the next
    // such name of something else (`-  Parameter description`).
    let mut named_examples: Option<(Role, usize)> = None;
    for block in blocks::parse(text)? {
        let line = block.line();
        if let Block::Text { text, indent, .. } = &block {
            if named_examples.is_some_and(|(_, at)| *indent <= at) {
                named_examples = None;
            }
            let named = Role::of(text);
            if named_examples.is_none()
                && is_name_line(text)
                && !is_examples(role)
                && is_examples(named)
            {
                // `-  Example 1` in the request section is an example request.
                let named = match (named, role) {
                    (Role::Examples, Role::Request) => Role::RequestExamples,
                    (Role::Examples, Role::Response) => Role::ResponseExamples,
                    (named, _) => named,
                };
                named_examples = Some((named, *indent));
                summary = None;
                continue;
            }
        }
        let mut name_line = match &block {
            Block::Text { text, .. } if is_name_line(text) => Some(text.clone()),
            _ => None,
        };
        match block {
            Block::Anchor { name, .. } => {
                anchor = Some(name);
                continue;
            }
            Block::Heading { text, level, .. } => {
                named_examples = None;
                if page.title.is_none() {
                    page.title = Some(text);
                    page.title_line = line;
                    page.label = anchor.take();
                } else {
                    let next = Role::of(&text);
                    // A sub-heading of the examples or statuses (`Example request 1`) names
                    // what follows; elsewhere it starts a section of its own.
                    if level != '-'
                        && matches!(
                            role,
                            Role::RequestExamples | Role::ResponseExamples | Role::Examples
                        )
                        && next == Role::Prose
                    {
                        summary = Some(text);
                        continue;
                    }
                    role = next;
                    status = None;
                    summary = None;
                }
            }
            Block::Status { code, .. } => {
                status = Some(code);
                summary = None;
                if matches!(role, Role::Response | Role::Statuses) {
                    page.status_markers.push((code, line));
                } else if is_examples(named_examples.map_or(role, |(r, _)| r)) {
                    page.example_statuses.push((code, line));
                }
            }
            Block::Table { caption, table, .. } => {
                if let Some(codes) = status_table(&table, &mut page.warnings)? {
                    for (code, description, row_line) in codes {
                        if !page.statuses.iter().any(|(c, _, _)| *c == code) {
                            page.statuses.push((code, description, row_line));
                        }
                    }
                    anchor = None;
                    continue;
                }
                let caption = match pending_name.take() {
                    Some(name) if caption.is_empty() => name,
                    _ => caption,
                };
                page.tables.push(PageTable {
                    caption,
                    anchor: anchor.take(),
                    role,
                    status,
                    table,
                    line,
                    from: None,
                });
            }
            Block::Code { text, .. } => {
                let example_role = named_examples.map_or(role, |(r, _)| r);
                if let Some(code) = status_line(&text)
                    && (is_examples(example_role) || example_role == Role::Response)
                {
                    // `Http Response Code: 204`: the status of a response without a body.
                    page.example_statuses.push((code, line));
                    status = Some(code);
                    continue;
                }
                let (request_line, code) = request_line::split_example(&text);
                let example = PageExample {
                    status,
                    summary: summary.take(),
                    request_line,
                    code,
                    line,
                };
                let is_request = match named_examples.map_or(role, |(r, _)| r) {
                    Role::RequestExamples | Role::Request => true,
                    Role::ResponseExamples | Role::Response | Role::Statuses => false,
                    Role::Examples => example.request_line.is_some(),
                    Role::Uri if example.request_line.is_some() && example.code.is_empty() => {
                        // The request line itself, set as code.
                        page.request_lines.extend(example.request_line);
                        continue;
                    }
                    _ => {
                        return Err(ImportError::new(
                            line,
                            "code block outside the request, response and example sections",
                        ));
                    }
                };
                if is_request {
                    page.request_examples.push(example);
                } else {
                    page.response_examples.push(example);
                }
            }
            Block::Text { text, .. } if named_examples.is_some() => {
                if text != "None" {
                    summary = Some(text);
                }
            }
            Block::Text { text, .. } => match role {
                Role::Description => page.description.push(text),
                Role::Uri => {
                    if let Some(request) = request_line::read(&text, line) {
                        page.request_lines.push(request);
                    } else if let Some(method) = request_line::method_line(&text)
                        && let Some(last) = page.request_lines.last_mut()
                        && last.method.is_empty()
                    {
                        // `PATH: /v1/...` then `Method: POST`.
                        last.method = method;
                    } else if let Some(path) = request_line::path_line(&text, line) {
                        page.request_lines.push(path);
                    } else if let Some(method) = request_line::method_alone(&text) {
                        // `GET` alone: the path is the example request's.
                        page.request_lines.push(RequestLine {
                            method,
                            path: String::new(),
                            query: Vec::new(),
                            line,
                        });
                    }
                }
                Role::RequestExamples | Role::ResponseExamples | Role::Examples
                    if text != "None" =>
                {
                    summary = Some(text);
                }
                // `-  Normal` with `200` under it: a status the operation answers with.
                Role::Statuses | Role::Response => {
                    if let Some(code) = named_status(&text) {
                        page.status_markers.push((code, line));
                    }
                }
                _ => {}
            },
        }
        // A label before prose or a heading links a section, not a table: nothing of the
        // operation hangs on it. Only a one-line name between a label and its caption-less
        // table (`.. _auth:`, `**auth**`, the table) keeps the label for the table.
        // The same line names a caption-less table that follows it (`-  Parameters in the
        // request header`, then the table).
        match (&anchor, &pending_name) {
            (_, None) if name_line.is_some() => pending_name = name_line.take(),
            _ => {
                anchor = None;
                pending_name = None;
            }
        }
    }
    Ok(page)
}

/// A code block that only names a status: `Http Response Code: 204`, `HTTP/1.1 204 No
/// Content`, `Status code: 200`.
fn status_line(code: &str) -> Option<u16> {
    let text = code.trim();
    if text.contains('\n') || text.contains(['{', '[']) {
        return None;
    }
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ':')
        .filter(|w| !w.is_empty())
        .collect();
    let at = words.iter().position(|w| leading_code(w).is_some())?;
    let before = words[..at].join(" ").to_ascii_lowercase();
    (before.starts_with("http/") || before.contains("status") || before.contains("code"))
        .then(|| leading_code(words[at]))
        .flatten()
}

/// Whether a section of this role holds examples.
fn is_examples(role: Role) -> bool {
    matches!(
        role,
        Role::RequestExamples | Role::ResponseExamples | Role::Examples
    )
}

/// A short line that ends in a status code: `Normal 200`, `Normal response code: 201`.
fn named_status(text: &str) -> Option<u16> {
    let plain: String = text.chars().filter(|&c| c != '*').collect();
    let words: Vec<&str> = plain.split_whitespace().collect();
    if words.len() > 4 {
        return None;
    }
    leading_code(words.last()?)
}

/// A paragraph that only names something: `**auth**`, `identity`, `Parameters in the body`.
fn is_name_line(text: &str) -> bool {
    text.len() <= 80 && !text.contains(['.', ':', '`']) && text.split_whitespace().count() <= 6
}

/// The rows of a table that lists status codes (its first column is headed `Status Code`, or
/// every first cell is a three-digit code): code, description, line.
/// A status code, its description and its page line.
type StatusRow = (u16, String, usize);

fn status_table(
    table: &Table,
    warnings: &mut Vec<crate::Warning>,
) -> Result<Option<Vec<StatusRow>>, ImportError> {
    let first = table.header.first().map(|h| h.to_ascii_lowercase());
    let all_codes = !table.rows.is_empty()
        && table
            .rows
            .iter()
            .all(|r| leading_code(&r.cells[0]).is_some());
    let headed = first.as_deref().is_some_and(|h| {
        h.contains("status code")
            || h.contains("returned value")
            || (h.contains("status") && all_codes)
    });
    if !(headed || all_codes && table.header.len() <= 3 && table.column("Type").is_none()) {
        return Ok(None);
    }
    let mut out = Vec::new();
    for row in &table.rows {
        // `default`: the response to any status not listed (as OpenAPI writes it), which
        // names no status of its own.
        if apigw_spec::rst::inline(&row.cells[0])
            .trim()
            .eq_ignore_ascii_case("default")
        {
            warnings.push(crate::Warning::new(
                row.line,
                "status `default` (any status not listed) names no status; left out (an undocumented status is still an error)",
            ));
            continue;
        }
        let code = leading_code(&row.cells[0]).ok_or_else(|| {
            ImportError::new(
                row.line,
                format!("unreadable status code `{}`", row.cells[0].trim()),
            )
        })?;
        let description = row
            .cells
            .iter()
            .skip(1)
            .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "))
            .find(|c| !c.is_empty())
            .unwrap_or_default();
        out.push((code, apigw_spec::rst::inline(&description), row.line));
    }
    Ok(Some(out))
}

/// `200`, `**200**`, `200 OK`: the code a cell starts with.
fn leading_code(cell: &str) -> Option<u16> {
    let plain: String = cell.chars().filter(|&c| c != '*').collect();
    let word = plain.split_whitespace().next()?;
    (word.len() == 3 && word.chars().all(|c| c.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
        .filter(|c| (100..600).contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bullet_naming_examples_is_a_sub_heading() {
        let text = "\
Canceling a Share
=================

URI
---

Get /v2/{project_id}/shares/{id}

-  Example request

   Canceling one share

   .. code-block::

      GET /v2/{project_id}/shares/e842bf23
";
        assert!(Page::is_operation(text));
        let page = read(text).unwrap();
        assert_eq!(page.request_lines.len(), 1);
        assert_eq!(page.request_lines[0].method, "GET");
        // The code under the bullet is an example, not a second request line.
        assert_eq!(page.request_examples.len(), 1);
        let example = &page.request_examples[0];
        assert_eq!(example.summary.as_deref(), Some("Canceling one share"));
        assert_eq!(
            example.request_line.as_ref().unwrap().path,
            "/v2/{project_id}/shares/e842bf23"
        );
        // What follows the next bullet at its level is the section's again.
        let more =
            format!("{text}\n-  Parameter description\n\n   .. code-block::\n\n      {{}}\n");
        assert_eq!(read(&more).unwrap_err().line, 19);
    }

    #[test]
    fn sections_are_known_by_what_their_heading_says() {
        assert_eq!(Role::of("URI"), Role::Uri);
        assert_eq!(Role::of("Request URI"), Role::Uri);
        assert_ne!(
            Role::of("Step 3: Call the API to Create a Bucket Using the Link URL"),
            Role::Uri
        );
        assert_eq!(Role::of("Request Parameters"), Role::Request);
        assert_eq!(Role::of("Request Message"), Role::Request);
        assert_eq!(Role::of("Response"), Role::Response);
        assert_eq!(Role::of("Example Requests"), Role::RequestExamples);
        assert_eq!(Role::of("Response Example"), Role::ResponseExamples);
        assert_eq!(Role::of("Examples"), Role::Examples);
        assert_eq!(
            Role::of("Example response (request successful)"),
            Role::ResponseExamples
        );
        assert_eq!(Role::of("**Status Codes**"), Role::Statuses);
        assert_eq!(Role::of("Returned Values"), Role::Statuses);
        assert_eq!(Role::of("Error Codes"), Role::ErrorCodes);
        assert_eq!(Role::of("Function"), Role::Description);
        assert_eq!(Role::of("Calling Method"), Role::Prose);
    }
}
