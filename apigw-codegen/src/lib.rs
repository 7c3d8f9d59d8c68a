//! apigw's code generator as an ordinary library: a checked [`Spec`] in, Rust tokens out.
//!
//! The proc macro in `apigw-macros` is a thin shell around [`expand`]; keeping the generator
//! here makes it testable without the macro boundary (the generated code of the seed
//! operations is kept as reviewed snapshots) and usable by other tools.
//!
//! For one operation it emits a module named after the operation holding the request
//! builder, the response and error types and the enums, plus a method on the crate's
//! `Client` that starts the request.
#![deny(missing_docs)]

mod docs;
mod idents;
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
    /// It must implement `AsRef<apigw_runtime::Client>`.
    pub client: TokenStream,
    /// An expression for the spec's source text (`&'static str`), kept in the operation's
    /// `DYNAMIC` for tools (the command line, the emulator); `""` by default.
    pub spec_source: TokenStream,
    /// Object types defined elsewhere (a service's `types` module) and the path of that module:
    /// an operation re-exports them instead of defining its own. `None` by default.
    pub shared: Option<(SharedTypes, TokenStream)>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            runtime: quote!(::apigw_runtime),
            client: quote!(crate::Client),
            spec_source: quote!(""),
            shared: None,
        }
    }
}

/// Generates the code of one operation.
pub fn expand(spec: &Spec, options: &Options) -> TokenStream {
    let cx = Cx {
        spec,
        rt: &options.runtime,
        spec_source: &options.spec_source,
        shared: options.shared.as_ref(),
    };
    let module = module_ident(spec);
    let module_docs = docs::module_docs(spec);
    let types = types::emit_types(&cx);
    let builder = request::emit_builder(&cx);
    let paging = paging::emit_paging(&cx);
    let errors = response::emit_error_enum(&cx);
    let decode = response::emit_decode(&cx);
    let client_method = request::emit_client_method(&cx, &module, &options.client);
    quote! {
        #module_docs
        pub mod #module {
            #builder
            #paging
            #decode
            #errors
            #types
        }
        #client_method
    }
}

/// The identifier of the module [`expand`] generates for `spec`.
pub fn module_ident(spec: &Spec) -> proc_macro2::Ident {
    idents::ident(&naming::module_name(spec))
}

/// What every emitter needs.
pub(crate) struct Cx<'a> {
    pub spec: &'a Spec,
    pub rt: &'a TokenStream,
    pub spec_source: &'a TokenStream,
    pub shared: Option<&'a (SharedTypes, TokenStream)>,
}

impl Cx<'_> {
    /// The runtime's path as text (`::apigw_runtime`), for attributes and doc links.
    pub fn rt_path(&self) -> String {
        self.rt.to_string().replace(' ', "")
    }
}
