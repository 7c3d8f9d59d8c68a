//! A whole service: its client, the object types its operations share, and every operation,
//! folder by folder.

use std::collections::HashSet;

use apigw_spec::service::Service;
use apigw_spec::{Object, Spec, naming, share};
use proc_macro2::TokenStream;
use quote::quote;

use crate::{Options, docs, types};

/// A folder of a service's specs: its operations and the folders in it.
#[derive(Debug, Default)]
pub struct Folder {
    /// The section of the reference it holds (`Lifecycle management`), which groups its
    /// operations in the docs; empty for the service's own folder.
    pub title: String,
    /// The operations of the folder, in file-name order.
    pub operations: Vec<Operation>,
    /// The folders in it, in name order.
    pub folders: Vec<Folder>,
}

/// One operation of a [`Folder`].
#[derive(Debug)]
pub struct Operation {
    /// The checked spec (or the salvaged one, when `extra` reports why the spec is wrong).
    pub spec: Spec,
    /// An expression for the spec's source text (see [`Options::spec_source`]).
    pub spec_source: TokenStream,
    /// Emitted beside the operation: the `compile_error!`s of a spec that does not check, the
    /// tokens that make the compiler track the file.
    pub extra: TokenStream,
}

/// The object types that several objects of a service's operations are (see
/// [`apigw_spec::share`]): generated once, in the service's `types` module, and re-exported by
/// each operation's module under the name its spec gives them.
#[derive(Debug, Clone, Default)]
pub struct SharedTypes {
    /// Which objects are one type, and its definition.
    sharing: share::Sharing,
    /// The shared types that some operation's request body holds (they get constructors).
    sent: HashSet<String>,
}

impl SharedTypes {
    /// Finds the shared types of `specs`, one service's operations in folder order.
    pub fn find<'a>(specs: impl IntoIterator<Item = &'a Spec>) -> Self {
        let specs: Vec<&Spec> = specs.into_iter().collect();
        let sharing = share::Sharing::find(specs.iter().copied());
        let mut sent = HashSet::new();
        for spec in &specs {
            for name in types::sent_objects(spec) {
                if let Some(shared) = sharing.shared_as(spec, &name) {
                    sent.insert(shared.name.value.clone());
                }
            }
        }
        Self { sharing, sent }
    }

    /// The client methods of the operations that use the shared type `name`, in folder order.
    pub(crate) fn users(&self, name: &str) -> &[String] {
        self.sharing.users(name)
    }

    /// Whether some page gives the shared type `name` that name too.
    pub(crate) fn is_page_named(&self, name: &str) -> bool {
        self.sharing.is_page_named(name)
    }

    /// The shared types that some operation's request body holds.
    pub(crate) fn sent(&self) -> &HashSet<String> {
        &self.sent
    }

    /// The shared type that `spec`'s object `object` is, if it is one.
    pub(crate) fn shared_as(&self, spec: &Spec, object: &Object) -> Option<&Object> {
        self.sharing.shared_as(spec, &object.name.value)
    }

    /// The names other than its own that pages give the shared type `name`.
    pub(crate) fn aliases(&self, name: &str) -> impl Iterator<Item = &str> {
        self.sharing.aliases(name)
    }

    /// Whether the shared type `name` is a multipart form body.
    pub(crate) fn is_form(&self, name: &str) -> bool {
        self.sharing.is_form(name)
    }

    /// The shared types' definitions, by name.
    pub(crate) fn objects(&self) -> impl Iterator<Item = &Object> {
        self.sharing.objects()
    }

    /// How many object types are shared.
    pub fn len(&self) -> usize {
        self.sharing.len()
    }

    /// Whether no object type is shared.
    pub fn is_empty(&self) -> bool {
        self.sharing.is_empty()
    }
}

/// The Rust types generated for an object: its struct and its fields' enums.
pub(crate) fn rust_names(object: &Object) -> Vec<String> {
    naming::object_type_names(object)
        .into_iter()
        .map(|(name, _)| name)
        .collect()
}

