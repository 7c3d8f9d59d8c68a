//! A page's parts → one operation: parameters from the parameter tables, the request body,
//! one response per status, object types from the anchored tables (at any depth), and the
//! constraints written in the descriptions. Where the page contradicts itself the table wins
//! and a warning says so; what cannot be represented is an error.

use std::collections::{BTreeMap, HashMap};

use crate::cell::{self, Description};
use crate::page::{Page, PageExample, PageTable};
use crate::types::{self, PageType};
use crate::{ImportError, Warning};

/// An operation, ready to be written as a spec.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// `ListApiVersionsV2`.
    pub id: String,
    /// `GET`.
    pub method: String,
    /// `/v2/{project_id}/...`.
    pub path: String,
    /// The page title.
    pub summary: String,
    /// The `Function` text (and `Constraints`).
    pub description: String,
    /// Path, query and header parameters.
    pub params: Vec<Param>,
    /// The request body.
    pub body: Option<Body>,
    /// One per status code.
    pub responses: Vec<Response>,
    /// Object types, in the order they are first referenced.
    pub objects: Vec<Object>,
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    /// `[path.NAME]`.
    Path,
    /// `[query.NAME]`.
    Query,
    /// `[header.NAME]`.
    Header,
}

/// A request parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    /// Path, query or header.
    pub location: Location,
    /// Name, type, constraints.
    pub field: Field,
    /// Filled from the client's configuration (`project_id`).
    pub from_client: Option<String>,
    /// Filled by the credentials (`X-Auth-Token`).
    pub auth: bool,
}

/// A parameter, response header or object field.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The name on the wire.
    pub name: String,
    /// The spec type expression.
    pub ty: String,
    /// Whether it is mandatory (`None` when the table has no Mandatory column).
    pub required: Option<bool>,
    /// The prose.
    pub description: String,
    /// Enumeration values.
    pub enum_values: Vec<EnumValue>,
    /// Default, as a TOML literal.
    pub default: Option<String>,
    /// Bounds of numbers, as TOML literals.
    pub minimum: Option<String>,
    /// See `minimum`.
    pub maximum: Option<String>,
    /// Bounds of string lengths or array sizes.
    pub min_length: Option<u64>,
    /// See `min_length`.
    pub max_length: Option<u64>,
}

/// One enumeration value.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    /// The value as a TOML literal.
    pub value: String,
    /// The Rust variant name, where the derived one would be poor (`V1` for the integer `1`
    /// documented as `1: effective`) or collide with an earlier value's (`req_path` and
    /// `reqPath`).
    pub name: Option<String>,
    /// What the value means, from the description's `VALUE: text` item.
    pub description: Option<String>,
}

/// The request body.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// The spec type.
    pub ty: String,
    /// The media type.
    pub content_type: String,
    /// Example requests.
    pub examples: Vec<Example>,
}

/// One documented response.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// Status code.
    pub status: u16,
    /// `OK`, `Bad Request`, ...
    pub description: String,
    /// The body type, if the response has a body.
    pub body: Option<String>,
    /// Response headers.
    pub headers: Vec<Field>,
    /// Example responses.
    pub examples: Vec<Example>,
}

/// An object type.
#[derive(Debug, Clone, PartialEq)]
pub struct Object {
    /// Type name.
    pub name: String,
    /// Fields.
    pub fields: Vec<Field>,
}

/// A documented example body.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// What it shows.
    pub summary: Option<String>,
    /// The JSON text.
    pub json: String,
    /// The page line of its code block.
    pub line: usize,
}

/// Path parameters the client fills from its configuration.
const CLIENT_VALUES: &[&str] = apigw_spec::check::CLIENT_VALUES;
/// Request headers the credentials fill.
const AUTH_HEADERS: &[&str] = &["X-Auth-Token"];

