//! The request builder of an operation and the client method that starts it.

use apigw_spec::check::materialized_enum;
use apigw_spec::naming::builder::{BUILD, CLIENT, NEW, SEND};
use apigw_spec::{
    BodyEncoding, Method, Number, Param, ParamLocation, PathSegment, TypeExpr, naming,
};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::idents::{ident, snake};
use crate::response::success_type;
use crate::types::field_type;
use crate::{Cx, docs};

/// The Rust type of a parameter (its enum where the values are enumerated).
fn param_type(cx: &Cx<'_>, param: &Param) -> TokenStream {
    let enum_name =
        materialized_enum(&param.field.schema).map(|e| naming::param_enum_name(param, e));
    field_type(cx, &param.field, enum_name.as_deref())
}

/// Whether the caller passes this parameter to the client method (caller-supplied path
/// parameters and required query parameters or headers) rather than through a setter.
pub(crate) fn is_argument(param: &Param) -> bool {
    param.is_caller_supplied() && (param.location == ParamLocation::Path || param.field.required)
}

/// Required arguments of the client method, in spec order.
fn required_params<'a>(cx: &'a Cx<'_>) -> impl Iterator<Item = &'a Param> {
    cx.spec.params.iter().filter(|p| is_argument(p))
}

/// Parameters set through the builder's setters, in spec order.
fn optional_params<'a>(cx: &'a Cx<'_>) -> impl Iterator<Item = &'a Param> {
    cx.spec
        .params
        .iter()
        .filter(|p| p.is_caller_supplied() && !is_argument(p))
}

/// Whether the parameter is a plain string (no enumeration).
fn is_plain_string(param: &Param) -> bool {
    param.field.schema.ty.value == TypeExpr::String
        && materialized_enum(&param.field.schema).is_none()
}

