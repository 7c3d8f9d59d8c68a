//! A service's error codes (its `errors.toml`): the `ErrorCode` enum at the crate's root,
//! which every operation's error enum names as its `Code`.

use std::collections::HashSet;

use apigw_spec::naming;
use apigw_spec::service::Service;
use proc_macro2::TokenStream;
use quote::quote;

use crate::docs;
use crate::idents::ident;

/// `pub enum ErrorCode`: one variant per documented code, `Unknown` for the rest, with its
/// table of [`DocumentedCode`](apigw_runtime::DocumentedCode)s.
pub(crate) fn emit_error_codes(service: &Service, runtime: &TokenStream) -> TokenStream {
    let rt = runtime;
    let mut taken: HashSet<String> = HashSet::from(["Unknown".to_owned()]);
    let names: Vec<proc_macro2::Ident> = service
        .errors
        .iter()
        .map(|code| {
            let base = naming::pascal(&code.code.value);
            let mut name = base.clone();
            let mut n = 2;
            while !taken.insert(name.clone()) {
                name = format!("{base}V{n}");
                n += 1;
            }
            ident(&name)
        })
        .collect();
    let variants = service.errors.iter().zip(&names).map(|(code, name)| {
        let mut doc = format!("**{}** `{}`", code.status.value, code.code.value);
        if let Some(meaning) = code.meaning() {
            doc.push_str(": ");
            doc.push_str(&docs::plain(meaning));
        }
        if let (Some(message), Some(_)) = (&code.message, &code.description) {
            doc.push_str(&format!("\n\nMessage: {}", docs::plain(message)));
        }
        let doc = docs::attrs(&doc);
        quote!(#doc #name,)
    });
    let table = service.errors.iter().map(|code| {
        let text = &code.code.value;
        let status = proc_macro2::Literal::u16_unsuffixed(code.status.value);
        let option = |value: Option<&str>| match value {
            Some(value) => quote!(::core::option::Option::Some(#value)),
            None => quote!(::core::option::Option::None),
        };
        let message = option(code.message.as_deref());
        let meaning = option(code.meaning());
        quote!(#rt::DocumentedCode { code: #text, status: #status, message: #message, meaning: #meaning })
    });
    let from = service.errors.iter().zip(&names).map(|(code, name)| {
        let text = &code.code.value;
        quote!(#text => Self::#name,)
    });
    let documented = names.iter().enumerate().map(
        |(i, name)| quote!(Self::#name => ::core::option::Option::Some(&Self::DOCUMENTED[#i]),),
    );
    let doc = docs::attrs(&format!(
        "The error codes of the {} service, as its reference's error-code appendix documents \
         them ({} codes): any operation can answer with one. [`ServiceError::code`] and \
         [`Error::code`] read an error's `error_code` as this enum; a code the reference does \
         not document is `Unknown`, and the enum is `#[non_exhaustive]` so that codes it adds \
         later are not a breaking change.",
        service.title.value,
        service.errors.len()
    ));
    quote! {
        #doc
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash)]
        #[non_exhaustive]
        pub enum ErrorCode {
            #(#variants)*
            /// A code the reference does not document, as it was sent.
            Unknown(::std::string::String),
        }

        impl ErrorCode {
            /// Every documented code (status, code, message, meaning), in the reference's order.
            pub const DOCUMENTED: &'static [#rt::DocumentedCode] = &[#(#table),*];

            /// The variant for `code` as the service sent it.
            pub fn from_code(code: &str) -> Self {
                match code {
                    #(#from)*
                    other => Self::Unknown(::std::borrow::ToOwned::to_owned(other)),
                }
            }

            /// What the reference documents about this code (status, message, meaning);
            /// `None` for `Unknown`.
            pub fn documented(&self) -> ::core::option::Option<&'static #rt::DocumentedCode> {
                match self {
                    #(#documented)*
                    Self::Unknown(_) => ::core::option::Option::None,
                }
            }

            /// The code as the service sends it (`Ecs.0001`).
            pub fn as_str(&self) -> &str {
                match self.documented() {
                    ::core::option::Option::Some(documented) => documented.code,
                    ::core::option::Option::None => match self {
                        Self::Unknown(code) => code,
                        _ => "",
                    },
                }
            }

            /// What the code means, as documented.
            pub fn meaning(&self) -> ::core::option::Option<&'static str> {
                self.documented().and_then(|documented| documented.meaning)
            }
        }

        impl #rt::ServiceErrorCode for ErrorCode {
            const DOCUMENTED: &'static [#rt::DocumentedCode] = ErrorCode::DOCUMENTED;

            fn from_code(code: &str) -> Self {
                ErrorCode::from_code(code)
            }

            fn documented(&self) -> ::core::option::Option<&'static #rt::DocumentedCode> {
                ErrorCode::documented(self)
            }
        }
    }
}
