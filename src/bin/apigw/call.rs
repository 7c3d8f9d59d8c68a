//! From a parsed subcommand to a request, checked against the spec before anything is sent;
//! then the response, decoded through the generated types.

use std::collections::BTreeMap;
use std::io::Read as _;

use apigw_runtime::{self as runtime, Client, FilePart, Form, Request};
use apigw_spec::{ParamLocation, TypeExpr, conform};
use clap::ArgMatches;
use serde_json::Value;

use crate::command::{Operation, form_fields, form_options, param_option};

/// Why a call did not give a result, with its exit code.
pub enum Failure {
    /// Refused before sending (exit 2).
    Usage(String),
    /// The service answered with an error status (exit 3).
    Service(String),
    /// The identity service refused the credentials when they were renewed (exit 3).
    Auth(String),
    /// Nothing (complete) came back (exit 4).
    Transport(String),
    /// A response that cannot be read (not JSON; with `--strict`, one that differs from its
    /// documentation): the message and the body as it came (exit 5).
    Decode(String, Vec<u8>),
}

/// A successful result.
pub enum Outcome {
    /// A JSON body (or `null` for none).
    Json(Value),
    /// A file's bytes.
    Bytes(Vec<u8>),
}

/// The request the subcommand describes, at `offset` if given (for `--all`).
fn request(
    op: &Operation,
    matches: &ArgMatches,
    client: &Client,
    offset: Option<i64>,
) -> Result<Request, Failure> {
    let spec = &op.spec;
    let meta = op.dynamic.meta;
    let mut path: BTreeMap<String, String> = BTreeMap::new();
    let mut query: Vec<(String, String)> = Vec::new();
    let mut headers: Vec<(String, String)> = Vec::new();
    for param in &spec.params {
        let name = &param.field.name.value;
        if param.from_client.is_some() {
            path.insert(name.clone(), client.config().project_id().to_owned());
            continue;
        }
        if !param.is_caller_supplied() {
            continue;
        }
        let values: Vec<String> = matches
            .get_many::<String>(&param_option(spec, name))
            .map(|v| v.cloned().collect())
            .unwrap_or_default();
        match param.location {
            ParamLocation::Path => {
                path.insert(name.clone(), values.into_iter().next().unwrap_or_default());
            }
            ParamLocation::Query => query.extend(values.into_iter().map(|v| (name.clone(), v))),
            ParamLocation::Header => headers.extend(values.into_iter().map(|v| (name.clone(), v))),
        }
    }
    if let (Some(offset), Some(paging)) = (offset, apigw_spec::paging::detect(spec)) {
        let name = &paging.offset.field.name.value;
        query.retain(|(k, _)| k != name);
        query.push((name.clone(), offset.to_string()));
    }
    conform::request_params(spec, &path, &query).map_err(|v| {
        Failure::Usage(format!(
            "invalid value for --{}: {}",
            param_option(spec, &v.path),
            v.message
        ))
    })?;

    let filled: Vec<(&'static str, &str)> = meta
        .placeholders()
        .filter_map(|name| path.get(name).map(|value| (name, value.as_str())))
        .collect();
    let mut request = Request::new(meta, &filled).map_err(|e| Failure::Usage(e.to_string()))?;
    for (name, value) in &query {
        request.query(name, value.as_str());
    }
    for (name, value) in headers {
        // Header names must be 'static; a command line runs once, so keeping them is fine.
        request.header(Box::leak(name.into_boxed_str()), value);
    }
    if let Some(fields) = form_fields(spec) {
        let mut form = Form::new();
        for (field, option) in fields.iter().zip(form_options(fields)) {
            let Some(value) = matches.get_one::<String>(&option) else {
                continue;
            };
            if field.schema.ty.value == TypeExpr::File {
                let content = std::fs::read(value)
                    .map_err(|e| Failure::Usage(format!("cannot read {value}: {e}")))?;
                let file_name = std::path::Path::new(value)
                    .file_name()
                    .map_or_else(|| value.clone(), |n| n.to_string_lossy().into_owned());
                form.file(&field.name.value, &FilePart::new(file_name, content));
            } else {
                form.text(&field.name.value, value);
            }
        }
        request.multipart_body(&form);
    } else if let Some(source) = matches.try_get_one::<String>("body").ok().flatten() {
        let bytes = read_body(source)?;
        let value = conform::request_body(spec, &bytes).map_err(|v| {
            Failure::Usage(format!(
                "invalid request body at `{}`: {}",
                v.path, v.message
            ))
        })?;
        if let Some(value) = value {
            request
                .json_body(&value)
                .map_err(|e| Failure::Usage(e.to_string()))?;
        }
    }
    Ok(request)
}

fn read_body(source: &str) -> Result<Vec<u8>, Failure> {
    if source == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(|e| {
            Failure::Usage(format!("cannot read the body from standard input: {e}"))
        })?;
        Ok(bytes)
    } else {
        std::fs::read(source)
            .map_err(|e| Failure::Usage(format!("cannot read the body from {source}: {e}")))
    }
}

