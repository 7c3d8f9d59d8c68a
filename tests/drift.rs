//! A server that differs from its documentation never loses the response: every documented
//! example response of every imported service, mutated in every way servers drift (a number
//! in a string and back, a boolean in a string, a required field removed or `null`, a field
//! added, an undocumented enumeration value, an object where an array is documented and
//! back), decodes through its generated types. For each mutated body: no panic; every field
//! the mutation did not touch decodes to the value it has in the unmutated body; the mutation
//! is reported as a deviation at its path; strict decoding refuses the body.
//!
//! The spec's request checks (`apigw_spec::conform`) are held to the same reading: a value the
//! runtime converts is one they call converted, and only that.
//!
//! `null` for an optional field is how bodies (and 562 of the reference's own examples) say
//! "no value": it decodes as absent and is no deviation, so it is checked to decode as absent,
//! not to be reported.

mod support;

use std::panic::{AssertUnwindSafe, catch_unwind};

use apigw_apig::runtime::{
    DynOperation, Error, RawResponse, StatusCode,
    header::HeaderMap,
    lenient::{Mode, ReadAs},
};
use apigw_spec::conform::{ViolationKind, conform};
use apigw_spec::naming::materialized_enum;
use apigw_spec::{Spec, TypeExpr};
use serde_json::{Value, json};

/// One way to change a body at one place, and whether it must be reported there.
struct Mutation {
    /// Where, as the runtime reports a deviation's path.
    path: String,
    /// Where, step by step (a key may hold a `.`: `alpha.cce/preInstall`).
    steps: Vec<Step>,
    kind: &'static str,
    body: Value,
    reported: bool,
    /// The place is an optional field.
    optional: bool,
}

/// A field of the example: where, its documented type, whether required, enumerated.
struct Place {
    path: Vec<Step>,
    ty: TypeExpr,
    required: bool,
    enumerated: bool,
}

#[derive(Clone)]
enum Step {
    Key(String),
    Index(usize),
}

fn show(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) if out.is_empty() => out.push_str(k),
            Step::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    if out.is_empty() { ".".to_owned() } else { out }
}

fn at<'v>(value: &'v mut Value, path: &[Step]) -> Option<&'v mut Value> {
    let mut here = value;
    for step in path {
        here = match step {
            Step::Key(k) => here.get_mut(k)?,
            Step::Index(i) => here.get_mut(*i)?,
        };
    }
    Some(here)
}

/// Removes the value at `path` (if there), so that two bodies can be compared elsewhere.
fn remove(value: &mut Value, path: &[Step]) {
    let Some((last, parent)) = path.split_last() else {
        *value = Value::Null;
        return;
    };
    match (at(value, parent), last) {
        (Some(Value::Object(map)), Step::Key(k)) => {
            map.remove(k);
        }
        (Some(Value::Array(items)), Step::Index(i)) if *i < items.len() => {
            items[*i] = Value::Null;
        }
        _ => {}
    }
}

/// Every documented field present in `value` (of type `ty`), in arrays only the first item's.
fn places(spec: &Spec, ty: &TypeExpr, value: &Value, path: Vec<Step>, out: &mut Vec<Place>) {
    match (ty, value) {
        (TypeExpr::Array(inner), Value::Array(items)) if !items.is_empty() => {
            let mut path = path;
            path.push(Step::Index(0));
            places(spec, inner, &items[0], path, out);
        }
        (TypeExpr::Named(name), Value::Object(map)) => {
            let Some(object) = spec.object(name) else {
                return;
            };
            for field in &object.fields {
                let Some(inner) = map.get(&field.name.value) else {
                    continue;
                };
                let mut here = path.clone();
                here.push(Step::Key(field.name.value.clone()));
                out.push(Place {
                    path: here.clone(),
                    ty: field.schema.ty.value.clone(),
                    required: field.required,
                    enumerated: materialized_enum(&field.schema).is_some(),
                });
                places(spec, &field.schema.ty.value, inner, here, out);
            }
        }
        _ => {}
    }
}

