//! apigw's code generator as an ordinary library: a checked [`Spec`] in, Rust tokens out.
//!
//! The proc macro in `apigw-macros` is a thin shell around [`expand`]; keeping the generator
//! here makes it testable without the macro boundary (the generated code of the seed
//! operations is kept as reviewed snapshots) and usable by other tools.
//!
//! For one operation it emits a module named after the operation holding the request
//! builder, the response and error types and the enums, and a method on the crate's `Client`
//! that starts the request. Everything that is the same for every operation (sending,
//! decoding statuses, the enums' conversions) is generic code in `apigw-runtime`; the module
//! holds only what the spec says.
#![deny(missing_docs)]

mod docs;
mod errors;
mod idents;
mod markdown;
mod paging;
mod request;
mod response;
mod service;
mod types;

pub use service::{Folder, Operation, SharedTypes, expand_service};

use apigw_spec::{Spec, naming};
use proc_macro2::TokenStream;
use quote::quote;

/// How the generated code refers to its surroundings.
#[derive(Debug, Clone)]
pub struct Options {
    /// Path of the runtime crate, `::apigw_runtime` by default.
    pub runtime: TokenStream,
    /// Path of the client type that gets one method per operation, `crate::Client` by default.
    /// It must implement `AsRef<apigw_runtime::Client>`, and be absolute (`crate::…` or
    /// `::…`): the method is implemented inside the operation's module.
    pub client: TokenStream,
    /// An expression for the spec's source text (`&'static str`), kept in the operation's
    /// `DYNAMIC` for tools (the command line, the emulator); `""` by default.
    pub spec_source: TokenStream,
    /// Object types defined elsewhere (a service's `types` module) and the path of that module:
    /// an operation re-exports them instead of defining its own. `None` by default.
    pub shared: Option<(SharedTypes, TokenStream)>,
    /// The path of the service's error-code enum (`crate::ErrorCode`), the `Code` of every
    /// operation's error enum; `None` (the runtime's `UndocumentedCode`) by default.
    pub error_code: Option<TokenStream>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            runtime: quote!(::apigw_runtime),
            client: quote!(crate::Client),
            spec_source: quote!(""),
            shared: None,
            error_code: None,
        }
    }
}

/// Generates the code of one operation.
pub fn expand(spec: &Spec, options: &Options) -> TokenStream {
    let cx = Cx {
        defining_shared: None,
        spec,
        rt: quote!(rt),
        runtime: &options.runtime,
        spec_source: &options.spec_source,
        shared: options.shared.as_ref(),
        shadowed: types::shadowed_prelude(spec),
        error_code: options.error_code.as_ref(),
    };
    let module = module_ident(spec);
    let module_docs = docs::module_docs(spec, &options.client.to_string().replace(' ', ""));
    let runtime = &options.runtime;
    let dynamic = response::emit_dynamic(&cx);
    let client_method = request::emit_client_method(&cx, &module, &options.client);
    let (paging, paging_methods) = paging::emit_paging(&cx);
    let builder = request::emit_builder(&cx, paging_methods);
    let errors = response::emit_error_enum(&cx);
    let types = types::emit_types(&cx);
    quote! {
        pub mod #module {
            #module_docs
            use #runtime::__private as rt;
            #dynamic
            #client_method
            #builder
            #paging
            #errors
            #types
        }
    }
}

/// The identifier of the module [`expand`] generates for `spec`.
pub fn module_ident(spec: &Spec) -> proc_macro2::Ident {
    idents::ident(&naming::module_name(spec))
}

/// What every emitter needs.
pub(crate) struct Cx<'a> {
    pub spec: &'a Spec,
    /// The runtime as generated code names it: `rt`, which each operation's module imports
    /// (`use ::apigw_runtime::__private as rt;`).
    pub rt: TokenStream,
    /// The runtime's path ([`Options::runtime`]), for the import and for doc links.
    pub runtime: &'a TokenStream,
    pub spec_source: &'a TokenStream,
    /// The object types shared by the service's operations, and the path of the module that
    /// holds them.
    pub shared: Option<&'a (SharedTypes, TokenStream)>,
    /// The names of the standard prelude that a generated type of the module shadows (an
    /// object called `Option`, say): those are written with their full path.
    pub shadowed: std::collections::HashSet<&'static str>,
    /// See [`Options::error_code`].
    pub error_code: Option<&'a TokenStream>,
    /// When emitting the shared types themselves: they, for the other names pages give each.
    pub defining_shared: Option<&'a SharedTypes>,
}

impl Cx<'_> {
    /// The runtime's path as text (`::apigw_runtime`), for attributes.
    pub fn rt_path(&self) -> String {
        self.runtime.to_string().replace(' ', "")
    }

    /// The runtime's path for doc links (`apigw_runtime`): rustdoc takes a path starting with
    /// `::` for a URL.
    pub fn rt_doc_path(&self) -> String {
        self.rt_path().trim_start_matches("::").to_owned()
    }

    /// A type or trait of the standard prelude (`Option`, `String`, `Vec`, `Result`, `Into`,
    /// `AsRef`), by its short name unless a generated type of the module shadows it.
    pub fn prelude(&self, name: &'static str) -> TokenStream {
        let short = proc_macro2::Ident::new(name, proc_macro2::Span::call_site());
        if !self.shadowed.contains(name) {
            return quote!(#short);
        }
        match name {
            "Option" => quote!(::core::option::Option),
            "Result" => quote!(::core::result::Result),
            "String" => quote!(::std::string::String),
            "Vec" => quote!(::std::vec::Vec),
            "Into" => quote!(::core::convert::Into),
            "AsRef" => quote!(::core::convert::AsRef),
            _ => quote!(#short),
        }
    }
}
