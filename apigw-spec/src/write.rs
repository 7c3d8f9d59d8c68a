//! [`Spec`] → spec text: the inverse of [`load`](crate::load), so that tools such as the
//! importer can build a model value and write it instead of assembling TOML by hand.
//!
//! The layout is the one `apigw-import` has always written (and the specs under `specs/` are
//! in): one table per parameter, request body, response, response header and object field; keys
//! in a fixed order; one-line values as basic strings, multi-line descriptions and examples as
//! `'''` literal strings. The same spec always gives the same bytes.
//!
//! What the model holds beyond the text is not written: spans, and the flags that only a
//! broken spec sets (`Schema::ty_broken`, `PathTemplate::complete`; the path is written as
//! [`PathTemplate::raw`]).

use std::fmt::Write;

use crate::keys;
use crate::model::*;

/// Writes a spec as TOML text, starting at `[operation]` and ending with a line break.
///
/// For every spec `s` that passes the checks, `load(name, &spec(&s))` gives back `s` up to
/// spans. The text holds no comments: a spec file written by the importer is its two `# ...`
/// header lines and an empty line, followed by this text.
///
/// Layout, in order:
///
/// - `[operation]`: `id`, `method`, `path`, `summary`, `description`, `reference`;
/// - `[path.NAME]`, then `[query.NAME]`, then `[header.NAME]` tables (parameters are grouped
///   by location, keeping their order within a location, which is the order `load` gives);
/// - `[body]`: `type`, `required = false` (only when not required), `description`,
///   `content_type` (only when not `application/json`), then `[[body.examples]]`;
/// - per response: `[response.STATUS]` with `description` and `body`, then its
///   `[response.STATUS.headers.NAME]` tables, then its `[[response.STATUS.examples]]`;
/// - per object field: `[object.NAME.FIELD]` (`[object.NAME]` alone for an object without
///   fields).
///
/// A field (parameter, response header or object field) is written as `type`,
/// `required = true` (when required; never for path parameters, which always are),
/// `from_client` or `auth = true`, `enum` (an inline array of values, or one
/// `{ value = .., name = .., description = .. }` table a line when some value has a name or a
/// description), `enum_name`, `default`, `minimum`, `maximum`, `min_length`, `max_length`, and
/// `description` last.
///
/// A description with a line break is a `'''` literal string unless it cannot be one (it holds
/// `'''` or a control character other than a line break, or ends with `'`); everything else is
/// a basic string. An example's JSON is written verbatim in a `'''` literal string when it ends
/// with a line break and can be one, else as a basic string. Floats are written so that they
/// read back as floats (`1.0`, `1e-7`, `inf`).
pub fn spec(spec: &Spec) -> String {
    let mut out = String::new();
    let w = &mut out;
    let op = &spec.operation;
    // The first table, so no empty line before it.
    let _ = writeln!(w, "[{}]", keys::OPERATION);
    kv(w, keys::ID, &basic_string(&op.id.value));
    kv(w, keys::METHOD, &basic_string(op.method.value.as_str()));
    kv(w, keys::PATH, &basic_string(&op.path.raw));
    if let Some(summary) = &op.summary {
        kv(w, keys::SUMMARY, &basic_string(summary));
    }
    text(w, keys::DESCRIPTION, op.description.as_deref());
    if let Some(reference) = &op.reference {
        kv(w, keys::REFERENCE, &basic_string(reference));
    }
    if let Some(deprecated) = &op.deprecated {
        kv(w, keys::DEPRECATED, &basic_string(deprecated));
    }

    for location in [
        ParamLocation::Path,
        ParamLocation::Query,
        ParamLocation::Header,
    ] {
        for param in spec.params_in(location) {
            table(w, &[location.table(), &key(&param.field.name.value)]);
            let mut extra = Vec::new();
            if let Some(from) = &param.from_client {
                extra.push((keys::FROM_CLIENT, basic_string(&from.value)));
            }
            if param.auth {
                extra.push((keys::AUTH, "true".to_owned()));
            }
            field(
                w,
                &param.field,
                location != ParamLocation::Path && param.field.required,
                &extra,
            );
        }
    }

    if let Some(body) = &spec.body {
        table(w, &[keys::BODY]);
        kv(w, keys::TYPE, &basic_string(&body.ty.value.to_string()));
        if !body.required {
            kv(w, keys::REQUIRED, "false");
        }
        text(w, keys::DESCRIPTION, body.description.as_deref());
        match body.encoding {
            BodyEncoding::Json => {} // the default, not written
            BodyEncoding::Form => kv(
                w,
                keys::CONTENT_TYPE,
                &basic_string(body.encoding.media_type()),
            ),
        }
        examples(w, &[keys::BODY, keys::EXAMPLES], &body.examples);
    }

    for response in &spec.responses {
        let status = response.status.value.to_string();
        table(w, &[keys::RESPONSE, &status]);
        if let Some(description) = &response.description {
            kv(w, keys::DESCRIPTION, &basic_string(description));
        }
        if let Some(body) = &response.body {
            kv(w, keys::BODY, &basic_string(&body.value.to_string()));
        }
        for header in &response.headers {
            table(
                w,
                &[
                    keys::RESPONSE,
                    &status,
                    keys::HEADERS,
                    &key(&header.name.value),
                ],
            );
            field(w, header, header.required, &[]);
        }
        examples(
            w,
            &[keys::RESPONSE, &status, keys::EXAMPLES],
            &response.examples,
        );
    }

    for object in &spec.objects {
        write_object(w, object);
    }
    out
}

