//! A page's parts → one [`apigw_spec::Spec`]: the request line gives method and path; each
//! table is placed by what it documents (`roles`); rows become fields (`fields`), with the
//! facts of their descriptions turned into constraints that `apigw_spec::check` accepts
//! (`constraints`); anchored tables become object types (`objects`); code blocks become
//! examples (`examples`). Where the page contradicts itself the table wins and a warning says
//! so; what cannot be represented is an error naming the page line.
//!
//! The spec built has no file yet, so its spans are empty (`0..0`), except the examples': an
//! example's span is its page line (`line..line`), for warnings about it.

mod constraints;
mod examples;
mod fields;
mod flattened;
mod objects;
mod roles;

use std::collections::BTreeMap;

use apigw_spec::{
    BodyEncoding, Field, Method, Operation, Param, ParamLocation, PathTemplate, RequestBody,
    Response, Spanned, Spec, TypeExpr,
};

use crate::page::Page;
use crate::request_line::RequestLine;
use crate::{ImportError, Warning};
use objects::Objects;
pub(crate) use objects::refs;
use roles::TableRole;

/// A value with no place in a spec file yet (the importer builds the model before any text).
pub(crate) fn unplaced<T>(value: T) -> Spanned<T> {
    Spanned::new(value, 0..0)
}

/// Path parameters the client fills from its configuration.
const CLIENT_VALUES: &[&str] = apigw_spec::check::CLIENT_VALUES;
/// Request headers the credentials fill.
const AUTH_HEADERS: &[&str] = &["X-Auth-Token"];