/// Every mutation of `example` at every place.
fn mutations(spec: &Spec, ty: &TypeExpr, example: &Value) -> Vec<Mutation> {
    let mut found = Vec::new();
    places(spec, ty, example, Vec::new(), &mut found);
    let mut out = Vec::new();
    let mut add = |place: &Place, kind: &'static str, new: Option<Value>, reported: bool| {
        let mut body = example.clone();
        match new {
            Some(new) => match at(&mut body, &place.path) {
                Some(slot) => *slot = new,
                None => return,
            },
            None => remove(&mut body, &place.path),
        }
        let mut steps = place.path.clone();
        if kind == "field added" {
            steps.push(Step::Key("apigw_drift_extra".into()));
        }
        out.push(Mutation {
            path: show(&steps),
            steps,
            kind,
            body,
            reported,
            optional: !place.required,
        });
    };
    for place in &found {
        let mut current = example.clone();
        let Some(value) = at(&mut current, &place.path).cloned() else {
            continue;
        };
        match (&place.ty, &value) {
            // A number in a string, and a number where a string is documented.
            (TypeExpr::Integer | TypeExpr::Long | TypeExpr::Float, Value::Number(n)) => {
                add(
                    place,
                    "number in a string",
                    Some(json!(n.to_string())),
                    true,
                );
            }
            (TypeExpr::String, Value::String(_)) if !place.enumerated => {
                add(place, "number for a string", Some(json!(12345)), true);
            }
            (TypeExpr::Boolean, Value::Bool(b)) => {
                add(
                    place,
                    "boolean in a string",
                    Some(json!(b.to_string())),
                    true,
                );
            }
            // One item for the array of them (an item that is an array itself would read as
            // the array it is, not as a drift).
            (TypeExpr::Array(_), Value::Array(items))
                if items.first().is_some_and(|first| !first.is_array()) =>
            {
                add(place, "object for an array", Some(items[0].clone()), true);
            }
            (TypeExpr::Named(_), Value::Object(map)) => {
                add(
                    place,
                    "array for an object",
                    Some(json!([value.clone()])),
                    true,
                );
                let mut added = map.clone();
                added.insert("apigw_drift_extra".into(), json!(1));
                add(place, "field added", Some(Value::Object(added)), true);
            }
            _ => {}
        }
        if place.enumerated && value.is_string() {
            add(
                place,
                "undocumented enum value",
                Some(json!("APIGW_DRIFT")),
                true,
            );
        }
        if !value.is_null() {
            // `null` is reported for a required field; for an optional one it is "absent",
            // and for a free-form one (`Object`) it is a value like any other.
            let reported = place.required && place.ty != TypeExpr::Any;
            add(place, "null", Some(Value::Null), reported);
        }
        if place.required {
            add(place, "required field removed", None, true);
        }
    }
    // A field added at the top level too.
    if let (TypeExpr::Named(_), Value::Object(map)) = (ty, example) {
        let mut body = Value::Object(map.clone());
        body["apigw_drift_extra"] = json!(true);
        out.push(Mutation {
            path: "apigw_drift_extra".into(),
            steps: vec![Step::Key("apigw_drift_extra".into())],
            kind: "field added",
            body,
            reported: true,
            optional: true,
        });
    }
    out
}

/// A `null` that must read as absent (not a free-form value's `null`).
fn place_is_optional_null(mutation: &Mutation) -> bool {
    mutation.kind == "null" && mutation.optional
}

/// The decoded body (as JSON) with the paths of its deviations, or the error; `Err(())` for
/// a panic.
type Decoded = Result<(Value, Vec<(String, ReadAs)>), Box<Error<Value>>>;

fn decode(op: &DynOperation, status: StatusCode, body: &Value, mode: Mode) -> Result<Decoded, ()> {
    let raw = RawResponse::new(
        op.meta.id,
        status,
        HeaderMap::new(),
        serde_json::to_vec(body).unwrap().into(),
    )
    .with_mode(mode);
    catch_unwind(AssertUnwindSafe(|| {
        (op.decode)(raw)
            .map(|response| {
                let paths = response
                    .deviations()
                    .iter()
                    .map(|d| (d.path.clone(), d.read_as.clone()))
                    .collect();
                (response.into_body(), paths)
            })
            .map_err(Box::new)
    }))
    .map_err(|_| ())
}