/// Builds the operation of a page.
pub fn build(page: &Page, warnings: &mut Vec<Warning>) -> Result<Operation, ImportError> {
    let id = page
        .id
        .clone()
        .ok_or_else(|| ImportError::new(1, "no `.. _OperationId:` label before the title"))?;
    let (uri, uri_line) = page
        .uri
        .clone()
        .ok_or_else(|| ImportError::new(1, "no `URI` section"))?;
    let (method, path) = uri
        .split_once(' ')
        .filter(|(m, p)| m.chars().all(|c| c.is_ascii_uppercase()) && p.starts_with('/'))
        .ok_or_else(|| ImportError::new(uri_line, format!("`{uri}` is not `METHOD /path`")))?;
    let mut b = Builder {
        page,
        objects: Vec::new(),
        by_anchor: HashMap::new(),
        used: HashMap::new(),
        warnings,
    };
    let mut params = Vec::new();
    let mut body = None;
    let mut bodies: BTreeMap<u16, (String, usize)> = BTreeMap::new();
    let mut headers: BTreeMap<u16, Vec<Field>> = BTreeMap::new();
    for table in &page.tables {
        match (table.caption.as_str(), &table.anchor) {
            ("Path Parameters", _) => params.extend(b.params(table, Location::Path)?),
            ("Query Parameters", _) => params.extend(b.params(table, Location::Query)?),
            ("Request header parameters", _) => params.extend(b.params(table, Location::Header)?),
            (caption @ ("Request body parameters" | "FormData parameters"), _) => {
                let content_type = if caption.starts_with("Form") {
                    "multipart/form-data"
                } else {
                    "application/json"
                };
                let name = b.claim_name(&format!("{id}RequestBody"), None);
                let index = b.objects.len();
                let fields = b.fields(table)?;
                b.objects.insert(
                    index,
                    Object {
                        name: name.clone(),
                        fields,
                    },
                );
                body = Some(Body {
                    ty: name,
                    content_type: content_type.to_owned(),
                    examples: Vec::new(),
                });
            }
            ("Response header parameters", _) => {
                let status = b.status_of(table)?;
                headers.entry(status).or_default().extend(b.fields(table)?);
            }
            ("Response body parameters", _) if whole_body(table).is_some() => {
                // One row named `-`: its type is the type of the whole body (a file, say).
                let status = b.status_of(table)?;
                let row = whole_body(table).expect("checked by the guard");
                let ty = types::parse(&row.cells[1]).map_err(|e| ImportError::new(row.line, e))?;
                for anchor in ty.anchors() {
                    b.object(anchor, row.line)?;
                }
                let by_anchor = &b.by_anchor;
                bodies.insert(status, (ty.render(&|a| by_anchor[a].clone()), table.line));
            }
            ("Response body parameters", _) => {
                let status = b.status_of(table)?;
                let index = b.objects.len();
                let fields = b.fields(table)?;
                let base = if (200..300).contains(&status) {
                    format!("{id}Response")
                } else {
                    "ErrorResponse".to_owned()
                };
                // Identical body tables (the error bodies, typically) share one type.
                let name = match b
                    .objects
                    .iter()
                    .find(|o| o.fields == fields && o.name.starts_with(&base))
                {
                    Some(same) => same.name.clone(),
                    None => {
                        let name = b.claim_name(&base, Some(status));
                        b.objects.insert(
                            index,
                            Object {
                                name: name.clone(),
                                fields,
                            },
                        );
                        name
                    }
                };
                bodies.insert(status, (name, table.line));
            }
            (_, Some(_)) => {} // an object table, read when referenced
            (caption, None) => {
                return Err(ImportError::new(
                    table.line,
                    format!("table `{caption}` has no label and is not a known parameter table"),
                ));
            }
        }
    }
    for table in &page.tables {
        if let Some(anchor) = &table.anchor
            && !b.by_anchor.contains_key(anchor)
        {
            b.warnings.push(Warning::new(
                table.line,
                format!("object table `{}` is never referenced", table.caption),
            ));
        }
    }

    // Responses: every status of the status-code table, and of the body tables.
    let mut statuses: Vec<(u16, String)> = page
        .statuses
        .iter()
        .map(|(c, d, _)| (*c, d.clone()))
        .collect();
    for status in bodies.keys().chain(headers.keys()) {
        if !statuses.iter().any(|(c, _)| c == status) {
            statuses.push((*status, String::new()));
        }
    }
    let mut responses = Vec::new();
    for (status, description) in statuses {
        let examples = examples(
            page.response_examples
                .iter()
                .filter(|e| e.status == Some(status)),
            b.warnings,
        )?;
        let body = bodies.get(&status).map(|(name, _)| name.clone());
        if body.is_none()
            && let Some(e) = page
                .response_examples
                .iter()
                .find(|e| e.status == Some(status))
        {
            return Err(ImportError::new(
                e.line,
                format!("example response for status {status}, which documents no body"),
            ));
        }
        responses.push(Response {
            status,
            description,
            body,
            headers: headers.remove(&status).unwrap_or_default(),
            examples,
        });
    }
    for e in &page.response_examples {
        if !responses.iter().any(|r| Some(r.status) == e.status) {
            return Err(ImportError::new(
                e.line,
                "example response without a documented status",
            ));
        }
    }
    let request_examples = examples(page.request_examples.iter(), b.warnings)?;
    match &mut body {
        Some(body) => body.examples = request_examples,
        None => {
            if let Some(e) = page.request_examples.first() {
                return Err(ImportError::new(
                    e.line,
                    "example request body, but the page documents no request body",
                ));
            }
        }
    }

    let mut description = page.function.join("\n\n");
    for c in &page.constraints {
        description.push_str("\n\n");
        description.push_str(c);
    }
    Ok(Operation {
        id,
        method: method.to_owned(),
        path: path.trim().to_owned(),
        summary: page.title.clone().unwrap_or_default(),
        description: cell::inline(&description),
        params,
        body,
        responses,
        objects: b.objects,
    })
}

