//! Doc comments carrying the spec's descriptions.

use apigw_spec::{Field, Literal, Schema, Spec, TypeExpr, naming};
use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = "..."]` attributes, one per line of `text`.
pub(crate) fn attrs(text: &str) -> TokenStream {
    let lines = doc_lines(text).map(|line| quote!(#[doc = #line]));
    quote!(#(#lines)*)
}

/// `#![doc = "..."]` attributes, one per line of `text`: the docs of the module they open, whose
/// intra-doc links then resolve inside that module (where its types are in scope).
pub(crate) fn inner_attrs(text: &str) -> TokenStream {
    let lines = doc_lines(text).map(|line| quote!(#![doc = #line]));
    quote!(#(#lines)*)
}

fn doc_lines(text: &str) -> impl Iterator<Item = String> + '_ {
    text.lines().map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    })
}

/// A type expression as rustdoc shows it in prose, linking the generated types it names (the
/// link resolves where the operation's types are in scope: its module).
pub(crate) fn type_link(ty: &TypeExpr) -> String {
    match ty {
        TypeExpr::Named(name) => format!("[`{}`]", naming::pascal(name)),
        TypeExpr::Array(inner) => format!("a list of {}", type_link(inner)),
        TypeExpr::Map(inner) => format!("a map from names to {}", type_link(inner)),
        TypeExpr::File => "a file".to_owned(),
        TypeExpr::Any => "any JSON value".to_owned(),
        TypeExpr::String => "a `String`".to_owned(),
        TypeExpr::Integer => "an `i32`".to_owned(),
        TypeExpr::Long => "an `i64`".to_owned(),
        TypeExpr::Float => "an `f64`".to_owned(),
        TypeExpr::Boolean => "a `bool`".to_owned(),
    }
}

/// `text` as plain Markdown text: brackets and angle brackets escaped, so that words in them
/// are neither links nor HTML.
pub(crate) fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// The description of a field or parameter, followed by its documented default, range,
/// lengths and values.
pub(crate) fn field_doc(field: &Field) -> String {
    let mut doc = field
        .description
        .as_deref()
        .map(crate::markdown::markdown)
        .unwrap_or_default();
    if doc.trim().is_empty() {
        // No description, or all it said was boilerplate, a pointer at a table or a constraint
        // the spec now holds: say what it is (every public item is documented).
        doc = format!("The `{}` field.", field.name.value);
    }
    let facts = schema_facts(&field.schema);
    if !facts.is_empty() {
        if !doc.is_empty() {
            doc.push_str("\n\n");
        }
        doc.push_str(&facts.join("\n"));
    }
    doc
}

fn schema_facts(schema: &Schema) -> Vec<String> {
    let mut facts = Vec::new();
    match (&schema.minimum, &schema.maximum) {
        (Some(min), Some(max)) => facts.push(format!("Allowed: {} to {}.", min.value, max.value)),
        (Some(min), None) => facts.push(format!("Minimum: {}.", min.value)),
        (None, Some(max)) => facts.push(format!("Maximum: {}.", max.value)),
        (None, None) => {}
    }
    match (&schema.min_length, &schema.max_length) {
        (Some(min), Some(max)) => facts.push(format!("Length: {} to {}.", min.value, max.value)),
        (Some(min), None) => facts.push(format!("Minimum length: {}.", min.value)),
        (None, Some(max)) => facts.push(format!("Maximum length: {}.", max.value)),
        (None, None) => {}
    }
    if let Some(default) = &schema.default {
        let shown = match &default.value {
            Literal::String(s) => format!("`{s}`"),
            other => format!("`{other}`"),
        };
        facts.push(format!(
            "Default (applied by the server when not sent): {shown}."
        ));
    }
    facts
}

/// The module's doc (inner attributes, so that its links resolve in the module): summary,
/// description, method and path, the client method that sends it, its body and response types,
/// the reference page and the documented examples.
pub(crate) fn module_docs(spec: &Spec, client: &str) -> TokenStream {
    let op = &spec.operation;
    let mut doc = format!("{}\n", op.summary.as_deref().unwrap_or(&op.id.value));
    if let Some(description) = &op.description {
        doc.push('\n');
        doc.push_str(&crate::markdown::markdown(description));
        doc.push('\n');
    }
    doc.push_str(&format!(
        "\n`{} {}` (operation `{}`",
        op.method.value.as_str(),
        op.path.raw,
        op.id.value
    ));
    match &op.reference {
        Some(reference) => doc.push_str(&format!(", reference `{reference}`)")),
        None => doc.push(')'),
    }
    doc.push('\n');
    let method = naming::method_name(spec);
    doc.push_str(&format!(
        "\nSent by [`Client::{method}`]({client}::{method})"
    ));
    if let Some(body) = &spec.body {
        doc.push_str(&format!(", with a body of {}", type_link(&body.ty.value)));
    }
    match spec
        .success_responses()
        .next()
        .and_then(|r| r.body.as_ref())
    {
        Some(body) => doc.push_str(&format!("; answered with {}.\n", type_link(&body.value))),
        None => doc.push_str(".\n"),
    }
    // The documented examples, as the page shows them.
    let requests = spec.body.iter().flat_map(|b| &b.examples);
    for (i, example) in requests.enumerate() {
        push_example(&mut doc, "Example request", i, example);
    }
    let responses = spec
        .responses
        .iter()
        .filter(|r| (200..300).contains(&r.status.value))
        .flat_map(|r| r.examples.iter().map(move |e| (r.status.value, e)));
    for (i, (status, example)) in responses.enumerate() {
        push_example(
            &mut doc,
            &format!("Example response ({status})"),
            i,
            example,
        );
    }
    inner_attrs(&doc)
}

/// A `# Example …` section with the example's summary and its JSON as a `json` block (the
/// heading once, before the first example of its kind).
fn push_example(doc: &mut String, heading: &str, index: usize, example: &apigw_spec::Example) {
    if index == 0 {
        doc.push_str(&format!("\n# {heading}\n"));
    }
    if let Some(summary) = &example.summary {
        doc.push_str(&format!("\n{}\n", crate::markdown::markdown(summary)));
    }
    let json = example.json.value.trim_matches('\n');
    // A fence longer than any run of backticks in the example.
    let fence = "`".repeat(3.max(longest_run(json, '`') + 1));
    doc.push_str(&format!("\n{fence}json\n{json}\n{fence}\n"));
}

fn longest_run(text: &str, c: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for ch in text.chars() {
        run = if ch == c { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}
