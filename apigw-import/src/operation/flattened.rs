//! Sub-fields written as sibling rows. Some pages document an object's fields as rows of the
//! table that holds the object, beside its own row: `scheduled_policy | dict`, then
//! `start_time`, `frequency`, …, then the body's next field; or the fields first and
//! `endpoint_group | Object` last. The table alone cannot say where such an object's fields
//! end; the page's example can. At one level of a body (its table's rows, and the example's
//! objects there):
//! - an *object row* is an untyped object (or array of them) that the example shows here,
//!   holding an object;
//! - a row the example shows inside an object row's value, and not here, is that object's
//!   field (the nearest object row's, when several show it);
//! - so is every row between the object row and its farthest such fields (before and after
//!   it) that the example shows at neither level (an optional field the example leaves out,
//!   or a field of a field);
//! - where a row between them is shown here, or is another object's, the rows stay as they
//!   are: the example contradicts the reading.
//!
//! An object's fields are then read the same way one level down, against the example's value
//! there, and become an object type named after its row (`ScheduledPolicy`).

use apigw_spec::{Field, TypeExpr};
use serde_json::{Map, Value};

use super::objects::Objects;

/// One level of the examples: the JSON objects that the fields being read are keys of.
pub(super) type Level<'a> = Vec<&'a Map<String, Value>>;