/// The single row of a body table that documents the whole body rather than a field: its
/// parameter is written `-`.
fn whole_body(table: &PageTable) -> Option<&crate::table::Row> {
    match table.table.rows.as_slice() {
        [row] if matches!(row.cells.first().map(|c| c.trim()), Some("-" | "``-``")) => Some(row),
        _ => None,
    }
}

fn examples<'a>(
    list: impl Iterator<Item = &'a PageExample>,
    warnings: &mut Vec<Warning>,
) -> Result<Vec<Example>, ImportError> {
    list.map(|e| {
        let mut json = e.code.clone();
        if let Err(err) = serde_json::from_str::<serde_json::Value>(&json) {
            // The one slip seen in examples: a comma before `}` or `]`. Anything else is an error.
            let repaired = without_trailing_commas(&json);
            if serde_json::from_str::<serde_json::Value>(&repaired).is_err() {
                return Err(ImportError::new(
                    e.line,
                    format!("example is not valid JSON: {err}"),
                ));
            }
            warnings.push(Warning::new(
                e.line,
                format!("example is not valid JSON ({err}); imported without its trailing commas"),
            ));
            json = repaired;
        }
        Ok(Example {
            summary: e.summary.as_ref().map(|s| cell::inline(s)),
            json,
            line: e.line,
        })
    })
    .collect()
}

/// `json` without commas that directly precede a closing `}` or `]` (outside strings).
fn without_trailing_commas(json: &str) -> String {
    let chars: Vec<char> = json.chars().collect();
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for (i, &c) in chars.iter().enumerate() {
        if in_string {
            in_string = c != '"' || escaped;
            escaped = c == '\\' && !escaped;
        } else if c == '"' {
            in_string = true;
        } else if c == ','
            && chars[i + 1..]
                .iter()
                .find(|c| !c.is_whitespace())
                .is_some_and(|n| matches!(n, '}' | ']'))
        {
            continue;
        }
        out.push(c);
    }
    out
}

struct Builder<'p, 'w> {
    page: &'p Page,
    objects: Vec<Object>,
    /// Anchor → object name, for tables already read (or being read).
    by_anchor: HashMap<String, String>,
    /// Object name → the anchor it was given to (`None` for body types).
    used: HashMap<String, Option<String>>,
    warnings: &'w mut Vec<Warning>,
}

impl Builder<'_, '_> {
    fn status_of(&self, table: &PageTable) -> Result<u16, ImportError> {
        table.status.ok_or_else(|| {
            ImportError::new(
                table.line,
                format!(
                    "`{}` outside a `**Status code: NNN**` section",
                    table.caption
                ),
            )
        })
    }

