//! Printing results: JSON (the default) or a readable table.

use serde_json::Value;

/// How results are printed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Pretty JSON.
    Json,
    /// Columns for lists, key/value lines for objects.
    Table,
}

pub fn render(value: &Value, format: Format) -> String {
    match format {
        Format::Json => serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string()),
        Format::Table => table(value),
    }
}

fn table(value: &Value) -> String {
    // A list response: the one array of objects in it.
    let rows = match value {
        Value::Array(items) => Some(items),
        Value::Object(fields) => {
            let arrays: Vec<&Vec<Value>> = fields
                .values()
                .filter_map(Value::as_array)
                .filter(|a| a.iter().all(Value::is_object))
                .collect();
            if arrays.len() == 1 {
                Some(arrays[0])
            } else {
                None
            }
        }
        _ => None,
    };
    match rows {
        Some(rows) if rows.iter().all(Value::is_object) => columns(rows),
        _ => key_values(value),
    }
}

fn cell(value: &Value) -> String {
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(39).collect::<String>())
    } else {
        text
    }
}

fn columns(rows: &[Value]) -> String {
    let mut keys: Vec<String> = Vec::new();
    for row in rows {
        for (key, value) in row.as_object().into_iter().flatten() {
            if !value.is_object() && !value.is_array() && !keys.contains(key) && keys.len() < 8 {
                keys.push(key.clone());
            }
        }
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            keys.iter()
                .map(|k| row.get(k).map(cell).unwrap_or_default())
                .collect()
        })
        .collect();
    let widths: Vec<usize> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| {
            cells
                .iter()
                .map(|r| r[i].chars().count())
                .chain([k.len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |items: Vec<String>| {
        items
            .iter()
            .zip(&widths)
            .map(|(s, w)| format!("{s:<w$}"))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_owned()
    };
    let mut out = vec![line(keys.iter().map(|k| k.to_uppercase()).collect())];
    out.extend(cells.into_iter().map(line));
    out.push(format!("({} items)", rows.len()));
    out.join("\n")
}

fn key_values(value: &Value) -> String {
    match value {
        Value::Object(fields) => {
            let width = fields.keys().map(String::len).max().unwrap_or(0);
            fields
                .iter()
                .map(|(k, v)| format!("{k:<width$}  {}", cell(v)))
                .collect::<Vec<_>>()
                .join("\n")
        }
        other => cell(other),
    }
}
