//! A whole service: its client, the object types its operations share, and every operation,
//! folder by folder.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use apigw_spec::service::Service;
use apigw_spec::{Object, Spec, TypeExpr, naming, write};
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

/// Object types of one shape (same name, same fields with the same types, required-ness and
/// constraints) defined by several operations of a service: generated once, in the service's
/// `types` module. Their descriptions may differ from page to page; the shared type carries
/// those of the first operation (in folder order) that defines it.
#[derive(Debug, Clone, Default)]
pub struct SharedTypes {
    /// The shared definition of each shared object, by its name in the specs.
    objects: BTreeMap<String, Object>,
    /// The shape of each shared definition ([`write::object_shape`]), by name.
    texts: BTreeMap<String, String>,
    /// The shared objects that some operation's request body holds (they get constructors).
    sent: std::collections::HashSet<String>,
}

impl SharedTypes {
    /// Finds the objects that at least two of `specs` define with one shape, and whose
    /// referenced objects are shared too (so that the shared type means the same in every
    /// operation).
    pub fn find<'a>(specs: impl IntoIterator<Item = &'a Spec>) -> Self {
        let specs: Vec<&Spec> = specs.into_iter().collect();
        // How many operations define each (name, definition).
        let mut count: HashMap<(&str, String), usize> = HashMap::new();
        let mut first: HashMap<(&str, String), &Object> = HashMap::new();
        for spec in &specs {
            for object in &spec.objects {
                if types::is_form_object(spec, object) {
                    continue;
                }
                let key = (object.name.value.as_str(), write::object_shape(object));
                *count.entry(key.clone()).or_default() += 1;
                first.entry(key).or_insert(object);
            }
        }
        // The most common definition of each name, if used twice or more.
        let mut chosen: BTreeMap<&str, (usize, String)> = BTreeMap::new();
        for ((name, text), n) in &count {
            if *n < 2 {
                continue;
            }
            let better = chosen
                .get(name)
                .is_none_or(|(m, t)| n > m || (n == m && text < t));
            if better {
                chosen.insert(name, (*n, text.clone()));
            }
        }
        // Drop a name when, in an operation that uses its shared definition, an object it
        // refers to is not shared with the same definition; repeat until nothing changes.
        loop {
            let mut dropped = BTreeSet::new();
            for spec in &specs {
                let mine: HashMap<&str, String> = spec
                    .objects
                    .iter()
                    .map(|o| (o.name.value.as_str(), write::object_shape(o)))
                    .collect();
                for object in &spec.objects {
                    let name = object.name.value.as_str();
                    if chosen.get(name).map(|(_, t)| t) != mine.get(name) {
                        continue;
                    }
                    let refs_ok = referenced(object).iter().all(|r| {
                        chosen.get(r).map(|(_, t)| t).is_some()
                            && chosen.get(r).map(|(_, t)| t) == mine.get(r)
                    });
                    if !refs_ok {
                        dropped.insert(name.to_owned());
                    }
                }
            }
            dropped.extend(colliding_type_names(&chosen, &first));
            if dropped.is_empty() {
                break;
            }
            chosen.retain(|name, _| !dropped.contains(*name));
        }
        let mut shared = Self::default();
        for (name, (_, text)) in chosen {
            if let Some(object) = first.get(&(name, text.clone())) {
                shared.objects.insert(name.to_owned(), (*object).clone());
                shared.texts.insert(name.to_owned(), text);
            }
        }
        for spec in &specs {
            for name in types::sent_objects(spec) {
                if spec.object(&name).is_some_and(|o| shared.holds(o)) {
                    shared.sent.insert(name);
                }
            }
        }
        shared
    }

    /// The shared objects that some operation's request body holds.
    pub(crate) fn sent(&self) -> &std::collections::HashSet<String> {
        &self.sent
    }

    /// Whether `spec`'s object `object` is the shared one (same name and shape).
    pub(crate) fn holds(&self, object: &Object) -> bool {
        self.texts
            .get(&object.name.value)
            .is_some_and(|text| *text == write::object_shape(object))
    }

    /// The shared objects, by name.
    pub(crate) fn objects(&self) -> impl Iterator<Item = &Object> {
        self.objects.values()
    }

    /// How many object types are shared.
    pub fn len(&self) -> usize {
        self.objects.len()
    }

    /// Whether no object type is shared.
    pub fn is_empty(&self) -> bool {
        self.objects.is_empty()
    }
}

/// The objects an object's fields refer to by name.
fn referenced(object: &Object) -> Vec<&str> {
    fn walk<'t>(ty: &'t TypeExpr, out: &mut Vec<&'t str>) {
        match ty {
            TypeExpr::Named(name) => out.push(name),
            TypeExpr::Array(inner) | TypeExpr::Map(inner) => walk(inner, out),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for field in &object.fields {
        walk(&field.schema.ty.value, &mut out);
    }
    out
}

/// Names of shared objects whose Rust types (the struct or a field's enum) would clash with
/// another shared object's in the one `types` module.
fn colliding_type_names(
    chosen: &BTreeMap<&str, (usize, String)>,
    first: &HashMap<(&str, String), &Object>,
) -> BTreeSet<String> {
    let mut owners: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for (name, (_, text)) in chosen {
        let Some(object) = first.get(&(*name, text.clone())) else {
            continue;
        };
        for rust in rust_names(object) {
            owners.entry(rust).or_default().push(name);
        }
    }
    owners
        .into_values()
        .filter(|names| names.len() > 1)
        .flatten()
        .map(str::to_owned)
        .collect()
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