/// Builds the operation of a page; `reference` is the page's path within the reference. `id`,
/// if given, is the operation id instead of the page's own (see [`crate::ids`]).
pub fn build(
    page: &Page,
    reference: &str,
    id: Option<&str>,
    warnings: &mut Vec<Warning>,
) -> Result<Spec, ImportError> {
    warnings.extend(page.warnings.iter().cloned());
    let request = request_line(page, warnings)?;
    let method = Method::ALL
        .iter()
        .find(|(m, _)| *m == request.method)
        .map(|(_, m)| *m)
        .ok_or_else(|| {
            ImportError::new(
                request.line,
                format!("`{}` is not an HTTP method", request.method),
            )
        })?;
    let path = PathTemplate::parse(&request.path)
        .map_err(|e| ImportError::new(request.line, format!("path `{}`: {e}", request.path)))?;
    let id = match id {
        Some(id) => id.to_owned(),
        None => operation_id(page)?,
    };

    let mut objects = Objects::new(page);
    let placed = roles::place(page, &objects)?;
    let mut params: Vec<Param> = Vec::new();
    let mut body: Option<RequestBody> = None;
    let mut bodies: BTreeMap<u16, TypeExpr> = BTreeMap::new();
    let mut headers: BTreeMap<u16, Vec<Field>> = BTreeMap::new();
    // The top-level fields each status's body table documents.
    let mut documented_fields: BTreeMap<u16, Vec<String>> = BTreeMap::new();
    // Where a page does not say which status a body table documents: its success status.
    // A page whose response and status sections name no success status: the success statuses
    // its examples name (`**Status code: 200**` under `Example Response`).
    let is_success = |c: &u16| (200..300).contains(c);
    let mut markers = page.status_markers.clone();
    let named_success = page.statuses.iter().any(|(c, _, _)| is_success(c))
        || markers.iter().any(|(c, _)| is_success(c));
    if !named_success {
        markers.extend(page.example_statuses.iter().filter(|(c, _)| is_success(c)));
    }
    let success = page
        .statuses
        .iter()
        .map(|(c, _, _)| *c)
        .chain(markers.iter().map(|(c, _)| *c))
        .find(is_success)
        .unwrap_or(200);
    for (table, role) in &placed {
        let status = table.status.unwrap_or(success);
        // A GET or HEAD request has no body (HTTP): the fields of a request table on such a
        // page (older pages list the query filters there) are its query parameters.
        let query = TableRole::Params(Some(ParamLocation::Query));
        let role = match role {
            TableRole::Body { .. } if matches!(method, Method::Get | Method::Head) => {
                warnings.push(Warning::new(
                    table.line,
                    format!("a {} request has no body; the fields of table `{}` are taken as query parameters", method.as_str(), table.caption),
                ));
                &query
            }
            role => role,
        };
        match role {
            TableRole::Params(default_location) => {
                for field in fields::read(table, &mut objects, warnings)? {
                    let location = match default_location {
                        Some(l) => *l,
                        None if path.placeholders().any(|p| p.value == *field.name) => {
                            ParamLocation::Path
                        }
                        None => ParamLocation::Query,
                    };
                    if params
                        .iter()
                        .any(|p| p.location == location && p.field.name == field.name)
                    {
                        warnings.push(Warning::new(
                            table.line,
                            format!(
                                "{} `{}` is documented again in table `{}`; the first is kept",
                                location.noun(),
                                field.name.value,
                                table.caption
                            ),
                        ));
                        continue;
                    }
                    params.push(param(location, field));
                }
            }
            TableRole::Body { encoding } => {
                if body.is_some() {
                    warnings.push(second_table(table));
                    continue;
                }
                if roles::whole_body(table) {
                    let row = &table.table.rows[0];
                    let item = format!("{id}Item");
                    let ty = fields::row_type(table, row, &item, &mut objects, warnings)?;
                    body = Some(RequestBody {
                        span: 0..0,
                        ty: unplaced(ty),
                        required: true,
                        description: None,
                        encoding: *encoding,
                        examples: Vec::new(),
                    });
                    continue;
                }
                let at = objects.mark();
                let shown = examples::objects(&page.request_examples);
                let fields = objects.read_body(table, &id, None, &shown, warnings)?;
                // A body that carries a file is a form, whatever the caption says.
                let encoding = if fields.iter().any(|f| f.schema.ty.value == TypeExpr::File) {
                    BodyEncoding::Form
                } else {
                    *encoding
                };
                let name = objects.body(&format!("{id}RequestBody"), at, fields);
                body = Some(RequestBody {
                    span: 0..0,
                    ty: unplaced(TypeExpr::Named(name)),
                    required: true,
                    description: None,
                    encoding,
                    examples: Vec::new(),
                });
            }
            TableRole::WholeBody => {
                let row = &table.table.rows[0];
                let ty = fields::row_type(table, row, "body", &mut objects, warnings)?;
                bodies.insert(status, ty);
            }
            TableRole::ResponseBody => {
                if bodies.contains_key(&status) {
                    warnings.push(second_table(table));
                    continue;
                }
                let at = objects.mark();
                let shown = examples::objects(
                    page.response_examples
                        .iter()
                        .filter(|e| e.status.unwrap_or(success) == status),
                );
                let fields = objects.read_body(table, &id, Some(status), &shown, warnings)?;
                documented_fields.insert(
                    status,
                    fields.iter().map(|f| f.name.value.clone()).collect(),
                );
                let base = if (200..300).contains(&status) {
                    format!("{id}Response")
                } else {
                    "ErrorResponse".to_owned()
                };
                let name = objects.response(&base, status, at, fields);
                bodies.insert(status, TypeExpr::Named(name));
            }
            TableRole::ResponseHeaders => {
                let fields = fields::read(table, &mut objects, warnings)?;
                headers.entry(status).or_default().extend(fields);
            }
        }
    }
    // A response to HEAD has no body (HTTP): what a page documents as one stays in the page.
    if method == Method::Head && !bodies.is_empty() {
        warnings.push(Warning::new(
            request.line,
            "a response to HEAD carries no body; the documented response body is left out",
        ));
        bodies.clear();
    }
    // Nor does a 204 or 304 (HTTP): a table a page places there (often the error body, under
    // a page whose only success is 204) stays in the page.
    let without_content: Vec<u16> = bodies
        .keys()
        .copied()
        .filter(|s| apigw_spec::model::no_content(*s))
        .collect();
    for status in without_content {
        warnings.push(Warning::new(
            request.line,
            format!("a {status} response has no content; the response body documented for it is left out"),
        ));
        bodies.remove(&status);
    }
    // A placeholder no table documents is still a parameter of the path.
    for name in path.placeholders() {
        if !params
            .iter()
            .any(|p| p.location == ParamLocation::Path && *p.field.name == name.value)
        {
            warnings.push(Warning::new(
                request.line,
                format!("path placeholder `{{{}}}` is in no parameter table; taken as a required String", name.value),
            ));
            params.push(param(ParamLocation::Path, fields::untyped(&name.value)));
        }
    }
    // Path, query and header values are text: an untyped list holds strings; an object has no
    // spelling in a path or query string the format defines, so the value is passed as
    // written (a path segment is one value, never a list).
    for p in params.iter_mut() {
        let path = p.location == ParamLocation::Path;
        let ty = &mut p.field.schema.ty.value;
        match ty {
            TypeExpr::Array(inner) if **inner == TypeExpr::Any && !path => {
                **inner = TypeExpr::String
            }
            TypeExpr::Array(_) if path => {
                warnings.push(Warning::new(
                    request.line,
                    format!(
                        "path parameter `{}` is documented as `{ty}`; a path segment is one value, passed as a String",
                        p.field.name.value
                    ),
                ));
                *ty = TypeExpr::String;
            }
            TypeExpr::Any | TypeExpr::Map(_) | TypeExpr::Named(_) => {
                warnings.push(Warning::new(
                    request.line,
                    format!(
                        "{} `{}` is documented as `{ty}`; passed as a String",
                        p.location.noun(),
                        p.field.name.value
                    ),
                ));
                *ty = TypeExpr::String;
            }
            _ => {}
        }
    }
    for table in objects.unreferenced() {
        warnings.push(Warning::new(
            table.line,
            format!("object table `{}` is never referenced", table.caption),
        ));
    }

    // Responses: every status listed, marked, or documented by a body or header table.
    let mut statuses: Vec<(u16, String)> = page
        .statuses
        .iter()
        .map(|(c, d, _)| (*c, d.clone()))
        .collect();
    let marked = markers.iter().map(|(c, _)| c);
    for status in marked.chain(bodies.keys()).chain(headers.keys()) {
        if !statuses.iter().any(|(c, _)| c == status) {
            statuses.push((*status, String::new()));
        }
    }
    if statuses.is_empty() {
        statuses.push((success, String::new()));
    }
    // One result type per operation: a bodiless 2xx beside a 2xx with a body cannot be
    // decoded into it, so the spec keeps the statuses that have one, and says so.
    let success_body = statuses
        .iter()
        .find(|(c, _)| (200..300).contains(c) && bodies.contains_key(c))
        .map(|(c, _)| *c);
    let mut responses = Vec::new();
    for (status, description) in statuses {
        if let Some(with_body) = success_body
            && (200..300).contains(&status)
            && bodies.get(&status) != bodies.get(&with_body)
        {
            warnings.push(Warning::new(
                request.line,
                format!("success status {status} documents another body than {with_body}; an operation has one result type, so the spec keeps {with_body} only"),
            ));
            continue;
        }
        let body = bodies.get(&status).cloned().map(unplaced);
        let documented = page
            .response_examples
            .iter()
            .filter(|e| e.status.unwrap_or(success) == status);
        let fields = documented_fields.get(&status).map(Vec::as_slice);
        let examples = examples::responses(documented, body.is_some(), status, fields, warnings);
        responses.push(Response {
            status: unplaced(status),
            description: (!description.is_empty()).then_some(description),
            body,
            headers: headers.remove(&status).unwrap_or_default(),
            examples,
        });
    }
    for e in &page.response_examples {
        let status = e.status.unwrap_or(success);
        if !responses.iter().any(|r| r.status.value == status) {
            warnings.push(Warning::new(
                e.line,
                format!(
                    "example response for status {status}, which the spec does not keep; left out"
                ),
            ));
        }
    }
    let request_examples =
        examples::requests(&page.request_examples, &request, body.is_some(), warnings);
    if let Some(body) = &mut body {
        body.examples = request_examples;
    }

    let description = page.description.join("\n\n");
    let mut spec = Spec {
        operation: Operation {
            id: unplaced(id),
            method: unplaced(method),
            path,
            summary: page.title.clone(),
            description: (!description.is_empty()).then(|| apigw_spec::rst::inline(&description)),
            reference: Some(reference.to_owned()),
            deprecated: None,
        },
        params,
        body,
        responses,
        objects: objects.finish(),
    };
    distinct_param_enums(&mut spec);
    Ok(spec)
}