#[test]
fn every_example_of_every_service_survives_every_drift() {
    let (mut bodies, mut panics, mut failures) = (0usize, 0usize, Vec::new());
    let mut kinds = std::collections::BTreeMap::<&str, usize>::new();
    for service in support::services() {
        for op in service.operations.iter().copied() {
            let spec = apigw_spec::load(op.meta.id, op.spec).unwrap();
            for response in spec.responses.iter().filter(|r| r.is_success()) {
                let Some(ty) = response.body.as_ref().map(|b| &b.value) else {
                    continue;
                };
                if *ty == TypeExpr::File {
                    continue;
                }
                let status = StatusCode::from_u16(response.status.value).unwrap();
                for example in &response.examples {
                    let Ok(example) = serde_json::from_str::<Value>(&example.json.value) else {
                        continue;
                    };
                    let Ok(Ok((original, _))) = decode(op, status, &example, Mode::Lenient) else {
                        failures.push(format!("{}: the example itself", op.meta.id));
                        continue;
                    };
                    for mutation in mutations(&spec, ty, &example) {
                        bodies += 1;
                        *kinds.entry(mutation.kind).or_default() += 1;
                        let what =
                            format!("{} {} at `{}`", op.meta.id, mutation.kind, mutation.path);
                        let lenient = decode(op, status, &mutation.body, Mode::Lenient);
                        let strict = decode(op, status, &mutation.body, Mode::Strict);
                        let (Ok(lenient), Ok(strict)) = (lenient, strict) else {
                            panics += 1;
                            continue;
                        };
                        let (decoded, deviations) = match lenient {
                            Ok(ok) => ok,
                            Err(e) => {
                                failures.push(format!("{what}: not decoded: {e}"));
                                continue;
                            }
                        };
                        // Every field the mutation did not touch has its value.
                        let steps = &mutation.steps;
                        let (mut got, mut want) = (decoded.clone(), original.clone());
                        remove(&mut got, steps);
                        remove(&mut want, steps);
                        if got != want {
                            failures.push(format!("{what}: other fields changed"));
                        }
                        let reported = deviations.iter().find(|(p, _)| *p == mutation.path);
                        // The spec's checks read values by the same rule as the runtime: a
                        // value the runtime converted is one `conform` calls converted.
                        let converted = conform(&spec, ty, &mutation.body)
                            .into_iter()
                            .any(|v| v.path == mutation.path && v.kind == ViolationKind::Converted);
                        if converted != reported.is_some_and(|(_, r)| *r == ReadAs::Converted) {
                            failures.push(format!(
                                "{what}: conform says converted: {converted}, runtime: {reported:?}"
                            ));
                        }
                        if mutation.reported {
                            if reported.is_none() {
                                failures.push(format!("{what}: not reported ({deviations:?})"));
                            }
                            if strict.is_ok() {
                                failures.push(format!("{what}: accepted in strict mode"));
                            }
                        } else if place_is_optional_null(&mutation)
                            && at(&mut decoded.clone(), steps).is_some_and(|v| !v.is_null())
                        {
                            failures.push(format!("{what}: `null` did not read as absent"));
                        }
                    }
                }
            }
        }
    }
    assert_eq!(panics, 0, "decoding panicked");
    assert!(
        failures.is_empty(),
        "{} of {bodies} mutated bodies:\n{}",
        failures.len(),
        failures
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    eprintln!("{bodies} mutated bodies: {kinds:?}");
    assert!(bodies > 20_000, "{bodies} mutated bodies");
    for kind in [
        "number in a string",
        "number for a string",
        "boolean in a string",
        "object for an array",
        "array for an object",
        "field added",
        "undocumented enum value",
        "null",
        "required field removed",
    ] {
        assert!(
            kinds.get(kind).is_some_and(|n| *n > 50),
            "{kind}: {kinds:?}"
        );
    }
}