/// The `[object.NAME...]` tables of one object, as [`spec`] writes them: two objects that
/// write the same text have the same definition, wherever they were written.
pub fn object(object: &Object) -> String {
    let mut out = String::new();
    write_object(&mut out, object);
    out
}

/// What makes two definitions of an object one type: its text ([`object`]) without the
/// descriptions of its fields and of their values, which only the docs show (but with whether
/// a field holds a secret, which a description can tell and the generated type shows).
pub fn object_shape(object: &Object) -> String {
    let mut bare = object.clone();
    for field in &mut bare.fields {
        let secret = crate::secret::is_secret(field);
        field.description = secret.then(|| "A secret.".to_owned());
        if let Some(e) = &mut field.schema.enumeration {
            for value in &mut e.values {
                value.description = None;
            }
        }
    }
    self::object(&bare)
}

fn write_object(w: &mut String, object: &Object) {
    let name = key(&object.name.value);
    if object.fields.is_empty() {
        table(w, &[keys::OBJECT, &name]);
    }
    for f in &object.fields {
        table(w, &[keys::OBJECT, &name, &key(&f.name.value)]);
        field(w, f, f.required, &[]);
    }
}

/// A TOML basic string (`"..."`) holding exactly `s`: quotes, backslashes and control
/// characters escaped, everything else as it is.
pub fn basic_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML key: bare when it can be (ASCII letters, digits, `_` and `-`), else a basic string.
pub fn key(name: &str) -> String {
    if !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        name.to_owned()
    } else {
        basic_string(name)
    }
}

/// A literal (default or enumeration value) as TOML.
pub fn literal(value: &Literal) -> String {
    match value {
        Literal::String(s) => basic_string(s),
        Literal::Number(n) => number(*n),
        Literal::Boolean(b) => b.to_string(),
    }
}

/// A number as TOML: integers as written, floats always with a fraction or an exponent so that
/// they read back as floats.
pub fn number(value: Number) -> String {
    match value {
        Number::Integer(i) => i.to_string(),
        Number::Float(x) if x.is_nan() => "nan".to_owned(),
        Number::Float(x) if x.is_infinite() => if x > 0.0 { "inf" } else { "-inf" }.to_owned(),
        // `Debug` is the shortest text that reads back as the same float, and always has a
        // `.` or an exponent (`1.0`, `0.1`, `1e-7`, `1e16`), all of which TOML reads as floats.
        Number::Float(x) => format!("{x:?}"),
    }
}