/// A parameter's enum named like another generated type (the query parameter `backup_type`
/// and the field `type` of the object `Backup` both make `BackupType`) is named
/// `<Parameter>Param` instead, so that the page's names need no change.
fn distinct_param_enums(spec: &mut Spec) {
    let names = apigw_spec::naming::type_names(spec);
    let taken = |name: &str| names.iter().filter(|(n, _)| n == name).count() > 1;
    let renamed: Vec<(usize, String)> = spec
        .params
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let e = apigw_spec::naming::materialized_enum(&p.field.schema)?;
            let name = apigw_spec::naming::param_enum_name(p, e);
            (e.type_name.is_none() && taken(&name)).then(|| (i, format!("{name}Param")))
        })
        .collect();
    for (i, name) in renamed {
        if let Some(e) = &mut spec.params[i].field.schema.enumeration {
            e.type_name = Some(unplaced(name));
        }
    }
}

/// A body table after the first that no row refers to (a table describing an untyped field
/// under another name, or values in prose): said, not guessed at. The fields it would describe
/// stay untyped JSON, so nothing of a response is lost.
fn second_table(table: &crate::page::PageTable) -> Warning {
    Warning::new(
        table.line,
        format!(
            "table `{}` is not the body's table and no row refers to it; left out (what it describes stays untyped)",
            table.caption
        ),
    )
}