/// The parameter's type as seen from outside the operation's module.
fn qualified_param_type(cx: &Cx<'_>, param: &Param, module: &Ident) -> TokenStream {
    match materialized_enum(&param.field.schema).map(|e| ident(&naming::param_enum_name(param, e)))
    {
        Some(name) if matches!(param.field.schema.ty.value, TypeExpr::Array(_)) => {
            quote!(::std::vec::Vec<#module::#name>)
        }
        Some(name) => quote!(#module::#name),
        None => param_type(cx, param),
    }
}

/// `impl Into<String>` for plain strings, the type itself otherwise.
fn argument_type(cx: &Cx<'_>, param: &Param, module: Option<&Ident>) -> TokenStream {
    if is_plain_string(param) {
        quote!(impl ::core::convert::Into<::std::string::String>)
    } else if let Some(module) = module {
        qualified_param_type(cx, param, module)
    } else {
        param_type(cx, param)
    }
}

fn argument_conversion(param: &Param, name: &Ident) -> TokenStream {
    if is_plain_string(param) {
        quote!(#name.into())
    } else {
        quote!(#name)
    }
}

pub(crate) fn builder_ident(cx: &Cx<'_>) -> Ident {
    ident(&naming::builder_name(cx.spec))
}

/// The builder struct, its setters, `build` and `send`.
pub(crate) fn emit_builder(cx: &Cx<'_>) -> TokenStream {
    let rt = cx.rt;
    let spec = cx.spec;
    let op = &spec.operation;
    let builder = builder_ident(cx);
    let error = ident(&naming::error_name(spec));
    // The builder's own items, named as the checker reserves them.
    let (client, new, build, send) = (ident(CLIENT), ident(NEW), ident(BUILD), ident(SEND));
    let op_id = &op.id.value;
    let path = &op.path.raw;
    // The template's pieces, read by the spec parser, become a constant: nothing is parsed
    // at run time.
    let path_segments = op.path.segments.iter().map(|segment| match segment {
        PathSegment::Literal(text) => quote!(#rt::PathSegment::Literal(#text)),
        PathSegment::Param(name) => {
            let name = &name.value;
            quote!(#rt::PathSegment::Param(#name))
        }
    });
    let method = match op.method.value {
        Method::Get => quote!(GET),
        Method::Post => quote!(POST),
        Method::Put => quote!(PUT),
        Method::Patch => quote!(PATCH),
        Method::Delete => quote!(DELETE),
        Method::Head => quote!(HEAD),
        Method::Options => quote!(OPTIONS),
    };

    let required: Vec<&Param> = required_params(cx).collect();
    let optional: Vec<&Param> = optional_params(cx).collect();
    let body = spec.body.as_ref();
    let body_type = body.map(|b| crate::types::rust_type(cx, &b.ty.value));

    let mut fields = Vec::new();
    for param in &required {
        let name = snake(&param.field.name.value);
        let ty = param_type(cx, param);
        fields.push(quote!(#name: #ty,));
    }
    for param in &optional {
        let name = snake(&param.field.name.value);
        let ty = param_type(cx, param);
        fields.push(quote!(#name: ::core::option::Option<#ty>,));
    }
    match (body, &body_type) {
        (Some(b), Some(ty)) if b.required => fields.push(quote!(body: #ty,)),
        (Some(_), Some(ty)) => fields.push(quote!(body: ::core::option::Option<#ty>,)),
        _ => {}
    }

    let new_args = required.iter().map(|p| {
        let name = snake(&p.field.name.value);
        let ty = param_type(cx, p);
        quote!(#name: #ty)
    });
    let new_body_arg = match (body, &body_type) {
        (Some(b), Some(ty)) if b.required => Some(quote!(body: #ty,)),
        _ => None,
    };
    let new_inits = required.iter().map(|p| snake(&p.field.name.value));
    let new_optional_inits = optional.iter().map(|p| {
        let name = snake(&p.field.name.value);
        quote!(#name: ::core::option::Option::None,)
    });
    let new_body_init = match body {
        Some(b) if b.required => Some(quote!(body,)),
        Some(_) => Some(quote!(body: ::core::option::Option::None,)),
        None => None,
    };

    let setters = optional.iter().map(|param| {
        let name = snake(&param.field.name.value);
        let doc = docs::attrs(&docs::field_doc(&param.field));
        let ty = argument_type(cx, param, None);
        let value = argument_conversion(param, &name);
        quote! {
            #doc
            pub fn #name(mut self, #name: #ty) -> Self {
                self.#name = ::core::option::Option::Some(#value);
                self
            }
        }
    });
    let body_setter = match (body, &body_type) {
        (Some(b), Some(ty)) if !b.required => {
            let doc = docs::attrs(b.description.as_deref().unwrap_or("The request body."));
            Some(quote! {
                #doc
                pub fn body(mut self, body: #ty) -> Self {
                    self.body = ::core::option::Option::Some(body);
                    self
                }
            })
        }
        _ => None,
    };

    let checks = spec
        .params
        .iter()
        .filter(|p| p.is_caller_supplied())
        .map(|p| emit_checks(cx, p));

    // Path parameters: strings are borrowed, other types are formatted first.
    let mut path_lets = Vec::new();
    let path_values = spec.params_in(ParamLocation::Path).map(|p| {
        let wire = &p.field.name.value;
        let name = snake(wire);
        if p.from_client.is_some() {
            quote!((#wire, self.#client.project_id()))
        } else if p.field.schema.ty.value == TypeExpr::String {
            // A plain string, or a string enum: both have `as_str`.
            quote!((#wire, self.#name.as_str()))
        } else {
            let local = format_ident!("{}_text", naming::snake(wire));
            path_lets.push(quote!(let #local = ::std::string::ToString::to_string(&self.#name);));
            quote!((#wire, #local.as_str()))
        }
    });
    let path_values: Vec<TokenStream> = path_values.collect();

    let queries = spec
        .params
        .iter()
        .filter(|p| p.is_caller_supplied() && p.location != ParamLocation::Path)
        .map(emit_send_param);

    let body_statement = body.map(|b| {
        let set = match b.encoding {
            BodyEncoding::Json => quote!(request.json_body(body)?;),
            BodyEncoding::Form => quote!(request.multipart_body(&body.to_form());),
        };
        if b.required {
            quote! { let body = &self.body; #set }
        } else {
            quote! {
                if let ::core::option::Option::Some(body) = &self.body {
                    #set
                }
            }
        }
    });

    let success = success_type(cx);
    let rt_path = cx.rt_path();
    let send_doc = docs::attrs(&format!(
        "Sends the request and decodes the response.\n\n# Errors\n[`Error::Build`]({rt_path}::Error::Build) before sending when a value is out of its documented limits; [`Error::Service`]({rt_path}::Error::Service) with the documented error for an error status; [`Error::Transport`]({rt_path}::Error::Transport) and [`Error::Decode`]({rt_path}::Error::Decode) when no usable response arrived."
    ));
    let builder_doc = docs::attrs(&format!(
        "A `{op_id}` request, ready to be sent with [`{SEND}`]({builder}::{SEND}).\n\nStart it with the client's `{}` method, set optional parameters, then `.{SEND}().await`.",
        naming::method_name(spec)
    ));
    let must_use = format!("a request does nothing until it is sent with `.{SEND}().await`");

    quote! {
        static OPERATION: #rt::OperationMeta = #rt::OperationMeta {
            id: #op_id,
            method: #rt::Method::#method,
            path: #rt::PathTemplate::new(#path, &[#(#path_segments),*]),
        };

        #builder_doc
        #[derive(::core::fmt::Debug, ::core::clone::Clone)]
        #[must_use = #must_use]
        pub struct #builder {
            #client: #rt::Client,
            #(#fields)*
        }

        impl #builder {
            // One argument per required parameter, as the reference lists them.
            #[allow(clippy::too_many_arguments)]
            pub(crate) fn #new(#client: #rt::Client, #(#new_args,)* #new_body_arg) -> Self {
                Self {
                    #client,
                    #(#new_inits,)*
                    #(#new_optional_inits)*
                    #new_body_init
                }
            }

            #(#setters)*
            #body_setter

            /// Checks the documented limits and encodes the request, without sending it.
            ///
            /// # Errors
            /// A value outside its documented range or length, or a path value that would
            /// change the path (empty, `.` or `..`).
            pub fn #build(&self) -> ::core::result::Result<#rt::Request, #rt::BuildError> {
                #(#checks)*
                #(#path_lets)*
                #[allow(unused_mut)]
                let mut request = #rt::Request::new(&OPERATION, &[#(#path_values),*])?;
                #(#queries)*
                #body_statement
                ::core::result::Result::Ok(request)
            }

            #send_doc
            pub async fn #send(self) -> ::core::result::Result<#rt::Response<#success>, #rt::Error<#error>> {
                let request = self.#build()?;
                let raw = self.#client.execute(request).await?;
                decode(raw)
            }
        }
    }
}

/// Range and length checks of one parameter.
fn emit_checks(cx: &Cx<'_>, param: &Param) -> TokenStream {
    let rt = cx.rt;
    let schema = &param.field.schema;
    let wire = &param.field.name.value;
    let name = snake(wire);
    let is_required = is_argument(param);
    let mut checks = Vec::new();
    if schema.minimum.is_some() || schema.maximum.is_some() {
        let bound = |n: &Option<apigw_spec::Spanned<Number>>| match n.as_ref().map(|n| n.value) {
            None => quote!(::core::option::Option::None),
            Some(n) => match schema.ty.value {
                TypeExpr::Integer => {
                    let v = n.as_f64() as i32;
                    quote!(::core::option::Option::Some(#v))
                }
                TypeExpr::Long => {
                    let v = n.as_f64() as i64;
                    quote!(::core::option::Option::Some(#v))
                }
                _ => {
                    let v = n.as_f64();
                    quote!(::core::option::Option::Some(#v))
                }
            },
        };
        let (min, max) = (bound(&schema.minimum), bound(&schema.maximum));
        checks.push(quote!(#rt::check_range(#wire, *value, #min, #max)?;));
    }
    if schema.min_length.is_some() || schema.max_length.is_some() {
        let opt = |n: &Option<apigw_spec::Spanned<u64>>| match n.as_ref().map(|n| n.value) {
            None => quote!(::core::option::Option::None),
            Some(v) => quote!(::core::option::Option::Some(#v)),
        };
        let (min, max) = (opt(&schema.min_length), opt(&schema.max_length));
        let length = if matches!(schema.ty.value, TypeExpr::Array(_)) {
            quote!(value.len())
        } else {
            quote!(value.chars().count())
        };
        checks.push(quote!(#rt::check_length(#wire, #length, #min, #max)?;));
    }
    if checks.is_empty() {
        return TokenStream::new();
    }
    if is_required {
        quote! { { let value = &self.#name; #(#checks)* } }
    } else {
        quote! {
            if let ::core::option::Option::Some(value) = &self.#name {
                #(#checks)*
            }
        }
    }
}

/// Adds one query parameter or header to the request, if it was set.
fn emit_send_param(param: &Param) -> TokenStream {
    let wire = &param.field.name.value;
    let name = snake(wire);
    let is_enum = materialized_enum(&param.field.schema).is_some();
    let is_array = matches!(param.field.schema.ty.value, TypeExpr::Array(_));
    let is_string_enum =
        is_enum && matches!(param.field.schema.ty.value.enum_base(), TypeExpr::String);
    let item_value = |v: TokenStream| -> TokenStream {
        if is_string_enum {
            quote!(#v.as_str())
        } else if is_enum {
            quote!(#v.value())
        } else {
            v
        }
    };
    let add = match param.location {
        ParamLocation::Header => {
            let header = quote!(value);
            let text = if is_plain_string(param) {
                quote!(#header.as_str())
            } else {
                quote!(::std::string::ToString::to_string(#header))
            };
            quote!(request.header(#wire, #text);)
        }
        _ if is_array => {
            let item = item_value(quote!(item));
            quote! {
                for item in value.iter() {
                    request.query(#wire, #item);
                }
            }
        }
        _ => {
            let v = item_value(quote!(value));
            if is_enum || is_plain_string(param) {
                quote!(request.query(#wire, #v);)
            } else {
                quote!(request.query(#wire, *#v);)
            }
        }
    };
    let is_required = is_argument(param);
    if is_required {
        quote! { { let value = &self.#name; #add } }
    } else {
        quote! {
            if let ::core::option::Option::Some(value) = &self.#name {
                #add
            }
        }
    }
}

/// `impl Client { pub fn operation(&self, required...) -> Builder }`.
pub(crate) fn emit_client_method(cx: &Cx<'_>, module: &Ident, client: &TokenStream) -> TokenStream {
    let rt = cx.rt;
    let spec = cx.spec;
    let op = &spec.operation;
    let method = ident(&naming::method_name(spec));
    let builder = builder_ident(cx);
    let new = ident(NEW);
    let required: Vec<&Param> = required_params(cx).collect();
    let args = required.iter().map(|p| {
        let name = snake(&p.field.name.value);
        let ty = argument_type(cx, p, Some(module));
        quote!(#name: #ty)
    });
    let values = required
        .iter()
        .map(|p| argument_conversion(p, &snake(&p.field.name.value)));
    let (body_arg, body_value) = match &spec.body {
        Some(b) if b.required => {
            let ty = crate::types::rust_type_in(cx, &b.ty.value, &quote!(#module::));
            (Some(quote!(body: #ty)), Some(quote!(body)))
        }
        _ => (None, None),
    };
    let mut doc = format!("{}\n", op.summary.as_deref().unwrap_or(&op.id.value));
    if let Some(description) = &op.description {
        doc.push_str(&format!("\n{description}\n"));
    }
    doc.push_str(&format!(
        "\n`{} {}`\n",
        op.method.value.as_str(),
        op.path.raw
    ));
    let arg_docs: Vec<String> = required
        .iter()
        .map(|p| {
            let d = docs::field_doc(&p.field).replace('\n', " ");
            format!("- `{}`: {}", naming::snake(&p.field.name.value), d)
        })
        .collect();
    if !arg_docs.is_empty() {
        doc.push_str(&format!("\n# Arguments\n{}\n", arg_docs.join("\n")));
    }
    doc.push_str(&format!(
        "\nOptional parameters are set on the returned [`{builder}`]({module}::{builder}); `.{SEND}().await` sends it."
    ));
    let doc = docs::attrs(&doc);
    quote! {
        impl #client {
            #doc
            #[allow(clippy::too_many_arguments)]
            pub fn #method(&self, #(#args,)* #body_arg) -> #module::#builder {
                #module::#builder::#new(
                    ::core::clone::Clone::clone(::core::convert::AsRef::<#rt::Client>::as_ref(self)),
                    #(#values,)*
                    #body_value
                )
            }
        }
    }
}
