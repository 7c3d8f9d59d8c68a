//! Salvage: from a spec that failed its checks, the closest spec that passes them.
//!
//! When a spec has mistakes the macro reports them, and the crate does not build. But the
//! code that *uses* the operation is usually fine, and should not drown the real message in
//! follow-on errors ("no method `list_api_versions_v2`", "cannot find type `EnvName`"). So,
//! like thiserror's fallback expansion, the macro still emits the operation's items, generated
//! from a salvaged spec: the broken parts replaced by the nearest thing that checks.
//!
//! Salvage tries ever coarser repairs and keeps the first that passes [`crate::check`]
//! with no problem, so the result is always a spec the generator accepts:
//!
//! 1. unreadable or undefined types become `Object` (any JSON);
//! 2. and constraints go (defaults, ranges, lengths), duplicates keep their first, path
//!    parameters follow the placeholders, parameters named like the builder's own methods
//!    go, enums lose colliding values;
//! 3. and enums and object types go;
//! 4. only the operation, its path parameters (as `String`) and an empty success response.

use std::collections::HashSet;

use crate::check::{self, CLIENT_VALUES};
use crate::diagnostic::Diagnostics;
use crate::model::*;
use crate::naming;
use crate::paging;
use crate::source::{SourceFile, Spanned};

/// The closest spec to `spec` that passes the checks, or `None` when not even the
/// operation's identity (id, method, path) can be kept.
pub fn salvage(spec: &Spec, source: &SourceFile) -> Option<Spec> {
    if !naming::is_identifier(&spec.operation.id.value) || !spec.operation.path.complete {
        return None;
    }
    let passes = |candidate: &Spec| {
        let mut diags = Diagnostics::new();
        check::check(candidate, source, &mut diags);
        diags.is_empty()
    };
    let typed = retype(spec);
    if passes(&typed) {
        return Some(typed);
    }
    let plain = simplify(&typed);
    if passes(&plain) {
        return Some(plain);
    }
    let untyped = untype(&plain);
    if passes(&untyped) {
        return Some(untyped);
    }
    Some(minimal(spec)).filter(passes)
}

/// Level 1: types that are broken or name undefined objects become `Object`.
fn retype(spec: &Spec) -> Spec {
    let mut out = spec.clone();
    let defined: HashSet<String> = spec.objects.iter().map(|o| o.name.value.clone()).collect();
    let fix = |ty: &mut TypeExpr| replace_named(ty, &|name| !defined.contains(name));
    for_each_field(&mut out, |field| {
        if field.schema.ty_broken {
            field.schema.ty.value = TypeExpr::Any;
            field.schema.ty_broken = false;
            field.schema.enumeration = None;
        }
        fix(&mut field.schema.ty.value);
    });
    if let Some(body) = &mut out.body {
        fix(&mut body.ty.value);
    }
    for response in &mut out.responses {
        if let Some(body) = &mut response.body {
            fix(&mut body.value);
        }
    }
    out
}

/// Level 2: no constraints, no duplicates, path parameters as the template says, one
/// success body, parameter types the locations allow.
fn simplify(spec: &Spec) -> Spec {
    let mut out = spec.clone();
    for_each_field(&mut out, |field| {
        let schema = &mut field.schema;
        schema.default = None;
        schema.minimum = None;
        schema.maximum = None;
        schema.min_length = None;
        schema.max_length = None;
        if let Some(e) = &mut schema.enumeration {
            let base = schema.ty.value.enum_base();
            let mut seen = HashSet::new();
            e.values.retain(|v| {
                literal_fits(&v.value.value, base) && seen.insert(naming::variant_name(v))
            });
            if e.values.is_empty() {
                schema.enumeration = None;
            }
        }
    });

    // Parameters: the path's placeholders, then the rest without duplicates.
    let mut params: Vec<Param> = Vec::new();
    for placeholder in spec.operation.path.placeholders() {
        if params
            .iter()
            .any(|p| p.field.name.value == placeholder.value)
        {
            continue;
        }
        let declared = out
            .params
            .iter()
            .find(|p| p.location == ParamLocation::Path && p.field.name.value == placeholder.value);
        params.push(match declared {
            Some(param) => param.clone(),
            None => string_param(placeholder),
        });
    }
    let mut names: HashSet<String> = params
        .iter()
        .map(|p| naming::snake(&p.field.name.value))
        .collect();
    let paged = paging::detect(spec).is_some();
    // The Rust names the generator gives them (`naming::param_names`).
    let rust_names = naming::param_names(&out);
    for (param, rust) in out
        .params
        .iter()
        .zip(rust_names)
        .filter(|(p, _)| p.location != ParamLocation::Path)
    {
        let free = rust != "body"
            && (naming::builder::reserved(&rust, paged).is_none() || !param.is_caller_supplied());
        if free && naming::is_identifier(&rust) && names.insert(rust) {
            params.push(param.clone());
        }
    }
    for param in &mut params {
        let schema = &mut param.field.schema;
        let allowed = match (&param.location, &schema.ty.value) {
            (_, t) if is_scalar(t) => true,
            (ParamLocation::Query, TypeExpr::Array(inner)) => is_scalar(inner),
            _ => false,
        };
        if !allowed || param.auth {
            schema.ty.value = TypeExpr::String;
            schema.enumeration = None;
        }
        if param
            .from_client
            .as_ref()
            .is_some_and(|from| !CLIENT_VALUES.contains(&from.value.as_str()))
        {
            param.from_client = None;
        }
    }
    out.params = params;

    let mut seen = HashSet::new();
    out.objects
        .retain(|o| naming::is_identifier(&o.name.value) && seen.insert(naming::object_name(o)));
    for object in &mut out.objects {
        let mut seen = HashSet::new();
        object.fields.retain(|f| seen.insert(f.name.value.clone()));
    }
    out.objects.retain(|o| !o.fields.is_empty());
    let defined: HashSet<String> = out.objects.iter().map(|o| o.name.value.clone()).collect();
    let undefined = |name: &str| !defined.contains(name);
    for_each_field(&mut out, |field| {
        replace_named(&mut field.schema.ty.value, &undefined)
    });

    if let Some(body) = &mut out.body {
        replace_named(&mut body.ty.value, &undefined);
        if body.encoding != BodyEncoding::Form || !matches!(body.ty.value, TypeExpr::Named(_)) {
            body.encoding = BodyEncoding::Json;
            if contains_file(&body.ty.value) {
                body.ty.value = TypeExpr::Any;
            }
        }
    }
    let mut statuses = HashSet::new();
    out.responses.retain(|r| statuses.insert(r.status.value));
    let mut success_body = None;
    for response in &mut out.responses {
        response.headers.retain(|h| is_scalar(&h.schema.ty.value));
        let success = response.is_success();
        if let Some(body) = &mut response.body {
            replace_named(&mut body.value, &undefined);
            if contains_file(&body.value) && (body.value != TypeExpr::File || !success) {
                body.value = TypeExpr::Any;
            }
        }
        if response.is_success() {
            let body = response.body.as_ref().map(|b| b.value.clone());
            match &success_body {
                None => success_body = Some(body),
                Some(first) if *first != body => {
                    response.body = first.clone().map(|ty| Spanned::new(ty, 0..0));
                }
                Some(_) => {}
            }
        }
    }
    if success_body.is_none() {
        out.responses.push(empty_success(spec));
    }
    out
}

