//! The success type, the enum of documented error statuses, and the status → result mapping.

use apigw_spec::{TypeExpr, naming};
use proc_macro2::TokenStream;
use quote::quote;

use crate::idents::ident;
use crate::types::rust_type;
use crate::{Cx, docs};

/// The type of a successful response's body (`()` when the success status has no body).
pub(crate) fn success_type(cx: &Cx<'_>) -> TokenStream {
    match cx
        .spec
        .success_responses()
        .next()
        .and_then(|r| r.body.as_ref())
    {
        Some(body) if body.value == TypeExpr::File => {
            let rt = cx.rt;
            quote!(#rt::Bytes)
        }
        Some(body) => rust_type(cx, &body.value),
        None => quote!(()),
    }
}

/// `enum {Op}Error { BadRequest(ErrorResponse), ..., Unhandled }`.
pub(crate) fn emit_error_enum(cx: &Cx<'_>) -> TokenStream {
    let spec = cx.spec;
    let name = ident(&naming::error_name(spec));
    let variants = spec.error_responses().map(|response| {
        let variant = ident(&naming::status_variant(response.status.value));
        let mut doc = format!(
            "**{}** {}",
            response.status.value,
            response.description.as_deref().unwrap_or("")
        );
        if let Some(example) = response.examples.first() {
            doc.push_str(&format!(
                "\n\nExample body:\n```json\n{}\n```",
                example.json.value.trim()
            ));
        }
        let doc = docs::attrs(doc.trim_end());
        match &response.body {
            Some(body) => {
                let ty = rust_type(cx, &body.value);
                quote!(#doc #variant(#ty),)
            }
            None => quote!(#doc #variant,),
        }
    });
    let doc = docs::attrs(&format!(
        "The documented error statuses of `{}`, each with its decoded body.\n\nFound in [`ServiceError::kind`]({rt}::ServiceError::kind); status, `error_code`, `error_msg` and the request id are on the [`ServiceError`]({rt}::ServiceError) itself.",
        spec.operation.id.value,
        rt = cx.rt_path()
    ));
    let rt = cx.rt;
    let serde_crate = format!("{}::__private::serde", cx.rt_path());
    quote! {
        #doc
        ///
        /// Serializes as the decoded body (`null` for `Unhandled` and statuses without a body).
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq, #rt::__private::serde::Serialize)]
        #[serde(crate = #serde_crate, untagged)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A status the reference does not document, or an error body that does not match
            /// its documentation; the body's start is in `ServiceError::body_excerpt`.
            Unhandled,
        }
    }
}

/// `fn decode(raw) -> Result<Response<T>, Error<E>>`: any 2xx decodes as the success body; a
/// documented error status decodes its typed body; anything else is `Unhandled`.
pub(crate) fn emit_decode(cx: &Cx<'_>) -> TokenStream {
    let rt = cx.rt;
    let spec = cx.spec;
    let error = ident(&naming::error_name(spec));
    let success = success_type(cx);
    let success_arm = match spec
        .success_responses()
        .next()
        .and_then(|r| r.body.as_ref())
    {
        Some(body) if body.value == TypeExpr::File => {
            quote!(200..=299 => ::core::result::Result::Ok(raw.bytes()),)
        }
        Some(_) => quote!(200..=299 => ::core::result::Result::Ok(raw.json()?),),
        None => quote!(200..=299 => ::core::result::Result::Ok(raw.empty()),),
    };
    let error_arms = spec.error_responses().map(|response| {
        let status = response.status.value;
        let variant = ident(&naming::status_variant(status));
        match &response.body {
            Some(_) => quote!(#status => ::core::result::Result::Err(raw.documented_error(#error::#variant, #error::Unhandled)),),
            None => quote!(#status => ::core::result::Result::Err(raw.error(#error::#variant)),),
        }
    });
    let reencode_body = match &spec.body {
        Some(body) if body.encoding == apigw_spec::BodyEncoding::Json => {
            let ty = rust_type(cx, &body.ty.value);
            quote!(::core::option::Option::Some(#rt::dynamic::reencode::<#ty>))
        }
        _ => quote!(::core::option::Option::None),
    };
    let spec_source = cx.spec_source;
    let dynamic_doc = docs::attrs(&format!(
        "This operation for tools that treat every operation alike (see [`DynOperation`]({}::DynOperation)).",
        cx.rt_path()
    ));
    quote! {
        #dynamic_doc
        pub static DYNAMIC: #rt::DynOperation = #rt::DynOperation {
            meta: &OPERATION,
            decode: decode_dynamic,
            reencode_body: #reencode_body,
            spec: #spec_source,
        };

        #[allow(clippy::result_large_err)] // the same `Error` as `send()` returns
        fn decode_dynamic(raw: #rt::RawResponse) -> ::core::result::Result<#rt::Response<#rt::__private::serde_json::Value>, #rt::Error<#rt::__private::serde_json::Value>> {
            #rt::dynamic::erase(decode(raw))
        }

        fn decode(raw: #rt::RawResponse) -> ::core::result::Result<#rt::Response<#success>, #rt::Error<#error>> {
            match raw.status() {
                #success_arm
                #(#error_arms)*
                _ => ::core::result::Result::Err(raw.error(#error::Unhandled)),
            }
        }
    }
}