    /// A type name not used yet: `base`, else with the status or a number appended.
    fn claim_name(&mut self, base: &str, status: Option<u16>) -> String {
        let mut candidates = vec![base.to_owned()];
        if let Some(s) = status {
            candidates.push(format!("{base}{s}"));
        }
        candidates.extend((2..).take(50).map(|n| format!("{base}{n}")));
        let name = candidates
            .into_iter()
            .find(|c| !self.used.contains_key(c))
            .unwrap_or_else(|| format!("{base}X"));
        self.used.insert(name.clone(), None);
        name
    }

    fn params(&mut self, table: &PageTable, location: Location) -> Result<Vec<Param>, ImportError> {
        let fields = self.fields(table)?;
        Ok(fields
            .into_iter()
            .map(|mut field| {
                let from_client = (location == Location::Path
                    && CLIENT_VALUES.contains(&field.name.as_str()))
                .then(|| field.name.clone());
                let auth = location == Location::Header
                    && AUTH_HEADERS
                        .iter()
                        .any(|h| h.eq_ignore_ascii_case(&field.name));
                if location == Location::Path {
                    // Path parameters are always required; the spec says so by location.
                    field.required = None;
                }
                Param {
                    location,
                    field,
                    from_client,
                    auth,
                }
            })
            .collect())
    }

    fn fields(&mut self, table: &PageTable) -> Result<Vec<Field>, ImportError> {
        let t = &table.table;
        let col = |name: &str| {
            t.column(name).ok_or_else(|| {
                ImportError::new(
                    table.line,
                    format!("table `{}` has no `{name}` column", table.caption),
                )
            })
        };
        let (name_col, type_col, desc_col) = (col("Parameter")?, col("Type")?, col("Description")?);
        let mandatory_col = t.column("Mandatory");
        let mut fields = Vec::new();
        for row in &t.rows {
            let name = row.cells[name_col].trim().to_owned();
            let ty =
                types::parse(&row.cells[type_col]).map_err(|e| ImportError::new(row.line, e))?;
            let required = match mandatory_col.map(|c| row.cells[c].trim()) {
                None => None,
                Some("Yes") => Some(true),
                Some("No") => Some(false),
                Some(other) => {
                    return Err(ImportError::new(
                        row.line,
                        format!("Mandatory column says `{other}`, expected Yes or No"),
                    ));
                }
            };
            let desc = cell::parse(&row.cells[desc_col], row.line)?;
            let mut rendered = String::new();
            if !ty.anchors().is_empty() {
                for anchor in ty.anchors() {
                    self.object(anchor, row.line)?;
                }
            }
            rendered.push_str(&ty.render(&|anchor| self.by_anchor[anchor].clone()));
            let field = self.constrained(name, rendered, &ty, required, desc, row.line);
            fields.push(field);
        }
        Ok(fields)
    }

    /// The object type of the table labelled `anchor`, read on first use.
    fn object(&mut self, anchor: &str, line: usize) -> Result<(), ImportError> {
        if self.by_anchor.contains_key(anchor) {
            return Ok(());
        }
        let page = self.page;
        let table = page
            .tables
            .iter()
            .find(|t| t.anchor.as_deref() == Some(anchor))
            .ok_or_else(|| {
                ImportError::new(
                    line,
                    format!("reference to `{anchor}`, but no table has that label"),
                )
            })?;
        let mut base: String = table
            .caption
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !base.starts_with(|c: char| c.is_ascii_uppercase()) {
            base = apigw_spec::naming::pascal(&base);
        }
        // The same name on another table (a request and a response flavour): suffix by side.
        let name = if self.used.contains_key(&base) {
            let side = if anchor.contains("__request") {
                "Request"
            } else {
                "Response"
            };
            self.claim_name(&format!("{base}{side}"), None)
        } else {
            self.claim_name(&base, None)
        };
        self.used.insert(name.clone(), Some(anchor.to_owned()));
        self.by_anchor.insert(anchor.to_owned(), name.clone());
        let index = self.objects.len();
        self.objects.push(Object {
            name: name.clone(),
            fields: Vec::new(),
        });
        let fields = self.fields(table)?;
        self.objects[index].fields = fields;
        Ok(())
    }

