//! The success type, the enum of documented error statuses (and which status is which), and
//! the operation's `DYNAMIC` description. Decoding itself is the runtime's
//! (`apigw_runtime::decode`).

use apigw_spec::{Method, PathSegment, TypeExpr, naming};
use proc_macro2::TokenStream;
use quote::quote;

use crate::idents::ident;
use crate::types::rust_type;
use crate::{Cx, docs};

/// How the success body is decoded: its Rust type, if any, and whether it is a file.
enum Success {
    Json(TokenStream),
    File,
    Empty,
}

fn success(cx: &Cx<'_>) -> Success {
    match cx
        .spec
        .success_responses()
        .next()
        .and_then(|r| r.body.as_ref())
    {
        Some(body) if body.value == TypeExpr::File => Success::File,
        Some(body) => Success::Json(rust_type(cx, &body.value)),
        None => Success::Empty,
    }
}

/// The type of a successful response's body (`()` when the success status has no body).
pub(crate) fn success_type(cx: &Cx<'_>) -> TokenStream {
    let rt = &cx.rt;
    match success(cx) {
        Success::Json(ty) => ty,
        Success::File => quote!(#rt::Bytes),
        Success::Empty => quote!(()),
    }
}

/// The runtime function that decodes the success body (`rt::decode::json`, `empty`, `file`).
pub(crate) fn success_decoder(cx: &Cx<'_>) -> TokenStream {
    let rt = &cx.rt;
    match success(cx) {
        Success::Json(_) => quote!(#rt::decode::json),
        Success::File => quote!(#rt::decode::file),
        Success::Empty => quote!(#rt::decode::empty),
    }
}

/// `enum {Op}Error { BadRequest(ErrorResponse), ..., Unhandled }` and its
/// `DocumentedError` impl: which status is which variant.
pub(crate) fn emit_error_enum(cx: &Cx<'_>) -> TokenStream {
    let spec = cx.spec;
    let rt = &cx.rt;
    let name = ident(&naming::error_name(spec));
    let variants = spec.error_responses().map(|response| {
        let variant = ident(&naming::status_variant(response.status.value));
        let doc = format!(
            "**{}** {}",
            response.status.value,
            response.description.as_deref().unwrap_or("")
        );
        let doc = docs::attrs(doc.trim_end());
        match &response.body {
            Some(body) => {
                let ty = rust_type(cx, &body.value);
                quote!(#doc #variant(#ty),)
            }
            None => quote!(#doc #variant,),
        }
    });
    let statuses: Vec<TokenStream> = spec
        .error_responses()
        .map(|response| {
            let status = proc_macro2::Literal::u16_unsuffixed(response.status.value);
            let variant = ident(&naming::status_variant(response.status.value));
            match &response.body {
                Some(_) => quote!((#status, |body| #rt::decode::body(body).map(Self::#variant))),
                None => quote!((#status, |_| Some(Self::#variant))),
            }
        })
        .collect();
    let statuses = (!statuses.is_empty()).then(|| {
        quote! {
            const STATUSES: &'static [(u16, #rt::decode::FromBody<Self>)] = &[#(#statuses),*];
        }
    });
    let doc = docs::attrs(&format!(
        "The documented error statuses of `{}` with their decoded bodies, in [`ServiceError::kind`]({rt}::ServiceError::kind) (status, `error_code`, `error_msg` and request id are on the [`ServiceError`]({rt}::ServiceError)). Serializes as the body (`null` for `Unhandled` and statuses without a body).",
        spec.operation.id.value,
        rt = cx.rt_doc_path()
    ));
    let serde_crate = format!("{}::__private::serde", cx.rt_path());
    let code = match cx.error_code {
        Some(path) => path.clone(),
        None => quote!(#rt::UndocumentedCode),
    };
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #rt::Serialize)]
        #[serde(crate = #serde_crate, untagged)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// An undocumented status or error body (its start is in `ServiceError::body_excerpt`).
            Unhandled,
        }

        impl #rt::DocumentedError for #name {
            type Code = #code;
            const UNHANDLED: Self = Self::Unhandled;
            #statuses
        }
    }
}

/// `pub static DYNAMIC`: the operation's id, method and path, and its decoding with the
/// generated types, for tools that treat every operation alike.
pub(crate) fn emit_dynamic(cx: &Cx<'_>) -> TokenStream {
    let rt = &cx.rt;
    let spec = cx.spec;
    let op = &spec.operation;
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
    let error = ident(&naming::error_name(spec));
    let decode = match success(cx) {
        Success::Json(ty) => quote!(#rt::dynamic::json::<#ty, #error>),
        Success::File => quote!(#rt::dynamic::file::<#error>),
        Success::Empty => quote!(#rt::dynamic::empty::<#error>),
    };
    let reencode_body = match &spec.body {
        Some(body) if body.encoding == apigw_spec::BodyEncoding::Json => {
            let ty = rust_type(cx, &body.ty.value);
            quote!(Some(#rt::dynamic::reencode::<#ty>))
        }
        _ => quote!(None),
    };
    let spec_source = cx.spec_source;
    let dynamic_doc = docs::attrs(&format!(
        "This operation for tools that treat every operation alike (see [`DynOperation`]({}::DynOperation)).",
        cx.rt_doc_path()
    ));
    let meta_doc = docs::attrs("The operation's id, method and path template.");
    quote! {
        #meta_doc
        #[doc(hidden)]
        pub static META: #rt::OperationMeta = #rt::OperationMeta {
            id: #op_id,
            method: #rt::Method::#method,
            path: #rt::PathTemplate::new(#path, &[#(#path_segments),*]),
        };
        #rt::__if_dynamic! {
        #dynamic_doc
        pub static DYNAMIC: #rt::DynOperation = #rt::DynOperation {
            meta: &META,
            decode: #decode,
            reencode_body: #reencode_body,
            spec: #spec_source,
        };
        }
    }
}