/// Sends the subcommand's request (at `offset`) and decodes the answer.
pub async fn call(
    op: &Operation,
    matches: &ArgMatches,
    client: &Client,
    offset: Option<i64>,
) -> Result<Outcome, Failure> {
    let request = request(op, matches, client, offset)?;
    let raw = client.execute(request).await.map_err(|e| match e {
        runtime::SendError::Build(e) => Failure::Usage(e.to_string()),
        runtime::SendError::Auth(e) if e.kind() == runtime::AuthErrorKind::Rejected => {
            Failure::Auth(e.to_string())
        }
        other => Failure::Transport(other.to_string()),
    })?;
    let file = op
        .spec
        .success_responses()
        .next()
        .and_then(|r| r.body.as_ref())
        .is_some_and(|b| b.value == TypeExpr::File);
    if file && (200..300).contains(&raw.status()) {
        return Ok(Outcome::Bytes(raw.body().to_vec()));
    }
    match (op.dynamic.decode)(raw) {
        Ok(response) => {
            // Read as a person would: say where it differs from its documentation.
            for deviation in response.deviations() {
                eprintln!(
                    "apigw: warning: {}: the response differs from its documentation {deviation}",
                    op.dynamic.meta.id
                );
            }
            Ok(Outcome::Json(response.into_body()))
        }
        Err(runtime::Error::Service(e)) => {
            let mut line = match (&e.error_code, &e.error_msg) {
                (Some(code), Some(msg)) => format!("{code}: {msg}"),
                (Some(code), None) => code.clone(),
                (None, Some(msg)) => msg.clone(),
                (None, None) => format!("status {}: {}", e.status, e.body_excerpt),
            };
            if let Some(id) = &e.request_id {
                line.push_str(&format!(" (request id {id})"));
            }
            // What the reference says the code means, on a line of its own.
            let documented = e
                .error_code
                .as_deref()
                .and_then(|code| runtime::codes::find(op.error_codes, code));
            if let Some(meaning) = documented.and_then(|d| d.meaning) {
                line.push_str(&format!("\n  meaning: {meaning}"));
            }
            Err(Failure::Service(line))
        }
        Err(runtime::Error::Decode(e)) => Err(Failure::Decode(e.to_string(), e.body.to_vec())),
        Err(other) => Err(Failure::Transport(other.to_string())),
    }
}

/// Every item of every page (`--all`): the items arrays of all pages, in order. Stops at
/// `total`, on a short or empty page, and when a page repeats the previous one.
pub async fn call_all(
    op: &Operation,
    matches: &ArgMatches,
    client: &Client,
) -> Result<Outcome, Failure> {
    let Some(paging) = apigw_spec::paging::detect(&op.spec) else {
        return call(op, matches, client, None).await;
    };
    let items_key = paging.items.name.value.clone();
    let mut offset: i64 = matches
        .get_one::<String>(&param_option(&op.spec, &paging.offset.field.name.value))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let limit: Option<i64> = matches
        .get_one::<String>(&param_option(&op.spec, &paging.limit.field.name.value))
        .and_then(|v| v.parse().ok());
    let mut all: Vec<Value> = Vec::new();
    let mut previous: Option<Vec<Value>> = None;
    for _ in 0..runtime::paging::MAX_PAGES {
        let Outcome::Json(page) = call(op, matches, client, Some(offset)).await? else {
            break;
        };
        let items = page
            .get(&items_key)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        if items.is_empty() || previous.as_ref() == Some(&items) {
            break;
        }
        let count = items.len() as i64;
        all.extend(items.iter().cloned());
        offset += count;
        let total = page.get(&paging.total.name.value).and_then(Value::as_i64);
        if total.is_some_and(|t| offset >= t) || limit.is_some_and(|l| count < l) {
            break;
        }
        previous = Some(items);
    }
    Ok(Outcome::Json(Value::Array(all)))
}
