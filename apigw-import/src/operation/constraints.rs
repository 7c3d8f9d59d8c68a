//! The facts a description states (`Enumeration values:`, `Minimum:`, `Maximum:`, `Default:`,
//! `Array Length:`) → the field's constraints. Which facts a field may carry is not decided
//! here: the importer places every fact the format gives it a key for, asks
//! [`apigw_spec::check::field_problems`] (the checker's own rules), and moves each fact the
//! checker refuses back into the description with a warning — the table wins, nothing is lost.

use apigw_spec::diagnostic::Constraint;
use apigw_spec::{Code, EnumValue, Enumeration, Field, Literal, Number, TypeExpr};

use super::unplaced;
use crate::Warning;
use crate::cell::{Description, InText};

/// Places the facts of `d` on `field` and sets its description.
pub(super) fn apply(field: &mut Field, d: Description, line: usize, warnings: &mut Vec<Warning>) {
    let what = format!("`{}`", field.name.value);
    let mut text = d.text.clone();
    let mut unplaced_facts: Vec<String> = Vec::new();
    let ty = field.schema.ty.value.clone();
    let (base, many) = match &ty {
        TypeExpr::Array(inner) => (inner.as_ref().clone(), true),
        TypeExpr::Map(_) => (TypeExpr::Any, true),
        other => (other.clone(), false),
    };

    // Enumeration: values of the item type (a Boolean's two values say nothing more).
    if !d.enum_values.is_empty() && base != TypeExpr::Boolean {
        let values: Option<Vec<Literal>> =
            d.enum_values.iter().map(|v| literal(v, &base)).collect();
        match values {
            Some(values) if base.is_enumerable() && !matches!(ty, TypeExpr::Map(_)) => {
                field.schema.enumeration = Some(Enumeration {
                    span: 0..0,
                    type_name: None,
                    values: name_variants(&d, values),
                });
                options_against_enumeration(&d, &what, line, warnings);
            }
            _ if d.in_text.contains(&InText::Enumeration) => {}
            _ => unplaced_facts.push(format!("Enumeration values: {}.", d.enum_values.join(", "))),
        }
    }
    // A length in characters the prose states: of a String only.
    if base == TypeExpr::String && !many {
        if let Some(n) = d.min_length.as_deref().and_then(|v| v.parse::<u64>().ok()) {
            field.schema.min_length = Some(unplaced(n));
        }
        if let Some(n) = d.max_length.as_deref().and_then(|v| v.parse::<u64>().ok()) {
            field.schema.max_length = Some(unplaced(n));
        }
    } else if !d.in_text.contains(&InText::Length)
        && (d.min_length.is_some() || d.max_length.is_some())
    {
        unplaced_facts.push(bounds_text(
            "length ",
            d.min_length.clone(),
            d.max_length.clone(),
        ));
    }
    // Bounds: of the value for numbers, of the length for strings, of the size for arrays.
    // A range of values the prose states, on a field that is not one number.
    let prose_range = d.range_sentence.is_some() && (many || !base.is_numeric());
    if prose_range {
        // A range of values the prose states is no length: its sentence goes back.
        unplaced_facts.extend(d.range_sentence.clone());
    }
    for (is_min, value) in [(true, &d.minimum), (false, &d.maximum)] {
        let Some(value) = value else { continue };
        if prose_range {
            continue;
        }
        let key = if is_min { "Minimum" } else { "Maximum" };
        if base.is_numeric() && !many {
            match number(value, &base) {
                Some(n) if is_min => field.schema.minimum = Some(unplaced(n)),
                Some(n) => field.schema.maximum = Some(unplaced(n)),
                None => unplaced_facts.push(format!("{key}: {value}.")),
            }
        } else if base == TypeExpr::String && !many {
            match value.parse::<u64>() {
                Ok(n) if is_min => field.schema.min_length = Some(unplaced(n)),
                Ok(n) => field.schema.max_length = Some(unplaced(n)),
                Err(_) => unplaced_facts.push(format!("{key}: {value}.")),
            }
        } else {
            unplaced_facts.push(format!("{key}: {value}."));
        }
    }
    if let Some((a, b)) = &d.array_length {
        match (
            matches!(ty, TypeExpr::Array(_)),
            a.parse::<u64>(),
            b.parse::<u64>(),
        ) {
            (true, Ok(a), Ok(b)) => {
                field.schema.min_length = Some(unplaced(a));
                field.schema.max_length = Some(unplaced(b));
            }
            _ => unplaced_facts.push(format!("Array Length: {a} - {b}.")),
        }
    }
    if let Some(value) = &d.default {
        match literal(value, &base).filter(|_| !many) {
            Some(l) => field.schema.default = Some(unplaced(l)),
            None if d.in_text.contains(&InText::Default) => {}
            None => {
                warnings.push(Warning::new(
                    line,
                    format!(
                        "{what}: default `{value}` is not a {base}; kept in the description only"
                    ),
                ));
                unplaced_facts.push(format!("Default: {value}."));
            }
        }
    }

    // What the checker refuses goes back to the description.
    for _ in 0..8 {
        let problems = apigw_spec::check::field_problems(&what, field);
        let Some(problem) = problems.first() else {
            break;
        };
        let s = &mut field.schema;
        let fact = match problem.code.constraint() {
            Some(Constraint::Enum) if problem.code == Code::DuplicateEnumValue => {
                if let Some(e) = &mut s.enumeration {
                    let mut seen: Vec<Literal> = Vec::new();
                    e.values.retain(|v| {
                        let new = !seen.contains(&v.value.value);
                        seen.push(v.value.value.clone());
                        new
                    });
                }
                warnings.push(Warning::new(
                    line,
                    format!("{}; kept once", problem.message),
                ));
                continue;
            }
            Some(Constraint::Enum) => s.enumeration.take().map(|e| {
                let values: Vec<String> = e.values.iter().map(|v| plain(&v.value.value)).collect();
                format!("Enumeration values: {}.", values.join(", "))
            }),
            Some(Constraint::Bounds) => {
                let (lo, hi) = (s.minimum.take(), s.maximum.take());
                Some(bounds_text(
                    "",
                    lo.map(|n| n.value.to_string()),
                    hi.map(|n| n.value.to_string()),
                ))
            }
            Some(Constraint::Length) => {
                let (lo, hi) = (s.min_length.take(), s.max_length.take());
                Some(bounds_text(
                    "length ",
                    lo.map(|n| n.value.to_string()),
                    hi.map(|n| n.value.to_string()),
                ))
            }
            Some(Constraint::Default) => s
                .default
                .take()
                .map(|d| format!("Default: {}.", plain(&d.value))),
            _ => None,
        };
        let Some(fact) = fact else { break };
        warnings.push(Warning::new(
            line,
            format!("{}; kept in the description only", problem.message),
        ));
        unplaced_facts.push(fact);
    }
    for fact in unplaced_facts {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(&fact);
    }
    field.description = (!text.is_empty()).then_some(text);
}