/// Level 3: no enums and no object types (objects become `Object`).
fn untype(spec: &Spec) -> Spec {
    let mut out = spec.clone();
    out.objects.clear();
    for_each_field(&mut out, |field| {
        field.schema.enumeration = None;
        replace_named(&mut field.schema.ty.value, &|_| true);
    });
    if let Some(body) = &mut out.body {
        replace_named(&mut body.ty.value, &|_| true);
    }
    for response in &mut out.responses {
        if let Some(body) = &mut response.body {
            replace_named(&mut body.value, &|_| true);
        }
    }
    out
}

/// Level 4: the operation, its path parameters as `String`, and an empty success response.
fn minimal(spec: &Spec) -> Spec {
    let mut seen = HashSet::new();
    Spec {
        operation: spec.operation.clone(),
        params: spec
            .operation
            .path
            .placeholders()
            .filter(|p| seen.insert(p.value.clone()))
            .map(string_param)
            .collect(),
        body: None,
        responses: vec![empty_success(spec)],
        objects: Vec::new(),
    }
}

fn string_param(name: &Spanned<String>) -> Param {
    let from_client = CLIENT_VALUES
        .contains(&name.value.as_str())
        .then(|| name.clone());
    Param {
        location: ParamLocation::Path,
        field: Field {
            name: name.clone(),
            schema: Schema::of(Spanned::new(TypeExpr::String, name.span.clone())),
            required: true,
            description: None,
        },
        from_client,
        auth: false,
    }
}

fn empty_success(spec: &Spec) -> Response {
    Response {
        status: Spanned::new(200, spec.operation.id.span.clone()),
        description: None,
        body: None,
        headers: Vec::new(),
        examples: Vec::new(),
    }
}

/// Applies `f` to every parameter, object field and response header.
fn for_each_field(spec: &mut Spec, mut f: impl FnMut(&mut Field)) {
    for param in &mut spec.params {
        f(&mut param.field);
    }
    for object in &mut spec.objects {
        object.fields.iter_mut().for_each(&mut f);
    }
    for response in &mut spec.responses {
        response.headers.iter_mut().for_each(&mut f);
    }
}

/// Replaces each `Named` type for which `drop` holds with `Object` (any JSON).
fn replace_named(ty: &mut TypeExpr, drop: &dyn Fn(&str) -> bool) {
    match ty {
        TypeExpr::Named(name) if drop(name) => *ty = TypeExpr::Any,
        TypeExpr::Array(inner) | TypeExpr::Map(inner) => replace_named(inner, drop),
        _ => {}
    }
}

fn contains_file(ty: &TypeExpr) -> bool {
    match ty {
        TypeExpr::File => true,
        TypeExpr::Array(inner) | TypeExpr::Map(inner) => contains_file(inner),
        // Objects holding files are left to the coarser levels.
        _ => false,
    }
}

fn literal_fits(value: &Literal, base: &TypeExpr) -> bool {
    matches!(
        (value, base),
        (Literal::String(_), TypeExpr::String)
            | (
                Literal::Number(Number::Integer(_)),
                TypeExpr::Integer | TypeExpr::Long
            )
            | (Literal::Boolean(_), TypeExpr::Boolean)
    )
}

fn is_scalar(ty: &TypeExpr) -> bool {
    matches!(
        ty,
        TypeExpr::String | TypeExpr::Integer | TypeExpr::Long | TypeExpr::Boolean | TypeExpr::Float
    )
}
