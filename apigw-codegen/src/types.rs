//! Object types → structs, enumerations → enums with an `Unknown` fallback.

use std::collections::HashSet;

use apigw_spec::naming::materialized_enum;
use apigw_spec::{Enumeration, Field, Literal, Number, Object, Spec, TypeExpr, naming};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::idents::ident;
use crate::{Cx, docs};

/// The Rust type of a type expression, inside the operation's module.
pub(crate) fn rust_type(cx: &Cx<'_>, ty: &TypeExpr) -> TokenStream {
    let rt = &cx.rt;
    match ty {
        TypeExpr::String => cx.prelude("String"),
        TypeExpr::File => quote!(#rt::FilePart),
        TypeExpr::Integer => quote!(i32),
        TypeExpr::Long => quote!(i64),
        TypeExpr::Boolean => quote!(bool),
        TypeExpr::Float => quote!(f64),
        TypeExpr::Any => quote!(#rt::serde_json::Value),
        TypeExpr::Array(inner) => {
            let vec = cx.prelude("Vec");
            let inner = rust_type(cx, inner);
            quote!(#vec<#inner>)
        }
        TypeExpr::Map(inner) => {
            let string = cx.prelude("String");
            let inner = rust_type(cx, inner);
            quote!(::std::collections::BTreeMap<#string, #inner>)
        }
        TypeExpr::Named(name) => {
            let name = ident(&naming::pascal(name));
            quote!(#name)
        }
    }
}

/// The Rust type of a field, using its enum type where its values are enumerated.
pub(crate) fn field_type(cx: &Cx<'_>, field: &Field, enum_name: Option<&str>) -> TokenStream {
    match (enum_name, &field.schema.ty.value) {
        (Some(name), TypeExpr::Array(_)) => {
            let vec = cx.prelude("Vec");
            let name = ident(name);
            quote!(#vec<#name>)
        }
        (Some(name), _) => {
            let name = ident(name);
            quote!(#name)
        }
        (None, ty) => rust_type(cx, ty),
    }
}

/// The Rust type of an object's field: [`field_type`], but the runtime's `SecretString` for a
/// field that holds a secret (`apigw_spec::secret`), so that `Debug` does not show it.
pub(crate) fn object_field_type(cx: &Cx<'_>, object: &Object, field: &Field) -> TokenStream {
    if apigw_spec::secret::is_secret(field) {
        let rt = &cx.rt;
        return quote!(#rt::SecretString);
    }
    field_type(cx, field, object_field_enum(object, field).as_deref())
}

/// The names of the standard prelude that generated code writes short (`Option<String>`) and
/// that a type generated for `spec` would shadow in its module.
pub(crate) fn shadowed_prelude(spec: &Spec) -> HashSet<&'static str> {
    const PRELUDE: [&str; 6] = ["Option", "Result", "String", "Vec", "Into", "AsRef"];
    let generated = naming::type_names(spec);
    PRELUDE
        .into_iter()
        .filter(|name| generated.iter().any(|(g, _)| g == name))
        .collect()
}

/// The enum type name of an object field, if its values are enumerated.
pub(crate) fn object_field_enum(object: &Object, field: &Field) -> Option<String> {
    materialized_enum(&field.schema).map(|e| naming::field_enum_name(&object.name.value, field, e))
}

/// The objects a request body of `spec` is made of: its type and what its fields refer to.
pub(crate) fn sent_objects(spec: &Spec) -> HashSet<String> {
    fn walk(spec: &Spec, ty: &TypeExpr, out: &mut HashSet<String>) {
        match ty {
            TypeExpr::Array(inner) | TypeExpr::Map(inner) => walk(spec, inner, out),
            TypeExpr::Named(name) if out.insert(name.clone()) => {
                for field in spec.object(name).iter().flat_map(|o| &o.fields) {
                    walk(spec, &field.schema.ty.value, out);
                }
            }
            _ => {}
        }
    }
    let mut out = HashSet::new();
    if let Some(body) = &spec.body {
        walk(spec, &body.ty.value, &mut out);
    }
    out
}

/// All structs and enums of the operation's module: each object with its enums, then the
/// parameters' enums.
pub(crate) fn emit_types(cx: &Cx<'_>) -> TokenStream {
    emit_types_sending(cx, &sent_objects(cx.spec))
}

/// [`emit_types`], with `sent` the objects a caller builds (a request body's), which get
/// constructors.
fn emit_types_sending(cx: &Cx<'_>, sent: &HashSet<String>) -> TokenStream {
    let mut out = TokenStream::new();
    let defaultable = defaultable_objects(cx.spec);
    for object in &cx.spec.objects {
        if let Some((shared, path)) = cx
            .shared
            .and_then(|(s, path)| Some((s.shared_as(cx.spec, object)?, path)))
        {
            // The local names (the struct's and its fields' enums') for the shared ones, in
            // the same order: one shape has the same fields with the same enumerations. A
            // local name of its own is a type alias, not a renaming `use`: the compiler then
            // names the type by its one name in messages, never by another page's.
            for (shared, local) in crate::service::rust_names(shared)
                .into_iter()
                .zip(crate::service::rust_names(object))
            {
                let (shared, local) = (ident(&shared), ident(&local));
                out.extend(if shared == local {
                    quote!(pub use #path::#shared;)
                } else {
                    let doc = format!("The [`{shared}`]({path_text}::{shared}) type, as this operation's page calls it.",
                        path_text = path.to_string().replace(' ', ""));
                    quote!(#[doc = #doc] pub type #local = #path::#shared;)
                });
            }
            continue;
        }
        out.extend(emit_object(
            cx,
            object,
            &defaultable,
            sent.contains(&object.name.value),
        ));
    }
    for param in &cx.spec.params {
        if let Some(e) = materialized_enum(&param.field.schema) {
            let wire = &param.field.name.value;
            let noun = param.location.noun();
            let doc = if !param.is_caller_supplied() {
                format!("Values of the `{wire}` {noun}.")
            } else if crate::request::is_argument(param) {
                format!(
                    "Values of the `{wire}` {noun}, an argument of the client's `{}` method.",
                    naming::method_name(cx.spec)
                )
            } else {
                let builder = naming::builder_name(cx.spec);
                let setter = naming::param_name(cx.spec, param);
                format!("Values of the `{wire}` {noun} (see [`{builder}::{setter}`]).")
            };
            out.extend(emit_enum(
                cx,
                &naming::param_enum_name(param, e),
                &param.field,
                e,
                &doc,
            ));
        }
    }
    out
}

/// The shared object types of a service (see [`SharedTypes`](crate::SharedTypes)), with their
/// fields' enums; `any` is any spec of the service (for the operation-independent context).
pub(crate) fn emit_shared(
    shared: &crate::SharedTypes,
    any: Option<&Spec>,
    options: &crate::Options,
) -> TokenStream {
    let Some(any) = any else {
        return TokenStream::new();
    };
    let spec = Spec {
        operation: any.operation.clone(),
        params: Vec::new(),
        body: None,
        responses: Vec::new(),
        objects: shared.objects().cloned().collect(),
    };
    let cx = Cx {
        spec: &spec,
        rt: quote!(rt),
        runtime: &options.runtime,
        spec_source: &options.spec_source,
        shared: None,
        shadowed: shadowed_prelude(&spec),
        error_code: options.error_code.as_ref(),
        defining_shared: Some(shared),
    };
    emit_types_sending(&cx, shared.sent())
}

/// One object of the spec: its struct (or form struct) and the enums of its fields; `sent`
/// when a request body holds it (then it has constructors).
pub(crate) fn emit_object(
    cx: &Cx<'_>,
    object: &Object,
    defaultable: &HashSet<&str>,
    sent: bool,
) -> TokenStream {
    let mut out = emit_struct(cx, object, defaultable, sent);
    let owner = naming::object_name(object);
    for field in &object.fields {
        if let (Some(e), Some(name)) = (
            materialized_enum(&field.schema),
            object_field_enum(object, field),
        ) {
            let doc = format!("Values of the `{}` field of [`{owner}`].", field.name.value);
            out.extend(emit_enum(cx, &name, field, e, &doc));
        }
    }
    out
}

/// What the doc of the shared type `name` says of it beyond its page's words: the names the
/// pages give it, and the client methods whose operations use it (the first few).
fn shared_doc(shared: &crate::SharedTypes, name: &str) -> String {
    const LISTED: usize = 8;
    let mut doc = String::new();
    let aliases: Vec<String> = shared.aliases(name).map(|a| format!("`{a}`")).collect();
    if !aliases.is_empty() {
        let call = if shared.is_page_named(name) {
            "also call it"
        } else {
            "call it"
        };
        doc.push_str(&format!(
            "\n\nOne type for every object of this shape in the service's pages, which {call} \
             {}; each operation's module names it as its page does.",
            aliases.join(", ")
        ));
    }
    let users = shared.users(name);
    if !users.is_empty() {
        let links: Vec<String> = users
            .iter()
            .take(LISTED)
            .map(|m| format!("[`Client::{m}`](crate::Client::{m})"))
            .collect();
        let more = match users.len().saturating_sub(LISTED) {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        doc.push_str(&format!("\n\nUsed by {}{more}.", links.join(", ")));
    }
    doc
}

fn emit_struct(
    cx: &Cx<'_>,
    object: &Object,
    defaultable: &HashSet<&str>,
    sent: bool,
) -> TokenStream {
    let rt = &cx.rt;
    let name = ident(&naming::object_name(object));
    let mut doc = format!("The `{}` object.", object.name.value);
    if let Some(shared) = cx.defining_shared {
        doc.push_str(&shared_doc(shared, &object.name.value));
    }
    let doc = docs::attrs(&doc);
    let form = cx.spec.is_form_object(object)
        || cx
            .defining_shared
            .is_some_and(|s| s.is_form(&object.name.value));
    if form {
        return emit_form_object(cx, object, &name, &doc);
    }
    let option = cx.prelude("Option");
    let is_none = format!("{option}::is_none").replace(' ', "");
    let names = naming::field_names(object);
    let fields = object.fields.iter().zip(&names).map(|(field, rust)| {
        let field_name = ident(rust);
        let wire = &field.name.value;
        let rename = (rust != wire || naming::is_reserved_path_keyword(wire))
            .then(|| quote!(rename = #wire,));
        let ty = object_field_type(cx, object, field);
        let doc = docs::attrs(&docs::field_doc(field));
        if field.required {
            let serde = rename.map(|r| quote!(#[serde(#r)]));
            quote! { #doc #serde pub #field_name: #ty, }
        } else {
            quote! {
                #doc
                #[serde(#rename skip_serializing_if = #is_none)]
                pub #field_name: #option<#ty>,
            }
        }
    });
    let default = defaultable
        .contains(object.name.value.as_str())
        .then(|| quote!(Default,));
    let serde_crate = format!("{}::__private::serde", cx.rt_path());
    // Only what a caller sends is built by hand; a response is decoded (and the methods of
    // every response object would cost build time for nothing).
    let constructors = sent.then(|| emit_constructors(cx, object, &name));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #default #rt::Serialize, #rt::Deserialize)]
        #[serde(crate = #serde_crate)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }
        #constructors
    }
}

/// `new` with the object's required fields (so that none can be left out) and a `with_<field>`
/// setter for each optional one, for the objects a request body holds: outside the crate, the
/// `#[non_exhaustive]` struct is built only this way, and a field the reference adds later
/// breaks nobody's code.
fn emit_constructors(cx: &Cx<'_>, object: &Object, name: &Ident) -> TokenStream {
    let option = cx.prelude("Option");
    let into = cx.prelude("Into");
    let required: Vec<&Field> = object.fields.iter().filter(|f| f.required).collect();
    let names = naming::field_names(object);
    let rust_of = |field: &Field| {
        let i = object.fields.iter().position(|f| std::ptr::eq(f, field));
        i.map_or_else(|| naming::snake(&field.name.value), |i| names[i].clone())
    };
    let name_of = |field: &Field| ident(&rust_of(field));
    let args = required.iter().map(|field| {
        let field_name = name_of(field);
        let ty = object_field_type(cx, object, field);
        quote!(#field_name: impl #into<#ty>)
    });
    let inits = object.fields.iter().map(|field| {
        let field_name = name_of(field);
        if field.required {
            quote!(#field_name: #field_name.into(),)
        } else {
            quote!(#field_name: #option::None,)
        }
    });
    let new_doc = if required.is_empty() {
        format!(
            "A new `{}` with no field set (set them with the `with_` methods).",
            object.name.value
        )
    } else {
        let listed: Vec<String> = required
            .iter()
            .map(|f| format!("`{}`", f.name.value))
            .collect();
        let optional = if required.len() < object.fields.len() {
            "; the optional ones are unset (set them with the `with_` methods)"
        } else {
            ""
        };
        format!(
            "A new `{}` with its required fields ({}){optional}.",
            object.name.value,
            listed.join(", ")
        )
    };
    let new_doc = docs::attrs(&new_doc);
    let many = (required.len() > 7).then(|| {
        quote!(#[allow(clippy::too_many_arguments, reason = "one argument per required field of the object")])
    });
    let setters = object.fields.iter().filter(|f| !f.required).map(|field| {
        let field_name = name_of(field);
        let setter = ident(&format!("with_{}", rust_of(field)));
        let ty = object_field_type(cx, object, field);
        let doc = docs::attrs(&format!(
            "This object with its `{}` field set.",
            field.name.value
        ));
        quote! {
            #doc
            pub fn #setter(mut self, value: impl #into<#ty>) -> Self {
                self.#field_name = #option::Some(value.into());
                self
            }
        }
    });
    quote! {
        impl #name {
            #new_doc
            #many
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits)* }
            }
            #(#setters)*
        }
    }
}

/// A form body: a plain struct (files are not JSON) and `to_form()`, one part per field that
/// is set; arrays repeat the name.
fn emit_form_object(cx: &Cx<'_>, object: &Object, name: &Ident, doc: &TokenStream) -> TokenStream {
    let rt = &cx.rt;
    let option = cx.prelude("Option");
    let names = naming::field_names(object);
    let fields = object.fields.iter().zip(&names).map(|(field, rust)| {
        let field_name = ident(rust);
        let ty = object_field_type(cx, object, field);
        let doc = docs::attrs(&docs::field_doc(field));
        if field.required {
            quote! { #doc pub #field_name: #ty, }
        } else {
            quote! { #doc pub #field_name: #option<#ty>, }
        }
    });
    let parts = object.fields.iter().zip(&names).map(|(field, rust)| {
        let field_name = ident(rust);
        let wire = &field.name.value;
        let add = match &field.schema.ty.value {
            TypeExpr::File => quote!(form.file(#wire, value);),
            TypeExpr::Array(_) => quote!(for item in value { form.text(#wire, item); }),
            _ if apigw_spec::secret::is_secret(field) => quote!(form.text(#wire, value.expose());),
            _ => quote!(form.text(#wire, value);),
        };
        if field.required {
            quote! { { let value = &self.#field_name; #add } }
        } else {
            quote! { if let Some(value) = &self.#field_name { #add } }
        }
    });
    let constructors = emit_constructors(cx, object, name);
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }
        #constructors

        impl #name {
            /// The `multipart/form-data` parts of this body.
            pub fn to_form(&self) -> #rt::Form {
                let mut form = #rt::Form::new();
                #(#parts)*
                form
            }
        }
    }
}

/// Objects with no required field: they derive `Default` (every field unset). One with a
/// required field does not, so that it cannot be built without it (`..Default::default()`
/// would send an empty string the page requires to be given).
fn defaultable_objects(spec: &Spec) -> HashSet<&str> {
    spec.objects
        .iter()
        .filter(|o| o.fields.iter().all(|f| !f.required))
        .map(|o| o.name.value.as_str())
        .collect()
}

/// An enum with one variant per value and an `Unknown` fallback. Its conversions and serde
/// impls are the runtime's (`value_enum!`, generic over `ValueEnum`); `doc` says where the
/// values are used (the description is there, not repeated here).
fn emit_enum(
    cx: &Cx<'_>,
    name: &str,
    field: &Field,
    enumeration: &Enumeration,
    doc: &str,
) -> TokenStream {
    let rt = &cx.rt;
    let name = ident(name);
    let doc = docs::attrs(doc);
    let variants: Vec<Ident> = enumeration
        .values
        .iter()
        .map(|v| ident(&naming::variant_name(v)))
        .collect();
    let variant_docs = enumeration.values.iter().map(|v| {
        let wire = match &v.value.value {
            Literal::String(s) => s.clone(),
            other => other.to_string(),
        };
        let text = match &v.description {
            Some(d) => format!("`{wire}`: {d}"),
            None => format!("`{wire}`"),
        };
        docs::attrs(&text)
    });
    let (derive_copy, wire_type, unknown, values) =
        if matches!(field.schema.ty.value.enum_base(), TypeExpr::String) {
            let values = enumeration.values.iter().map(|v| match &v.value.value {
                Literal::String(s) => quote!(#s),
                other => {
                    let s = other.to_string();
                    quote!(#s)
                }
            });
            (
                None,
                quote!(str),
                quote!(#rt::UnknownValue),
                values.collect::<Vec<_>>(),
            )
        } else {
            let values = enumeration.values.iter().map(|v| match &v.value.value {
                Literal::Number(Number::Integer(i)) => {
                    let i = proc_macro2::Literal::i64_unsuffixed(*i);
                    quote!(#i)
                }
                _ => quote!(0),
            });
            (
                Some(quote!(Copy,)),
                quote!(i64),
                quote!(#rt::UnknownValue<i64>),
                values.collect(),
            )
        };
    quote! {
        #doc
        #[derive(Debug, Clone, #derive_copy PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variant_docs #variants,)*
            /// A value this client does not know, kept as received.
            Unknown(#unknown),
        }
        #rt::value_enum!(#name: #wire_type { #(#variants = #values),* });
    }
}

#[cfg(test)]
mod tests {
    use apigw_spec::{Spec, naming};

    use super::shared_doc;
    use crate::SharedTypes;

    /// An operation `id` answering `{vpc: Vpc}`, whose `Vpc.id` is of type `ty`.
    fn spec(id: &str, ty: &str) -> Spec {
        let text = format!(
            "[operation]\nid = \"{id}\"\nmethod = \"GET\"\npath = \"/{id}\"\n\n\
             [response.200]\nbody = \"{id}Response\"\n\n\
             [object.{id}Response.vpc]\ntype = \"Vpc\"\n\n[object.Vpc.id]\ntype = \"{ty}\"\n"
        );
        apigw_spec::load("s.toml", &text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_shared_types_doc_says_what_pages_call_it_and_which_methods_use_it() {
        let mut specs: Vec<Spec> = (0..10)
            .map(|i| spec(&format!("ShowVpc{i}"), "String"))
            .collect();
        specs.push(spec("UpdateVpc", "Integer"));
        let shared = SharedTypes::find(&specs);

        // Every page calls the first shape `Vpc`; ten operations use it, eight are listed.
        let doc = shared_doc(&shared, "Vpc");
        let first = naming::method_name(&specs[0]);
        assert!(
            doc.contains(&format!(
                "Used by [`Client::{first}`](crate::Client::{first})"
            )),
            "{doc}"
        );
        assert!(doc.ends_with(" and 2 more."), "{doc}");
        assert!(!doc.contains("call it"), "{doc}");

        // The second shape took another name: the doc says what its page calls it.
        let doc = shared_doc(&shared, "VpcForUpdate");
        assert!(doc.contains("which call it `Vpc`"), "{doc}");
        let update = naming::method_name(&specs[10]);
        assert!(doc.contains(&format!("[`Client::{update}`]")), "{doc}");
        assert!(!doc.contains("more"), "{doc}");
    }
}