    /// A field with the facts of its description turned into spec keys.
    fn constrained(
        &mut self,
        name: String,
        ty: String,
        page_ty: &PageType,
        required: Option<bool>,
        d: Description,
        line: usize,
    ) -> Field {
        let mut field = Field {
            name,
            ty,
            required,
            description: d.text.clone(),
            enum_values: Vec::new(),
            default: None,
            minimum: None,
            maximum: None,
            min_length: None,
            max_length: None,
        };
        let mut unplaced: Vec<String> = Vec::new();
        let base = match page_ty.base() {
            PageType::Builtin(b) => *b,
            PageType::Ref { .. } => "Object",
            _ => "Object",
        };
        let is_array = matches!(page_ty, PageType::Array(_));
        let is_map = matches!(page_ty, PageType::Map(_));
        let what = format!("`{}`", field.name);

        // Enumeration.
        if !d.enum_values.is_empty() {
            let literals: Option<Vec<String>> =
                d.enum_values.iter().map(|v| literal(v, base)).collect();
            match (base, literals) {
                ("Boolean", Some(_)) => {} // the type says it all
                ("String" | "Integer" | "Long", Some(values)) if !is_map => {
                    let mut unique: Vec<(String, String)> = Vec::new();
                    for (raw, v) in d.enum_values.iter().zip(values) {
                        if unique.iter().any(|(_, u)| *u == v) {
                            self.warnings.push(Warning::new(
                                line,
                                format!("{what}: enumeration value {v} listed twice; kept once"),
                            ));
                        } else {
                            unique.push((raw.trim().to_owned(), v));
                        }
                    }
                    field.enum_values = name_variants(unique, &d.option_texts);
                }
                _ => unplaced.push(format!("Enumeration values: {}.", d.enum_values.join(", "))),
            }
            if d.options.len() >= 2 && !field.enum_values.is_empty() {
                let listed: Vec<&str> = d.enum_values.iter().map(String::as_str).collect();
                let options: Vec<&str> = d.options.iter().map(String::as_str).collect();
                let mut a = listed.clone();
                let mut o = options.clone();
                a.sort_unstable();
                o.sort_unstable();
                if a != o
                    && o.iter()
                        .all(|x| x.chars().any(|c| c.is_ascii_alphanumeric()))
                    && options.iter().any(|x| listed.contains(x))
                {
                    self.warnings.push(Warning::new(
                        line,
                        format!("{what}: the description lists {} but the enumeration is {}; the enumeration wins", options.join(", "), listed.join(", ")),
                    ));
                }
            }
        }

        // Bounds: on numbers they are values, on strings lengths, on arrays (Array Length) sizes.
        let numeric = matches!(base, "Integer" | "Long" | "Float") && !is_array && !is_map;
        for (key, value) in [("Minimum", &d.minimum), ("Maximum", &d.maximum)] {
            let Some(value) = value else { continue };
            let placed = if numeric {
                literal(value, base).map(|v| {
                    if key == "Minimum" {
                        field.minimum = Some(v)
                    } else {
                        field.maximum = Some(v)
                    }
                })
            } else if base == "String" && !is_array && !is_map {
                value.parse::<u64>().ok().map(|n| {
                    if key == "Minimum" {
                        field.min_length = Some(n)
                    } else {
                        field.max_length = Some(n)
                    }
                })
            } else {
                None
            };
            if placed.is_none() {
                unplaced.push(format!("{key}: {value}."));
            }
        }
        if let Some((a, b)) = &d.array_length {
            match (is_array, a.parse::<u64>(), b.parse::<u64>()) {
                (true, Ok(a), Ok(b)) => {
                    field.min_length = Some(a);
                    field.max_length = Some(b);
                }
                _ => unplaced.push(format!("Array Length: {a} - {b}.")),
            }
        }
        let (lo, hi) = (
            field.minimum.as_deref().and_then(number),
            field.maximum.as_deref().and_then(number),
        );
        if let (Some(lo), Some(hi)) = (lo, hi)
            && lo > hi
        {
            self.warnings.push(Warning::new(
                line,
                format!("{what}: minimum {lo} is above maximum {hi}; kept in the description only"),
            ));
            unplaced.push(format!("Minimum: {lo}. Maximum: {hi}."));
            field.minimum = None;
            field.maximum = None;
        }
        if let (Some(lo), Some(hi)) = (field.min_length, field.max_length)
            && lo > hi
        {
            self.warnings.push(Warning::new(line, format!("{what}: minimum length {lo} is above maximum {hi}; kept in the description only")));
            unplaced.push(format!("Length: {lo} to {hi}."));
            field.min_length = None;
            field.max_length = None;
        }

        // Default: of the type, among the enumeration, within the bounds.
        if let Some(value) = &d.default {
            let lit = if is_array || is_map {
                None
            } else {
                literal(value, base)
            };
            let problem = match &lit {
                None => Some(format!("default `{value}` is not a {base}")),
                Some(v)
                    if !field.enum_values.is_empty()
                        && !field.enum_values.iter().any(|e| e.value == *v) =>
                {
                    Some(format!("default {v} is not among the enumeration values"))
                }
                Some(v) => {
                    let n = number(v);
                    let chars = v.trim_matches('"').chars().count() as u64;
                    let outside_number = n.is_some_and(|n| {
                        lo.is_some_and(|lo| n < lo) || hi.is_some_and(|hi| n > hi)
                    }) && field.minimum.is_some() | field.maximum.is_some();
                    let outside_length = base == "String"
                        && (field.min_length.is_some_and(|m| chars < m)
                            || field.max_length.is_some_and(|m| chars > m));
                    (outside_number || outside_length)
                        .then(|| format!("default {v} is outside the documented range"))
                }
            };
            match problem {
                None => field.default = lit,
                Some(p) => {
                    self.warnings.push(Warning::new(
                        line,
                        format!("{what}: {p}; kept in the description only"),
                    ));
                    unplaced.push(format!("Default: {value}."));
                }
            }
        }
        for text in unplaced {
            if !field.description.is_empty() {
                field.description.push_str("\n\n");
            }
            field.description.push_str(&text);
        }
        field
    }
}