fn field(w: &mut String, f: &Field, write_required: bool, extra: &[(&str, String)]) {
    let schema = &f.schema;
    kv(w, keys::TYPE, &basic_string(&schema.ty.value.to_string()));
    if write_required {
        kv(w, keys::REQUIRED, "true");
    }
    for (k, v) in extra {
        kv(w, k, v);
    }
    if let Some(enumeration) = &schema.enumeration {
        let plain = enumeration
            .values
            .iter()
            .all(|v| v.name.is_none() && v.description.is_none());
        if plain {
            let values: Vec<String> = enumeration
                .values
                .iter()
                .map(|v| literal(&v.value.value))
                .collect();
            kv(w, keys::ENUM, &format!("[{}]", values.join(", ")));
        } else {
            let _ = writeln!(w, "{} = [", keys::ENUM);
            for v in &enumeration.values {
                let mut item = format!("{} = {}", keys::VALUE, literal(&v.value.value));
                if let Some(name) = &v.name {
                    let _ = write!(item, ", {} = {}", keys::NAME, basic_string(&name.value));
                }
                if let Some(d) = &v.description {
                    let _ = write!(item, ", {} = {}", keys::DESCRIPTION, basic_string(d));
                }
                let _ = writeln!(w, "  {{ {item} }},");
            }
            line(w, "]");
        }
        if let Some(name) = &enumeration.type_name {
            kv(w, keys::ENUM_NAME, &basic_string(&name.value));
        }
    }
    if let Some(d) = &schema.default {
        kv(w, keys::DEFAULT, &literal(&d.value));
    }
    if let Some(m) = &schema.minimum {
        kv(w, keys::MINIMUM, &number(m.value));
    }
    if let Some(m) = &schema.maximum {
        kv(w, keys::MAXIMUM, &number(m.value));
    }
    if let Some(m) = &schema.min_length {
        kv(w, keys::MIN_LENGTH, &m.value.to_string());
    }
    if let Some(m) = &schema.max_length {
        kv(w, keys::MAX_LENGTH, &m.value.to_string());
    }
    text(w, keys::DESCRIPTION, f.description.as_deref());
}

fn examples(w: &mut String, array: &[&str], examples: &[Example]) {
    for example in examples {
        let _ = writeln!(w, "\n[[{}]]", array.join("."));
        if let Some(summary) = &example.summary {
            kv(w, keys::SUMMARY, &basic_string(summary));
        }
        let json = &example.json.value;
        // Verbatim between `'''` lines: TOML drops the line break right after the opening
        // delimiter, and the one before the closing delimiter is part of the value.
        if json.ends_with('\n') && literal_ok(json, &['\n', '\t']) {
            let _ = writeln!(w, "{} = '''\n{json}'''", keys::JSON);
        } else {
            kv(w, keys::JSON, &basic_string(json));
        }
    }
}

/// A description: one line as a basic string, several as a multi-line literal string when the
/// text can be one. `Some("")` is written too, so that it reads back as `Some("")`.
fn text(w: &mut String, key: &str, value: Option<&str>) {
    let Some(value) = value else { return };
    if value.contains('\n') && literal_ok(value, &['\n']) {
        let _ = writeln!(w, "{key} = '''\n{value}'''");
    } else {
        kv(w, key, &basic_string(value));
    }
}

/// Whether `value` can be the content of a `'''` string: no `'''`, no control characters but
/// the `allowed` ones, and no `'` right before the closing delimiter.
fn literal_ok(value: &str, allowed: &[char]) -> bool {
    !value.contains("'''")
        && !value.ends_with('\'')
        && !value
            .chars()
            .any(|c| c.is_control() && !allowed.contains(&c))
}

/// A table header after an empty line: `[a.b.c]`, each part already a key.
fn table(w: &mut String, parts: &[&str]) {
    let _ = writeln!(w, "\n[{}]", parts.join("."));
}

fn kv(w: &mut String, key: &str, value: &str) {
    let _ = writeln!(w, "{key} = {value}");
}

fn line(w: &mut String, text: &str) {
    let _ = writeln!(w, "{text}");
}