/// The one request line of the page. Later lines that fill the first's placeholders are
/// examples of it; lines with the same method and placeholders under another version prefix
/// are alternative paths of the same operation (warned, the first is kept); any other second
/// line is a second operation, which one spec cannot hold.
fn request_line(page: &Page, warnings: &mut Vec<Warning>) -> Result<RequestLine, ImportError> {
    let mut lines = page.request_lines.iter();
    let mut first = lines.next().cloned().ok_or_else(|| {
        ImportError::new(1, "no request line (`METHOD /path`) in the `URI` section")
    })?;
    if first.path.is_empty() {
        // The `URI` section states the method alone: the path is the example request's.
        let example = page
            .request_examples
            .iter()
            .filter_map(|e| e.request_line.as_ref())
            .find(|l| l.method == first.method)
            .ok_or_else(|| {
                ImportError::new(
                    first.line,
                    format!(
                        "the `URI` section states `{}` without a path, and no example request has one",
                        first.method
                    ),
                )
            })?;
        warnings.push(Warning::new(
            first.line,
            format!(
                "the `URI` section states `{}` without a path; the path is the example request's, `{}`",
                first.method, example.path
            ),
        ));
        first.path = example.path.clone();
        first.query = example.query.clone();
    }
    if first.method.is_empty() {
        return Err(ImportError::new(
            first.line,
            "`PATH:` line without a `Method:` line",
        ));
    }
    let placeholders = |p: &str| -> Vec<String> {
        p.split('/')
            .filter(|s| s.starts_with('{'))
            .map(str::to_owned)
            .collect()
    };
    for other in lines {
        if other.method == first.method && examples::same_path(&first.path, &other.path) {
            continue;
        }
        if other.method == first.method && placeholders(&other.path) == placeholders(&first.path) {
            warnings.push(Warning::new(
                other.line,
                format!(
                    "`{} {}` is another path of this operation; the spec keeps the first, `{}`",
                    other.method, other.path, first.path
                ),
            ));
            continue;
        }
        return Err(ImportError::new(
            other.line,
            format!(
                "a second request line `{} {}` (the first is `{} {}`, line {}): one page, one operation",
                other.method, other.path, first.method, first.path, first.line
            ),
        ));
    }
    Ok(first)
}

/// The page's own name for its operation: its label where that is one in `CamelCase`
/// (`.. _ListApiVersionsV2:`), not an anchor (`.. _en-us_topic_0020212668:`).
pub fn own_name(page: &Page) -> Option<String> {
    page.label
        .as_ref()
        .filter(|label| {
            label.starts_with(|c: char| c.is_ascii_uppercase())
                && label.chars().all(|c| c.is_ascii_alphanumeric())
        })
        .cloned()
}