/// Pairs each literal with an explicit variant name where the derived one (as the generator
/// derives it) is already taken by an earlier value.
fn name_variants(values: Vec<(String, String)>, texts: &[(String, String)]) -> Vec<EnumValue> {
    let mut taken = std::collections::HashSet::new();
    values
        .into_iter()
        .map(|(raw, value)| {
            let description = texts
                .iter()
                .find(|(head, _)| *head == raw)
                .map(|(_, text)| text.clone());
            let is_string = value.starts_with('"');
            // As `apigw_spec::naming::variant_name` derives it.
            let derived = if is_string {
                apigw_spec::naming::pascal(&raw)
            } else {
                apigw_spec::naming::pascal(&raw.replace('-', "minus_").replace('.', "_"))
            };
            // A number says little as a name; a short meaning says more (`1: effective`).
            let meaningful = description
                .as_deref()
                .filter(|_| !is_string)
                .map(|d| d.trim_end_matches('.'))
                .filter(|d| {
                    let words = d.split_whitespace().count();
                    (1..=3).contains(&words)
                        && d.chars()
                            .all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '-')
                })
                .map(apigw_spec::naming::pascal);
            let preferred = meaningful.clone().unwrap_or_else(|| derived.clone());
            let name = if taken.insert(preferred.clone()) {
                meaningful
            } else {
                Some(
                    (2..)
                        .map(|n| format!("{preferred}{n}"))
                        .find(|n| taken.insert(n.clone()))
                        .expect("some suffix is free"),
                )
            };
            EnumValue {
                value,
                name,
                description,
            }
        })
        .collect()
}

/// A value written on the page as a TOML literal of `base`, if it is one.
fn literal(value: &str, base: &str) -> Option<String> {
    let v = value.trim();
    match base {
        "String" => Some(toml_string(v)),
        "Integer" | "Long" => v.parse::<i64>().ok().map(|n| n.to_string()),
        "Float" => v.parse::<f64>().ok().filter(|f| f.is_finite()).map(|_| {
            if v.contains(['.', 'e', 'E']) {
                v.to_owned()
            } else {
                format!("{v}.0")
            }
        }),
        "Boolean" => matches!(v, "true" | "false").then(|| v.to_owned()),
        _ => None,
    }
}

fn number(literal: &str) -> Option<f64> {
    literal.parse().ok()
}

/// A TOML basic string.
pub fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