fn bounds_text(what: &str, lo: Option<String>, hi: Option<String>) -> String {
    match (lo, hi) {
        (Some(lo), Some(hi)) => format!("Minimum {what}{lo}. Maximum {what}{hi}."),
        (Some(lo), None) => format!("Minimum {what}{lo}."),
        (None, Some(hi)) => format!("Maximum {what}{hi}."),
        (None, None) => String::new(),
    }
}

/// A literal as a page writes it (no quotes).
fn plain(l: &Literal) -> String {
    match l {
        Literal::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A value written on the page as a literal of `base`, if it is one.
fn literal(value: &str, base: &TypeExpr) -> Option<Literal> {
    let v = value.trim();
    match base {
        TypeExpr::String => Some(Literal::String(v.to_owned())),
        TypeExpr::Integer | TypeExpr::Long | TypeExpr::Float => {
            number(v, base).map(Literal::Number)
        }
        TypeExpr::Boolean => match v {
            "true" => Some(Literal::Boolean(true)),
            "false" => Some(Literal::Boolean(false)),
            _ => None,
        },
        _ => None,
    }
}

fn number(value: &str, base: &TypeExpr) -> Option<Number> {
    let v = value.trim();
    match base {
        TypeExpr::Integer | TypeExpr::Long => v.parse().ok().map(Number::Integer),
        TypeExpr::Float => v
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .map(Number::Float),
        _ => None,
    }
}

/// Each value with its meaning (`1: effective`), and a variant name where the derived one says
/// little (a number documented as `1: effective` becomes `Effective`) or is taken already.
fn name_variants(d: &Description, values: Vec<Literal>) -> Vec<EnumValue> {
    let mut taken = std::collections::HashSet::new();
    d.enum_values
        .iter()
        .zip(values)
        .map(|(raw, value)| {
            let raw = raw.trim();
            let description = d
                .option_texts
                .iter()
                .find(|(head, _)| head == raw)
                .map(|(_, text)| text.clone());
            let is_string = matches!(value, Literal::String(_));
            let mut v = EnumValue {
                value: unplaced(value),
                name: None,
                description,
            };
            let derived = apigw_spec::naming::variant_name(&v);
            let meaningful = v
                .description
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
            let preferred = meaningful.clone().unwrap_or(derived);
            v.name = if taken.insert(preferred.clone()) {
                meaningful
            } else {
                (2..)
                    .map(|n| format!("{preferred}{n}"))
                    .find(|n| taken.insert(n.clone()))
            }
            .map(unplaced);
            v
        })
        .collect()
}

/// Warns where the description's bullet items name other values than the enumeration.
fn options_against_enumeration(
    d: &Description,
    what: &str,
    line: usize,
    warnings: &mut Vec<Warning>,
) {
    if d.options.len() < 2 {
        return;
    }
    let mut listed: Vec<&str> = d.enum_values.iter().map(String::as_str).collect();
    let mut options: Vec<&str> = d.options.iter().map(String::as_str).collect();
    let shown = (listed.join(", "), options.join(", "));
    listed.sort_unstable();
    options.sort_unstable();
    if listed != options
        && options
            .iter()
            .all(|x| x.chars().any(|c| c.is_ascii_alphanumeric()))
        && options.iter().any(|x| listed.contains(x))
    {
        warnings.push(Warning::new(
            line,
            format!(
                "{what}: the description lists {} but the enumeration is {}; the enumeration wins",
                shown.1, shown.0
            ),
        ));
    }
}