/// Generates a service's crate content: `SERVICE`, `Client`, the shared `types` and every
/// operation in its folder's module. `options.client` must be `crate::Client` and
/// `options.shared` is filled here.
pub fn expand_service(service: &Service, root: &Folder, options: &Options) -> TokenStream {
    let rt = &options.runtime;
    let mut all = Vec::new();
    collect(root, &mut all);
    let shared = SharedTypes::find(all.iter().map(|op| &op.spec));
    let options = Options {
        shared: Some((shared.clone(), quote!(crate::types))),
        error_code: Some(quote!(crate::ErrorCode)),
        ..options.clone()
    };
    let error_codes = crate::errors::emit_error_codes(service, rt);
    let mut paths = Vec::new();
    let body = operation_items(root, &options, &mut paths);
    let index = operation_index(root);
    let types = types::emit_shared(&shared, all.first().map(|op| &op.spec), &options);

    let name = &service.name.value;
    let title = &service.title.value;
    let endpoint = service.endpoint_pattern().as_str();
    let catalog = service.catalog.iter().map(|entry| {
        let (service_type, path) = (&entry.service_type.value, &entry.path.value);
        quote!(#rt::CatalogType { service_type: #service_type, path: #path })
    });
    let service_doc = docs::attrs(&format!(
        "The {title} service (`{name}`): its endpoint in a region and its {} operations.",
        all.len()
    ));
    let mut client_doc = format!(
        "The {title} client: one method per operation, each returning a request builder.\n\n\
         Cheap to clone; clones share one connection pool. Its endpoint is found in the \
         configuration (see [`Config::endpoint_for`]): by default `{}` in the configured region.",
        service.endpoint.value
    );
    if let Some(description) = &service.description {
        client_doc = format!("{description}\n\n{client_doc}");
    }
    let client_doc = docs::attrs(&client_doc);
    quote! {
        pub use #rt::{
            AkSkAuth, Authenticate, BuildError, Config, ConfigBuilder, ConfigError, Credentials,
            Error, ErrorKind, Response, RetryPolicy, Secret, ServiceError, TokenAuth, UnknownValue,
            ValueEnum,
        };

        /// The runtime the generated code runs on (for lower-level use: paging streams, the
        /// raw client); not part of the crate's own API.
        #[doc(hidden)]
        pub use #rt as runtime;

        #service_doc
        pub static SERVICE: #rt::ServiceMeta = #rt::ServiceMeta {
            name: #name,
            title: #title,
            endpoint: #rt::Endpoint::new(#endpoint),
            operations: #rt::__dynamic_list!(&[#(&#paths::DYNAMIC),*]),
            error_codes: ErrorCode::DOCUMENTED,
            catalog: &[#(#catalog),*],
        };

        #error_codes

        #client_doc
        #[derive(::core::clone::Clone, ::core::fmt::Debug)]
        pub struct Client {
            inner: #rt::Client,
        }

        impl Client {
            /// Creates a client from a configuration, at this service's endpoint.
            ///
            /// # Errors
            /// When the configuration gives no endpoint for the service (no region, no
            /// endpoint), or the HTTP client cannot be created (e.g. no TLS backend).
            pub fn new(config: Config) -> ::core::result::Result<Self, ConfigError> {
                ::core::result::Result::Ok(Self {
                    inner: #rt::Client::for_service(config, &SERVICE)?,
                })
            }

            /// Wraps a runtime client (e.g. one built on a custom `reqwest::Client`).
            pub fn from_runtime(inner: #rt::Client) -> Self {
                Self { inner }
            }

            /// The configuration.
            pub fn config(&self) -> &Config {
                self.inner.config()
            }
        }

        impl ::core::convert::AsRef<#rt::Client> for Client {
            fn as_ref(&self) -> &#rt::Client {
                &self.inner
            }
        }

        /// The object types that several operations of this service define alike, defined
        /// once; each operation's module re-exports those it uses.
        pub mod types {
            #[allow(unused_imports, reason = "a service may share no type")]
            use #rt::__private as rt;
            #types
        }

        pub mod operation {
            #![doc = #index]
            #body
        }
    }
}

fn collect<'a>(folder: &'a Folder, out: &mut Vec<&'a Operation>) {
    out.extend(&folder.operations);
    for inner in &folder.folders {
        collect(inner, out);
    }
}

/// Every operation's module, in the order of the folders (one flat module, `operation`, as
/// aws-sdk-rust has it: the reference's table of contents groups the docs, not the paths).
/// `paths` collects each operation's module path from the crate root.
fn operation_items(
    folder: &Folder,
    options: &Options,
    paths: &mut Vec<TokenStream>,
) -> TokenStream {
    let mut out = TokenStream::new();
    for op in &folder.operations {
        let options = Options {
            spec_source: op.spec_source.clone(),
            ..options.clone()
        };
        let module = crate::module_ident(&op.spec);
        paths.push(quote!(operation::#module));
        out.extend(op.extra.clone());
        out.extend(crate::expand(&op.spec, &options));
    }
    for inner in &folder.folders {
        out.extend(operation_items(inner, options, paths));
    }
    out
}

/// The doc of the `operation` module: every operation, grouped by the reference's sections
/// (the folders), each linked to its module, deprecated ones apart.
fn operation_index(root: &Folder) -> String {
    fn walk(folder: &Folder, trail: &[&str], current: &mut String, deprecated: &mut Vec<String>) {
        let mut trail = trail.to_vec();
        if !folder.title.is_empty() {
            trail.push(&folder.title);
        }
        let mut lines = Vec::new();
        for op in &folder.operations {
            let module = naming::module_name(&op.spec);
            let summary = op.spec.operation.summary.as_deref().unwrap_or_default();
            let line = format!("- [`{module}`]({module}): {summary}");
            if op.spec.operation.deprecated.is_some() {
                deprecated.push(line);
            } else {
                lines.push(line);
            }
        }
        if !lines.is_empty() {
            let heading = if trail.is_empty() {
                "Operations".to_owned()
            } else {
                trail.join(" › ")
            };
            current.push_str(&format!("\n\n## {heading}\n\n{}", lines.join("\n")));
        }
        for inner in &folder.folders {
            walk(inner, &trail, current, deprecated);
        }
    }
    let mut current = String::from(
        "The operations: one module each, with its request builder, response, error and \
         object types; the client's method of the same name starts it.",
    );
    let mut deprecated = Vec::new();
    walk(root, &[], &mut current, &mut deprecated);
    if !deprecated.is_empty() {
        current.push_str(&format!(
            "\n\n## Deprecated\n\nThe reference marks these as out of date.\n\n{}",
            deprecated.join("\n")
        ));
    }
    current
}
