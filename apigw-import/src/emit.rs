//! An operation → spec text: TOML in a fixed order, formatted for people (one table per
//! parameter, field and response; long descriptions as multi-line strings; examples verbatim).
//! The same operation always gives the same bytes.

use std::fmt::Write;

use crate::operation::{Field, Location, Operation, toml_string};

/// Writes the spec of `op`; `reference` is the page's path within the reference.
pub fn spec(op: &Operation, reference: &str) -> String {
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(w, "# {} ({})", op.summary, op.id);
    let _ = writeln!(
        w,
        "# Imported by apigw-import from {reference}; re-run the importer instead of editing."
    );
    let _ = writeln!(w);
    let _ = writeln!(w, "[operation]");
    kv(w, "id", &toml_string(&op.id));
    kv(w, "method", &toml_string(&op.method));
    kv(w, "path", &toml_string(&op.path));
    kv(w, "summary", &toml_string(&op.summary));
    text(w, "description", &op.description);
    kv(w, "reference", &toml_string(reference));
    for param in &op.params {
        let table = match param.location {
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
        };
        let _ = writeln!(w, "\n[{table}.{}]", key(&param.field.name));
        let extra: Vec<(&str, String)> = match (&param.from_client, param.auth) {
            (Some(from), _) => vec![("from_client", toml_string(from))],
            (None, true) => vec![("auth", "true".to_owned())],
            _ => Vec::new(),
        };
        field(w, &param.field, &extra);
    }
    if let Some(body) = &op.body {
        let _ = writeln!(w, "\n[body]");
        kv(w, "type", &toml_string(&body.ty));
        if body.content_type != "application/json" {
            kv(w, "content_type", &toml_string(&body.content_type));
        }
        for example in &body.examples {
            let _ = writeln!(w, "\n[[body.examples]]");
            if let Some(summary) = &example.summary {
                kv(w, "summary", &toml_string(summary));
            }
            json(w, &example.json);
        }
    }
    for response in &op.responses {
        let _ = writeln!(w, "\n[response.{}]", response.status);
        if !response.description.is_empty() {
            kv(w, "description", &toml_string(&response.description));
        }
        if let Some(body) = &response.body {
            kv(w, "body", &toml_string(body));
        }
        for header in &response.headers {
            let _ = writeln!(
                w,
                "\n[response.{}.headers.{}]",
                response.status,
                key(&header.name)
            );
            field(w, header, &[]);
        }
        for example in &response.examples {
            let _ = writeln!(w, "\n[[response.{}.examples]]", response.status);
            if let Some(summary) = &example.summary {
                kv(w, "summary", &toml_string(summary));
            }
            json(w, &example.json);
        }
    }
    for object in &op.objects {
        for f in &object.fields {
            let _ = writeln!(w, "\n[object.{}.{}]", object.name, key(&f.name));
            field(w, f, &[]);
        }
    }
    out
}

fn field(w: &mut String, f: &Field, extra: &[(&str, String)]) {
    kv(w, "type", &toml_string(&f.ty));
    if f.required == Some(true) {
        kv(w, "required", "true");
    }
    for (k, v) in extra {
        kv(w, k, v);
    }
    if !f.enum_values.is_empty() {
        if f.enum_values
            .iter()
            .all(|v| v.name.is_none() && v.description.is_none())
        {
            let values: Vec<&str> = f.enum_values.iter().map(|v| v.value.as_str()).collect();
            kv(w, "enum", &format!("[{}]", values.join(", ")));
        } else {
            let _ = writeln!(w, "enum = [");
            for v in &f.enum_values {
                let mut item = format!("value = {}", v.value);
                if let Some(name) = &v.name {
                    let _ = write!(item, ", name = {}", toml_string(name));
                }
                if let Some(d) = &v.description {
                    let _ = write!(item, ", description = {}", toml_string(d));
                }
                let _ = writeln!(w, "  {{ {item} }},");
            }
            let _ = writeln!(w, "]");
        }
    }
    if let Some(d) = &f.default {
        kv(w, "default", d);
    }
    if let Some(m) = &f.minimum {
        kv(w, "minimum", m);
    }
    if let Some(m) = &f.maximum {
        kv(w, "maximum", m);
    }
    if let Some(m) = f.min_length {
        kv(w, "min_length", &m.to_string());
    }
    if let Some(m) = f.max_length {
        kv(w, "max_length", &m.to_string());
    }
    text(w, "description", &f.description);
}

fn kv(w: &mut String, key: &str, value: &str) {
    let _ = writeln!(w, "{key} = {value}");
}

/// A description: one line as a basic string, several as a multi-line literal string.
fn text(w: &mut String, key: &str, value: &str) {
    if value.is_empty() {
        return;
    }
    if value.contains('\n')
        && !value.contains("'''")
        && !value.chars().any(|c| c.is_control() && c != '\n')
        && !value.ends_with('\'')
    {
        let _ = writeln!(w, "{key} = '''\n{value}'''");
    } else {
        kv(w, key, &toml_string(value));
    }
}

fn json(w: &mut String, json: &str) {
    if json.contains("'''") || json.ends_with('\'') {
        kv(w, "json", &toml_string(json));
    } else {
        let _ = writeln!(w, "json = '''\n{json}\n'''");
    }
}

/// A TOML key: bare when it can be, quoted otherwise.
fn key(name: &str) -> String {
    if !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        name.to_owned()
    } else {
        toml_string(name)
    }
}