/// `fields`, one level of a body whose `examples` show it, with the rows that are an object
/// row's fields moved into a new object type (see the [module](self) docs).
pub(super) fn nest(fields: Vec<Field>, level: &Level<'_>, objects: &mut Objects<'_>) -> Vec<Field> {
    if level.is_empty() {
        return fields;
    }
    let here = |name: &str| level.iter().any(|m| m.contains_key(name));
    // The object rows, with what the example holds in each.
    let rows: Vec<(usize, Level<'_>)> = fields
        .iter()
        .enumerate()
        .filter(|(_, f)| untyped_object(&f.schema.ty.value).is_some() && here(&f.name.value))
        .map(|(i, f)| (i, inner(level, &f.name.value)))
        .filter(|(_, inside)| !inside.is_empty())
        .collect();
    if rows.is_empty() {
        return fields;
    }
    // Each row the example shows in an object row's value and not here: the nearest's.
    let owner: Vec<Option<usize>> = fields
        .iter()
        .enumerate()
        .map(|(j, f)| {
            if here(&f.name.value) {
                return None;
            }
            rows.iter()
                .filter(|(r, inside)| {
                    *r != j && inside.iter().any(|m| m.contains_key(&f.name.value))
                })
                .map(|(r, _)| *r)
                .min_by_key(|r| r.abs_diff(j))
        })
        .collect();
    // Each object row's fields: a run of rows beside it.
    let mut taken = vec![false; fields.len()];
    let mut blocks: Vec<(usize, Vec<usize>, &Level<'_>)> = Vec::new();
    for (r, inside) in &rows {
        let r = *r;
        let mine: Vec<usize> = (0..fields.len()).filter(|j| owner[*j] == Some(r)).collect();
        let (Some(&first), Some(&last)) = (mine.first(), mine.last()) else {
            continue;
        };
        let run: Vec<usize> = (first.min(r + 1)..=last.max(r.saturating_sub(1)))
            .filter(|k| *k != r)
            .collect();
        let belongs = |k: &usize| {
            !taken[*k]
                && (owner[*k] == Some(r) || (owner[*k].is_none() && !here(&fields[*k].name.value)))
        };
        if run.iter().all(belongs) {
            for k in &run {
                taken[*k] = true;
            }
            blocks.push((r, run, inside));
        }
    }
    if blocks.is_empty() {
        return fields;
    }
    let mut slots: Vec<Option<Field>> = fields.into_iter().map(Some).collect();
    let mut out = Vec::new();
    for i in 0..slots.len() {
        if taken[i] {
            continue;
        }
        let Some(mut field) = slots[i].take() else {
            continue;
        };
        if let Some((_, run, shown)) = blocks.iter().find(|(r, _, _)| *r == i) {
            let inside: Vec<Field> = run.iter().filter_map(|k| slots[*k].take()).collect();
            let many = untyped_object(&field.schema.ty.value) == Some(true);
            let name = objects.adopt(&field.name.value, many, |objects| {
                nest(inside, shown, objects)
            });
            let named = TypeExpr::Named(name);
            field.schema.ty.value = if many {
                TypeExpr::Array(Box::new(named))
            } else {
                named
            };
        }
        out.push(field);
    }
    out
}

/// Whether `ty` is an untyped object: `Some(true)` for an array of them.
fn untyped_object(ty: &TypeExpr) -> Option<bool> {
    match ty {
        TypeExpr::Any => Some(false),
        TypeExpr::Array(inner) if **inner == TypeExpr::Any => Some(true),
        _ => None,
    }
}

/// The objects that `level`'s objects hold under `name` (an array's first element).
fn inner<'a>(level: &Level<'a>, name: &str) -> Level<'a> {
    level
        .iter()
        .filter_map(|m| match m.get(name)? {
            Value::Object(o) => Some(o),
            Value::Array(a) => a.first()?.as_object(),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use apigw_spec::Spec;

    /// The top of a page whose tables write objects' fields as sibling rows: in the request, after the
    /// object row (`schedule`, `tags`); in the response, before it (`policy`).
    const PAGE: &str = "\
Creating a Policy
=================

URI
---

POST /v1/policies

Request
-------

.. table:: **Table 1** Request body parameters

   ========== ========= ========== ===========
   Parameter  Mandatory Type       Description
   ========== ========= ========== ===========
   name       Yes       String     Name.
   schedule   Yes       dict       Schedule.
   start_time Yes       String     Start.
   frequency  No        Integer    Days.
   status     Yes       String     Status.
   tags       No        list<dict> Tags.
   key        Yes       String     Tag key.
   value      Yes       String     Tag value.
   time_zone  No        String     Zone.
   ========== ========= ========== ===========

Example Request
---------------

.. code-block::

   {\"name\": \"p\", \"schedule\": {\"start_time\": \"12:00\", \"status\": \"ON\"}, \"tags\": [{\"key\": \"k\", \"value\": \"v\"}], \"time_zone\": \"UTC\"}

Response
--------

.. table:: **Table 2** Response body parameters

   ========= ====== ===========
   Parameter Type   Description
   ========= ====== ===========
   id        String ID.
   name      String Name.
   policy    Object The policy.
   ========= ====== ===========

Example Response
----------------

.. code-block::

   {\"policy\": {\"id\": \"1\", \"name\": \"p\"}}

";

    /// [`PAGE`], answering 200.
    fn page() -> String {
        format!("{PAGE}{}", crate::test_pages::STATUS_200)
    }

    /// The fields of `spec`'s object `name`: (name, type).
    fn fields(spec: &Spec, name: &str) -> Vec<(String, String)> {
        let object = spec
            .object(name)
            .unwrap_or_else(|| panic!("no object {name}: {:?}", spec.objects));
        object
            .fields
            .iter()
            .map(|f| (f.name.value.clone(), f.schema.ty.value.to_string()))
            .collect()
    }

    fn names(fields: &[(String, String)]) -> Vec<&str> {
        fields.iter().map(|(n, _)| n.as_str()).collect()
    }

    #[test]
    fn rows_the_example_shows_inside_an_object_row_are_its_fields() {
        let spec = crate::import_page("p.rst", &page()).unwrap().spec;
        let body = fields(&spec, "CreatePolicyRequestBody");
        assert_eq!(names(&body), ["name", "schedule", "tags", "time_zone"]);
        assert_eq!(body[1].1, "Schedule");
        assert_eq!(body[2].1, "Array<Tag>");
        // `frequency`, which the example leaves out, stands between the schedule's fields.
        assert_eq!(
            names(&fields(&spec, "Schedule")),
            ["start_time", "frequency", "status"]
        );
        assert_eq!(names(&fields(&spec, "Tag")), ["key", "value"]);
        // The response's object row follows its fields.
        let response = fields(&spec, "CreatePolicyResponse");
        assert_eq!(response, [("policy".to_owned(), "Policy".to_owned())]);
        assert_eq!(names(&fields(&spec, "Policy")), ["id", "name"]);
    }

    #[test]
    fn rows_stay_where_the_example_contradicts_the_nesting() {
        // The example shows `frequency` beside `schedule`: the schedule's rows are not one
        // run, so the table is read as it is written.
        let contradicted = page().replace(
            "{\"name\": \"p\", \"schedule\"",
            "{\"name\": \"p\", \"frequency\": 1, \"schedule\"",
        );
        assert_ne!(contradicted, page());
        let spec = crate::import_page("p.rst", &contradicted).unwrap().spec;
        let body = fields(&spec, "CreatePolicyRequestBody");
        assert_eq!(body[1], ("schedule".to_owned(), "Object".to_owned()));
        assert!(names(&body).contains(&"start_time"));
        assert_eq!(
            body.iter().find(|(n, _)| n == "tags").unwrap().1,
            "Array<Tag>"
        );
        // Without an example, nothing says where an object's rows end.
        let bare = page().replace("Example Request", "Another Section");
        let bare = &bare[..bare.find("Another Section").unwrap()];
        let spec = crate::import_page("p.rst", bare).unwrap().spec;
        let body = fields(&spec, "CreatePolicyRequestBody");
        assert_eq!(body.len(), 9);
        assert!(body.iter().all(|(_, ty)| !ty.contains("Tag")));
    }
}
