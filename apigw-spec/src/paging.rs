//! Which operations page through a list: those with `offset` and `limit` query parameters
//! (integers) whose success body is an object with an integer `total` and exactly one array
//! field (the items). Worked out from the spec alone, so an imported operation qualifies
//! without anyone listing it.

use crate::model::{Field, Object, Param, ParamLocation, Spec, TypeExpr};

/// How an operation pages.
#[derive(Debug, Clone, Copy)]
pub struct Paging<'s> {
    /// The `offset` query parameter (items to skip).
    pub offset: &'s Param,
    /// The `limit` query parameter (items per page).
    pub limit: &'s Param,
    /// The success body's object type.
    pub object: &'s Object,
    /// The body's `total` field (items in all pages).
    pub total: &'s Field,
    /// The body's array of items.
    pub items: &'s Field,
    /// The type of one item.
    pub item: &'s TypeExpr,
}

/// The paging of `spec`, if it pages.
pub fn detect(spec: &Spec) -> Option<Paging<'_>> {
    let integer = |ty: &TypeExpr| matches!(ty, TypeExpr::Integer | TypeExpr::Long);
    let query = |name: &str| {
        spec.params_in(ParamLocation::Query)
            .find(|p| p.field.name.value == name && integer(&p.field.schema.ty.value))
    };
    let (offset, limit) = (query("offset")?, query("limit")?);
    let body = spec.success_responses().next()?.body.as_ref()?;
    let TypeExpr::Named(name) = &body.value else {
        return None;
    };
    let object = spec.object(name)?;
    let total = object
        .fields
        .iter()
        .find(|f| f.name.value == "total" && integer(&f.schema.ty.value))?;
    let mut arrays = object
        .fields
        .iter()
        .filter(|f| matches!(f.schema.ty.value, TypeExpr::Array(_)));
    let items = arrays.next()?;
    if arrays.next().is_some() {
        return None; // which array is the list would be a guess
    }
    let TypeExpr::Array(item) = &items.schema.ty.value else {
        return None;
    };
    Some(Paging {
        offset,
        limit,
        object,
        total,
        items,
        item,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(extra: &str) -> Spec {
        let text = format!(
            r#"
[operation]
id = "ListThings"
method = "GET"
path = "/things"

[query.offset]
type = "Long"

[query.limit]
type = "Integer"

[response.200]
body = "ThingList"

[object.ThingList.total]
type = "Long"

[object.ThingList.things]
type = "Array<String>"
{extra}"#
        );
        crate::load("things.toml", &text).unwrap()
    }

    #[test]
    fn offset_limit_total_and_one_array_page() {
        let spec = spec("");
        let paging = detect(&spec).unwrap();
        assert_eq!(paging.items.name.value, "things");
        assert_eq!(*paging.item, TypeExpr::String);
        // A second array makes the list ambiguous: no paging.
        assert!(
            detect(&self::spec(
                "[object.ThingList.others]\ntype = \"Array<String>\""
            ))
            .is_none()
        );
    }
}