/// The operation id before it is named ([`crate::naming`]): the page's own name, else the title
/// in Pascal case (`Querying Cloud Servers` → `QueryingCloudServers`).
fn operation_id(page: &Page) -> Result<String, ImportError> {
    if let Some(own) = own_name(page) {
        return Ok(own);
    }
    let title = page
        .title
        .as_deref()
        .ok_or_else(|| ImportError::new(1, "no title"))?;
    let words: String = title
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let id = apigw_spec::naming::pascal(&words.split_whitespace().collect::<Vec<_>>().join("_"));
    if id.is_empty() {
        return Err(ImportError::new(
            1,
            format!("no operation id in the title `{title}`"),
        ));
    }
    Ok(id)
}

fn param(location: ParamLocation, mut field: Field) -> Param {
    let from_client = (location == ParamLocation::Path
        && CLIENT_VALUES.contains(&field.name.as_str()))
    .then(|| unplaced(field.name.value.clone()));
    let auth = location == ParamLocation::Header
        && AUTH_HEADERS
            .iter()
            .any(|h| h.eq_ignore_ascii_case(&field.name));
    if location == ParamLocation::Path {
        // Path parameters are always required.
        field.required = true;
    }
    Param {
        location,
        field,
        from_client,
        auth,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_method_alone_takes_the_example_requests_path() {
        let text = format!(
            "\
Querying API Versions
=====================

URI
---

GET

Request
-------

Example request

.. code-block:: text

   GET https://{{Endpoint}}/

Response
--------

None

{}",
            crate::test_pages::STATUS_200
        );
        let imported = crate::import_page("v.rst", &text).unwrap();
        assert_eq!(imported.spec.operation.path.raw, "/");
        assert_eq!(imported.warnings[0].line, 7);
        let without = text.replace("   GET https://{Endpoint}/", "   {}");
        assert_eq!(crate::import_page("v.rst", &without).unwrap_err().line, 7);
    }

    /// The statuses of the imported operation's responses, in order.
    fn statuses(imported: &crate::Imported) -> Vec<u16> {
        imported
            .spec
            .responses
            .iter()
            .map(|r| r.status.value)
            .collect()
    }

    /// Asserts that importing warned with a message holding `needle`.
    fn assert_warned(imported: &crate::Imported, needle: &str) {
        assert!(
            imported.warnings.iter().any(|w| w.message.contains(needle)),
            "no warning about {needle:?}: {:?}",
            imported.warnings
        );
    }

    /// A page `DELETE /v1/things/{id}` with `uri` as its URI tables and `rest` after.
    fn page(uri: &str, rest: &str) -> String {
        format!(
            "Deleting a Thing\n================\n\nURI\n---\n\nDELETE /v1/things/{{id}}\n\n{uri}\n\n{rest}"
        )
    }

    const ID_TABLE: &str = "\
.. table:: **Table 1** Path parameters

   ========= ========= ====== ===========
   Parameter Mandatory Type   Description
   ========= ========= ====== ===========
   id        Yes       Object Thing ID.
   ========= ========= ====== ===========

.. table:: **Table 2** Parameters

   ========= ========= ====== ===========
   Parameter Mandatory Type   Description
   ========= ========= ====== ===========
   id        Yes       String Thing ID again.
   ========= ========= ====== ===========";

    #[test]
    fn a_path_parameter_is_text_and_documented_once() {
        let text = page(
            ID_TABLE,
            "Status Codes\n------------\n\n=========== ===========\nStatus Code Description\n=========== ===========\n204         OK\ndefault     Any error.\n=========== ===========\n",
        );
        let imported = crate::import_page("d.rst", &text).unwrap();
        let spec = &imported.spec;
        assert_eq!(spec.params.len(), 1);
        assert_eq!(
            spec.params[0].field.schema.ty.value,
            apigw_spec::TypeExpr::String
        );
        assert_eq!(
            spec.params[0].field.description.as_deref(),
            Some("Thing ID.")
        );
        let lines: Vec<usize> = imported.warnings.iter().map(|w| w.line).collect();
        // The `default` row (line 32), the second table (17), the object in the path (7).
        assert!(
            lines.contains(&32) && lines.contains(&17) && lines.contains(&7),
            "{:?}",
            imported.warnings
        );
        assert_eq!(spec.responses.len(), 1);
        assert_eq!(spec.responses[0].status.value, 204);
    }

    #[test]
    fn a_success_status_only_the_examples_name() {
        let text = page(
            "",
            "Response\n--------\n\n**Status code: 400**\n\n.. table:: **Table 1** Response body parameters\n\n   ========== ====== ===========\n   Parameter  Type   Description\n   ========== ====== ===========\n   error_code String Error code.\n   ========== ====== ===========\n\nExample Response\n----------------\n\n.. code-block::\n\n   Http Response Code: 204\n",
        );
        let imported = crate::import_page("d.rst", &text).unwrap();
        assert_eq!(statuses(&imported), [400, 204]);
        // Named in the response section, the examples' statuses add nothing.
        let named = text.replace(
            "**Status code: 400**",
            "**Status code: 400**\n\n**Status code: 202**",
        );
        let imported = crate::import_page("d.rst", &named).unwrap();
        assert_eq!(statuses(&imported), [400, 202]);
    }

    #[test]
    fn a_204_keeps_no_body_whatever_table_the_page_gives_it() {
        // The page's one response table has no status of its own, and its success is 204.
        let text = page(
            "",
            "Response\n--------\n\n.. table:: **Table 1** Response body parameters\n\n   ========== ====== ===========\n   Parameter  Type   Description\n   ========== ====== ===========\n   message    String Error message.\n   ========== ====== ===========\n\nStatus Codes\n------------\n\n=========== ===========\nStatus Code Description\n=========== ===========\n204         No Content\n=========== ===========\n",
        );
        let imported = crate::import_page("n.rst", &text).unwrap();
        let response = &imported.spec.responses[0];
        assert_eq!(response.status.value, 204);
        assert_eq!(response.body, None);
        assert_warned(&imported, "a 204 response has no content");
    }

    #[test]
    fn an_error_body_shown_beside_the_success_example_is_not_the_successs() {
        let text = page(
            "",
            "Response\n--------\n\n.. table:: **Table 1** Response body parameters\n\n   ========== ====== ===========\n   Parameter  Type   Description\n   ========== ====== ===========\n   id         String The ID.\n   ========== ====== ===========\n\nExample Response\n----------------\n\n.. code-block::\n\n   {\"id\": \"a1\"}\n\nor\n\n.. code-block::\n\n   {\"itemNotFound\": {\"message\": \"gone\", \"code\": 404}}\n\nStatus Codes\n------------\n\n=========== ===========\nStatus Code Description\n=========== ===========\n200         OK\n=========== ===========\n",
        );
        let imported = crate::import_page("e.rst", &text).unwrap();
        let examples = &imported.spec.responses[0].examples;
        assert_eq!(examples.len(), 1, "{examples:?}");
        assert!(examples[0].json.value.contains("a1"));
        assert_warned(&imported, "is an error body");
    }

    #[test]
    fn a_get_pages_request_table_lists_query_parameters() {
        let text = page(
            "",
            "Request\n-------\n\n.. table:: **Table 2** Parameter description\n\n   ========= ========= ======= ===========\n   Parameter Mandatory Type    Description\n   ========= ========= ======= ===========\n   limit     No        Integer Page size.\n   ========= ========= ======= ===========\n",
        );
        let text = text
            .replace(
                "Deleting a Thing\n================",
                "Listing Things\n==============",
            )
            .replace("DELETE /v1/things/{id}", "GET /v1/things");
        let imported = crate::import_page("g.rst", &text).unwrap();
        let spec = &imported.spec;
        assert_eq!(spec.body, None);
        let limit = spec
            .params
            .iter()
            .find(|p| *p.field.name == "limit")
            .unwrap();
        assert_eq!(limit.location, apigw_spec::ParamLocation::Query);
    }
}
