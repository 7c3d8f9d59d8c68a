//! The request builder of an operation and the client method that starts it.

use apigw_spec::naming::builder::{BUILD, CLIENT, SEND};
use apigw_spec::naming::materialized_enum;
use apigw_spec::{BodyEncoding, Number, Param, ParamLocation, TypeExpr, naming};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::idents::{ident, param_ident};
use crate::response::{success_decoder, success_type};
use crate::types::field_type;
use crate::{Cx, docs};

/// The Rust type of a parameter: its enum where the values are enumerated, the runtime's
/// `SecretString` where it holds a secret (`apigw_spec::secret`: a token header, say), so that
/// the builder's `Debug` does not show it.
fn param_type(cx: &Cx<'_>, param: &Param) -> TokenStream {
    if is_secret(param) {
        let rt = &cx.rt;
        return quote!(#rt::SecretString);
    }
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

/// Whether the parameter holds a secret.
fn is_secret(param: &Param) -> bool {
    apigw_spec::secret::is_secret(&param.field)
}

/// Whether the parameter is a plain string (no enumeration).
fn is_plain_string(param: &Param) -> bool {
    param.field.schema.ty.value == TypeExpr::String
        && materialized_enum(&param.field.schema).is_none()
}

/// `impl Into<String>` for plain strings, the type itself otherwise.
fn argument_type(cx: &Cx<'_>, param: &Param) -> TokenStream {
    if is_plain_string(param) {
        let (into, string) = (cx.prelude("Into"), cx.prelude("String"));
        quote!(impl #into<#string>)
    } else {
        param_type(cx, param)
    }
}

/// The value stored for an argument of [`argument_type`].
fn argument_conversion(cx: &Cx<'_>, param: &Param, name: &Ident) -> TokenStream {
    let rt = &cx.rt;
    if is_secret(param) {
        quote!(#rt::SecretString::new(#name))
    } else if is_plain_string(param) {
        quote!(#name.into())
    } else {
        quote!(#name)
    }
}

pub(crate) fn builder_ident(cx: &Cx<'_>) -> Ident {
    ident(&naming::builder_name(cx.spec))
}

/// The builder struct, its setters, `build` and `send` (and `more` methods: paging's).
pub(crate) fn emit_builder(cx: &Cx<'_>, more: TokenStream) -> TokenStream {
    let rt = &cx.rt;
    let spec = cx.spec;
    let op = &spec.operation;
    let builder = builder_ident(cx);
    let error = ident(&naming::error_name(spec));
    // The builder's own items, named as the checker reserves them.
    let (client, build, send) = (ident(CLIENT), ident(BUILD), ident(SEND));
    let op_id = &op.id.value;
    let option = cx.prelude("Option");
    let result = cx.prelude("Result");

    let required: Vec<&Param> = required_params(cx).collect();
    let optional: Vec<&Param> = optional_params(cx).collect();
    let body = spec.body.as_ref();
    let body_type = body.map(|b| crate::types::rust_type(cx, &b.ty.value));

    let mut fields = Vec::new();
    for param in &required {
        let name = param_ident(spec, param);
        let ty = param_type(cx, param);
        fields.push(quote!(#name: #ty,));
    }
    for param in &optional {
        let name = param_ident(spec, param);
        let ty = param_type(cx, param);
        fields.push(quote!(#name: #option<#ty>,));
    }
    match (body, &body_type) {
        (Some(b), Some(ty)) if b.required => fields.push(quote!(body: #ty,)),
        (Some(_), Some(ty)) => fields.push(quote!(body: #option<#ty>,)),
        _ => {}
    }

    let setters = optional.iter().map(|param| {
        let name = param_ident(spec, param);
        let doc = docs::attrs(&docs::field_doc(&param.field));
        let ty = argument_type(cx, param);
        let value = argument_conversion(cx, param, &name);
        quote! {
            #doc
            pub fn #name(mut self, #name: #ty) -> Self {
                self.#name = Some(#value);
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
                    self.body = Some(body);
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
        let name = param_ident(spec, p);
        if p.from_client.is_some() {
            quote!((#wire, self.#client.project_id()))
        } else if is_secret(p) {
            quote!((#wire, self.#name.expose()))
        } else if p.field.schema.ty.value == TypeExpr::String {
            // A plain string, or a string enum: both have `as_str`.
            quote!((#wire, self.#name.as_str()))
        } else {
            let local = format_ident!("{}_text", naming::param_name(spec, p));
            path_lets.push(quote!(let #local = ::std::string::ToString::to_string(&self.#name);));
            quote!((#wire, #local.as_str()))
        }
    });
    let path_values: Vec<TokenStream> = path_values.collect();

    let queries: Vec<TokenStream> = spec
        .params
        .iter()
        .filter(|p| p.is_caller_supplied() && p.location != ParamLocation::Path)
        .map(|p| emit_send_param(spec, p))
        .collect();

    let body_statement = body.map(|b| {
        let set = |body: TokenStream| match b.encoding {
            BodyEncoding::Json => quote!(request.json_body(#body)?;),
            BodyEncoding::Form => quote!(request.multipart_body(&#body.to_form());),
        };
        if b.required {
            set(quote!(&self.body))
        } else {
            let set = set(quote!(body));
            quote! {
                if let Some(body) = &self.body {
                    #set
                }
            }
        }
    });
    let mutable = (!queries.is_empty() || body_statement.is_some()).then(|| quote!(mut));

    let success = success_type(cx);
    let decoder = success_decoder(cx);
    let rt_path = cx.rt_doc_path();
    let send_doc = docs::attrs(&format!(
        "Sends the request and decodes the response. Errors: [`Error::Build`]({rt_path}::Error::Build) before sending when a value is out of its documented limits; [`Error::Service`]({rt_path}::Error::Service) with the documented error for an error status; [`Error::Transport`]({rt_path}::Error::Transport) and [`Error::Decode`]({rt_path}::Error::Decode) when no usable response arrived."
    ));
    let builder_doc = docs::attrs(&format!(
        "A `{op_id}` request, from the client's `{}` method: set optional parameters, then `.{SEND}().await`.",
        naming::method_name(spec)
    ));
    let must_use = format!("a request does nothing until it is sent with `.{SEND}().await`");

    quote! {
        #builder_doc
        #[derive(Debug, Clone)]
        #[must_use = #must_use]
        pub struct #builder {
            #client: #rt::Client,
            #(#fields)*
        }

        impl #builder {
            #(#setters)*
            #body_setter

            /// Checks the documented limits and path values and encodes the request, without sending it.
            pub fn #build(&self) -> #result<#rt::Request, #rt::BuildError> {
                #(#checks)*
                #(#path_lets)*
                let #mutable request = #rt::Request::new(&META, &[#(#path_values),*])?;
                #(#queries)*
                #body_statement
                Ok(request)
            }

            #send_doc
            pub async fn #send(self) -> #result<#rt::Response<#success>, #rt::Error<#error>> {
                self.#client.send(self.#build(), #decoder).await
            }

            #more
        }
    }
}

/// Range and length checks of one parameter (the runtime skips a parameter that is not set).
fn emit_checks(cx: &Cx<'_>, param: &Param) -> TokenStream {
    let rt = &cx.rt;
    let schema = &param.field.schema;
    let wire = &param.field.name.value;
    let name = param_ident(cx.spec, param);
    let mut checks = TokenStream::new();
    // An enumerated value is one of its values (its type is their enum): a range or a length
    // the page states beside them holds of every value, and there is nothing to check but an
    // array's length.
    let enumerated = materialized_enum(schema).is_some();
    let array = matches!(schema.ty.value, TypeExpr::Array(_));
    if !enumerated && (schema.minimum.is_some() || schema.maximum.is_some()) {
        let bound = |n: &Option<apigw_spec::Spanned<Number>>| match n.as_ref().map(|n| n.value) {
            None => quote!(None),
            Some(n) => {
                let v = match schema.ty.value {
                    TypeExpr::Integer => proc_macro2::Literal::i32_unsuffixed(n.as_f64() as i32),
                    TypeExpr::Long => proc_macro2::Literal::i64_unsuffixed(n.as_f64() as i64),
                    _ => proc_macro2::Literal::f64_unsuffixed(n.as_f64()),
                };
                quote!(Some(#v))
            }
        };
        let (min, max) = (bound(&schema.minimum), bound(&schema.maximum));
        checks.extend(quote!(#rt::check_range(#wire, self.#name, #min, #max)?;));
    }
    if (!enumerated || array) && (schema.min_length.is_some() || schema.max_length.is_some()) {
        let opt = |n: &Option<apigw_spec::Spanned<u64>>| match n.as_ref().map(|n| n.value) {
            None => quote!(None),
            Some(v) => {
                let v = proc_macro2::Literal::u64_unsuffixed(v);
                quote!(Some(#v))
            }
        };
        let (min, max) = (opt(&schema.min_length), opt(&schema.max_length));
        checks.extend(quote!(#rt::check_length(#wire, #rt::length(&self.#name), #min, #max)?;));
    }
    checks
}

/// Adds one query parameter or header to the request, if it was set. Query values of every
/// type (optional or not, arrays, enums) are encoded by the runtime's `QueryValue`.
fn emit_send_param(spec: &apigw_spec::Spec, param: &Param) -> TokenStream {
    let wire = &param.field.name.value;
    let name = param_ident(spec, param);
    if param.location != ParamLocation::Header {
        return quote!(request.query(#wire, &self.#name););
    }
    let set = if is_secret(param) {
        quote!(request.secret_header(#wire, value);)
    } else if is_plain_string(param) {
        quote!(request.header(#wire, value.as_str());)
    } else {
        quote!(request.header(#wire, ::std::string::ToString::to_string(value));)
    };
    if is_argument(param) {
        quote! { { let value = &self.#name; #set } }
    } else {
        quote! {
            if let Some(value) = &self.#name {
                #set
            }
        }
    }
}

/// `impl Client { pub fn operation(&self, required...) -> Builder }`, inside the operation's
/// module (so it builds the request directly). Its doc is the summary, the method and path
/// and the arguments; the description is the module's.
pub(crate) fn emit_client_method(cx: &Cx<'_>, module: &Ident, client: &TokenStream) -> TokenStream {
    let rt = &cx.rt;
    let spec = cx.spec;
    let op = &spec.operation;
    let method = ident(&naming::method_name(spec));
    let builder = builder_ident(cx);
    let required: Vec<&Param> = required_params(cx).collect();
    let args = required.iter().map(|p| {
        let name = param_ident(spec, p);
        let ty = argument_type(cx, p);
        quote!(#name: #ty)
    });
    let mut inits: Vec<TokenStream> = required
        .iter()
        .map(|p| {
            let name = param_ident(spec, p);
            if is_secret(p) || is_plain_string(p) {
                let value = argument_conversion(cx, p, &name);
                quote!(#name: #value)
            } else {
                quote!(#name)
            }
        })
        .collect();
    inits.extend(optional_params(cx).map(|p| {
        let name = param_ident(spec, p);
        quote!(#name: None)
    }));
    let body_arg = match &spec.body {
        Some(b) if b.required => {
            let ty = crate::types::rust_type(cx, &b.ty.value);
            inits.push(quote!(body));
            Some(quote!(body: #ty))
        }
        Some(_) => {
            inits.push(quote!(body: None));
            None
        }
        None => None,
    };
    let mut doc = format!(
        "{}\n\n`{} {}`: see [`{module}`](self) for the description; optional parameters are set on the returned [`{builder}`].",
        op.summary.as_deref().unwrap_or(&op.id.value),
        op.method.value.as_str(),
        op.path.raw
    );
    let arg_docs: Vec<String> = required
        .iter()
        .map(|p| {
            let d = docs::field_doc(&p.field).replace('\n', " ");
            format!("- `{}`: {}", naming::param_name(spec, p), d)
        })
        .collect();
    if !arg_docs.is_empty() {
        doc.push_str(&format!(" Arguments:\n{}", arg_docs.join("\n")));
    }
    let doc = docs::attrs(&doc);
    // Past clippy's limit (7 with `&self`) only.
    let allow = (args.len() + usize::from(body_arg.is_some()) > 6).then(|| {
        quote!(#[allow(clippy::too_many_arguments, reason = "one argument per required parameter, as the reference lists them")])
    });
    let as_ref = cx.prelude("AsRef");
    let client_field = ident(CLIENT);
    let deprecated = op
        .deprecated
        .as_deref()
        .map(|note| quote!(#[deprecated(note = #note)]));
    quote! {
        impl #client {
            #doc
            #allow
            #deprecated
            pub fn #method(&self, #(#args,)* #body_arg) -> #builder {
                #builder {
                    #client_field: #as_ref::<#rt::Client>::as_ref(self).clone(),
                    #(#inits,)*
                }
            }
        }
    }
}
