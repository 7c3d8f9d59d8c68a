//! The service file: the facts every operation of a service shares, kept beside them as
//! `service.toml` in the service's spec folder (see `docs/spec-format.md`).
//!
//! ```
//! let text = r#"
//! [service]
//! name = "ecs"
//! title = "Elastic Cloud Server"
//! endpoint = "https://ecs.{region}.otc.t-systems.com"
//! "#;
//! let service = apigw_spec::service::load("specs/elastic-cloud-server/service.toml", text).unwrap();
//! assert_eq!(service.name.value, "ecs");
//! assert_eq!(service.endpoint_for("eu-de"), "https://ecs.eu-de.otc.t-systems.com");
//! ```

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::source::{SourceFile, Spanned};
use crate::{LoadError, keys, parse};

/// The name of the service file in a service's spec folder.
pub const FILE_NAME: &str = "service.toml";

/// The name of the error-code file in a service's spec folder, beside the service file: the
/// error codes every operation of the service can answer with (see [`load_errors`]).
pub const ERRORS_FILE_NAME: &str = "errors.toml";

/// One documented error code of a service (an `[[error]]` of `errors.toml`): a row of the
/// reference's error-code appendix, which applies to every operation.
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorCode {
    /// The code the service sends (`Ecs.0001`), unique in the file.
    pub code: Spanned<String>,
    /// The HTTP status it comes with (400 to 599).
    pub status: Spanned<u16>,
    /// The message the service sends with it, if documented.
    pub message: Option<String>,
    /// What it means (and what to do), if documented apart from the message.
    pub description: Option<String>,
    /// The reference page it was imported from, if any.
    pub reference: Option<String>,
}

impl ErrorCode {
    /// What the code means: its description, else its message, else nothing.
    pub fn meaning(&self) -> Option<&str> {
        self.description.as_deref().or(self.message.as_deref())
    }
}

/// Parses and checks an error-code file. `name` is how messages refer to it.
///
/// ```
/// let text = r#"
/// [[error]]
/// code = "Ecs.0001"
/// status = 400
/// message = "Insufficient ECS quota."
/// description = "The number of ECSs has reached the maximum allowed."
/// "#;
/// let codes = apigw_spec::service::load_errors("errors.toml", text).unwrap();
/// assert_eq!(codes[0].status.value, 400);
/// assert_eq!(codes[0].meaning(), Some("The number of ECSs has reached the maximum allowed."));
/// ```
pub fn load_errors(name: &str, text: &str) -> Result<Vec<ErrorCode>, LoadError> {
    let source = SourceFile::new(name, text);
    let mut diags = Diagnostics::new();
    let codes = parse::errors(&source, &mut diags);
    if let Some(codes) = &codes {
        check_errors(codes, &mut diags);
    }
    loaded(source, diags, codes, "the error-code file")
}

/// What reading a file of `what` (read into `value`, checked into `diags`) gives: the value
/// when no problem was found, else every problem (at least one: when the file is not even TOML
/// and nothing else was said, that it could not be read).
fn loaded<T>(
    source: SourceFile,
    diags: Diagnostics,
    value: Option<T>,
    what: &str,
) -> Result<T, LoadError> {
    match value {
        Some(value) if diags.is_empty() => Ok(value),
        _ => {
            let mut diagnostics = diags.into_vec();
            if diagnostics.is_empty() {
                diagnostics.push(Diagnostic::new(
                    Code::TomlSyntax,
                    0..0,
                    format!("{what} could not be read"),
                ));
            }
            Err(LoadError {
                source,
                diagnostics,
                partial: None,
            })
        }
    }
}

fn check_errors(codes: &[ErrorCode], diags: &mut Diagnostics) {
    let mut seen = std::collections::HashSet::new();
    for code in codes {
        if code.code.value.trim().is_empty() {
            diags.push(
                Diagnostic::new(
                    Code::EmptyErrorCode,
                    code.code.span.clone(),
                    "empty error code",
                )
                .with_help("write the code the service sends, e.g. `Ecs.0001`"),
            );
        } else if !seen.insert(code.code.value.as_str()) {
            diags.push(
                Diagnostic::new(
                    Code::DuplicateErrorCode,
                    code.code.span.clone(),
                    format!("error code `{}` is listed twice", code.code.value),
                )
                .with_help("keep one `[[error]]` per code"),
            );
        }
        if !(400..=599).contains(&code.status.value) {
            diags.push(
                Diagnostic::new(
                    Code::InvalidErrorStatus,
                    code.status.span.clone(),
                    format!("status {} is not an error status", code.status.value),
                )
                .with_help("an error code comes with a status from 400 to 599"),
            );
        }
    }
}

/// The text of an error-code file holding `codes`, which [`load_errors`] reads back;
/// `header` (comment lines) goes first.
pub fn write_errors(header: &str, codes: &[ErrorCode]) -> String {
    use crate::write::basic_string;
    let mut out = String::from(header);
    for code in codes {
        out.push_str(&format!("\n[[{}]]\n", keys::ERROR));
        out.push_str(&format!(
            "{} = {}\n",
            keys::CODE,
            basic_string(&code.code.value)
        ));
        out.push_str(&format!("{} = {}\n", keys::STATUS, code.status.value));
        for (key, value) in [
            (keys::MESSAGE, &code.message),
            (keys::DESCRIPTION, &code.description),
            (keys::REFERENCE, &code.reference),
        ] {
            if let Some(value) = value {
                out.push_str(&format!("{key} = {}\n", basic_string(value)));
            }
        }
    }
    out
}

pub use apigw_shared::{Endpoint, REGION, family_endpoint};

/// One service: its name, title and endpoint pattern.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    /// The short name (`ecs`): lowercase ASCII letters and digits, starting with a letter. It
    /// names the service everywhere: the crate `apigw-<name>`, the command `apigw <name>`, the
    /// variable `APIGW_ENDPOINT_<NAME>` and the emulator's mount point `/<name>`.
    pub name: Spanned<String>,
    /// The service's full name (`Elastic Cloud Server`).
    pub title: Spanned<String>,
    /// What the service is for, if said.
    pub description: Option<String>,
    /// The endpoint of a region: an `http`/`https` URL in which [`REGION`] stands for the
    /// region (`https://ecs.{region}.otc.t-systems.com`).
    pub endpoint: Spanned<String>,
    /// The reference the operations were imported from, relative to `reference/`, if any.
    pub reference: Option<String>,
    /// The types the cloud's service catalog lists the service under besides its
    /// [name](Self::name) (which is always one): OpenStack's (`compute`, `network`) and the
    /// cloud's own (`rdsv3`), each with the path below the endpoint its URL has; the name
    /// itself, when its entry's URL has a path (`nat = "/v2.0"`). Empty when the catalog
    /// knows the service by its name alone, at its endpoint.
    pub catalog: Vec<CatalogType>,
    /// The error codes any operation can answer with: the service's error-code file
    /// ([`ERRORS_FILE_NAME`], read with [`load_errors`]) when it has one; empty otherwise.
    pub errors: Vec<ErrorCode>,
}

/// One type a service is listed under in the cloud's service catalog (the `catalog` key of
/// the service file): `compute = "/v2.1/{project_id}"`.
#[derive(Debug, Clone, PartialEq)]
pub struct CatalogType {
    /// The catalog's `type` (`compute`, `block-storage`, `rdsv3`).
    pub service_type: Spanned<String>,
    /// The path below the endpoint that the entry's URL has: empty for the endpoint itself,
    /// else starting with `/`, with `{project_id}` ([`PROJECT_ID`]) standing for the project
    /// (`/v2.1/{project_id}`).
    pub path: Spanned<String>,
}

/// What stands for the project's id in a [`CatalogType`]'s path.
pub const PROJECT_ID: &str = "{project_id}";

impl CatalogType {
    /// The entry's URL below `endpoint` (a service's endpoint, without a trailing `/`) for
    /// the project `project_id`.
    pub fn url(&self, endpoint: &str, project_id: &str) -> String {
        format!(
            "{}{}",
            endpoint.trim_end_matches('/'),
            self.path.value.replace(PROJECT_ID, project_id)
        )
    }

    /// Why `service_type` is not a catalog type, if it is not: catalog types are lowercase
    /// ASCII letters, digits, `-`, `_` and `.`, starting with a letter.
    pub fn type_problem(service_type: &str) -> Option<&'static str> {
        if !service_type.starts_with(|c: char| c.is_ascii_lowercase()) {
            return Some("a catalog type starts with a lowercase letter");
        }
        let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c);
        (!service_type.chars().all(allowed))
            .then_some("a catalog type has only lowercase letters, digits, `-`, `_` and `.`")
    }

    /// Why `path` is not a path below an endpoint, if it is not: empty, or `/` and segments
    /// of URL characters, with no placeholder but [`PROJECT_ID`], no query and no fragment.
    pub fn path_problem(path: &str) -> Option<&'static str> {
        if path.is_empty() {
            return None;
        }
        if !path.starts_with('/') {
            return Some("a path below the endpoint starts with `/`");
        }
        let rest = path.replace(PROJECT_ID, "");
        if rest.contains(['{', '}']) {
            return Some("`{project_id}` is the only placeholder of a catalog path");
        }
        let allowed = |c: char| c.is_ascii_alphanumeric() || "/-_.~".contains(c);
        (!rest.chars().all(allowed)).then_some(
            "a catalog path has only letters, digits, `/`, `-`, `_`, `.`, `~` and `{project_id}`",
        )
    }
}

impl Service {
    /// The endpoint in `region`.
    pub fn endpoint_for(&self, region: &str) -> String {
        self.endpoint_pattern().in_region(region)
    }

    /// The endpoint pattern (see [`Endpoint`]).
    pub fn endpoint_pattern(&self) -> Endpoint<'_> {
        Endpoint::new(&self.endpoint.value)
    }
}

/// The service file's text for `service` (its `[service]` table; the error codes are a file of
/// their own), with `header` as its first comment line. `load` of the text gives `service`
/// back, spans and error codes aside.
///
/// ```
/// use apigw_spec::{Spanned, service::{CatalogType, Service, load, write}};
/// let service = Service {
///     name: Spanned::new("evs".into(), 0..0),
///     title: Spanned::new("Elastic Volume Service".into(), 0..0),
///     description: None,
///     endpoint: Spanned::new("https://evs.{region}.otc.t-systems.com".into(), 0..0),
///     reference: Some("elastic-volume-service".into()),
///     catalog: vec![CatalogType {
///         service_type: Spanned::new("block-storage".into(), 0..0),
///         path: Spanned::new("/v3/{project_id}".into(), 0..0),
///     }],
///     errors: Vec::new(),
/// };
/// let text = write("The Elastic Volume Service service.", &service);
/// let back = load("service.toml", &text).unwrap();
/// assert_eq!(back.endpoint.value, service.endpoint.value);
/// assert_eq!(back.catalog[0].path.value, "/v3/{project_id}");
/// ```
pub fn write(header: &str, service: &Service) -> String {
    use crate::write::basic_string;
    let mut out = format!("# {header}\n\n[{}]\n", keys::SERVICE);
    let mut kv = |key: &str, value: &str| {
        out.push_str(&format!("{key} = {}\n", basic_string(value)));
    };
    kv(keys::NAME, &service.name.value);
    kv(keys::TITLE, &service.title.value);
    if let Some(description) = &service.description {
        kv(keys::DESCRIPTION, description);
    }
    kv(keys::ENDPOINT, &service.endpoint.value);
    if let Some(reference) = &service.reference {
        kv(keys::REFERENCE, reference);
    }
    if !service.catalog.is_empty() {
        let entries: Vec<String> = service
            .catalog
            .iter()
            .map(|t| {
                let key = &t.service_type.value;
                let bare = key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
                let key = if bare { key.clone() } else { basic_string(key) };
                format!("{key} = {}", basic_string(&t.path.value))
            })
            .collect();
        out.push_str(&format!(
            "{} = {{ {} }}\n",
            keys::CATALOG,
            entries.join(", ")
        ));
    }
    out
}

/// Parses and checks a service file. `name` is how messages refer to it.
pub fn load(name: &str, text: &str) -> Result<Service, LoadError> {
    let source = SourceFile::new(name, text);
    let mut diags = Diagnostics::new();
    let service = parse::service(&source, &mut diags);
    if let Some(service) = &service {
        check(service, &mut diags);
    }
    loaded(source, diags, service, "the service file")
}

/// Whether an entry of a service folder (a file or folder name) holds operation specs: the
/// folder is also the service's crate, so its manifest (`Cargo.toml`), its sources (`src/`),
/// build output (`target/`), hidden entries, the service file and the error-code file are not
/// operations.
pub fn is_spec_entry(name: &str, is_dir: bool) -> bool {
    if name.starts_with('.') {
        return false;
    }
    if is_dir {
        !matches!(name, "src" | "target" | "tests" | "examples" | "benches")
    } else {
        name.ends_with(".toml")
            && name != FILE_NAME
            && name != ERRORS_FILE_NAME
            && name != "Cargo.toml"
    }
}

/// The operation specs of a service folder: every `*.toml` file in it and in the folders below
/// it that [holds specs](is_spec_entry), sorted.
///
/// # Errors
/// When a folder cannot be read.
pub fn operation_files(dir: &std::path::Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let is_dir = path.is_dir();
            if !name.is_some_and(|n| is_spec_entry(&n, is_dir)) {
                continue;
            }
            if is_dir {
                walk(&path, out)?;
            } else {
                out.push(path);
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, &mut out)?;
    out.sort();
    Ok(out)
}

/// Whether `name` is a service name (see [`Service::name`]).
pub fn is_service_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
}

fn check(service: &Service, diags: &mut Diagnostics) {
    let name = &service.name;
    if !is_service_name(&name.value) {
        diags.push(
            Diagnostic::new(
                Code::InvalidServiceName,
                name.span.clone(),
                format!("service name `{}` is not a short lowercase name", name.value),
            )
            .with_help("use lowercase ASCII letters and digits, starting with a letter, e.g. `ecs`: it names the crate, the command and the environment variable"),
        );
    }
    let endpoint = &service.endpoint;
    if let Some(reason) = Endpoint::problem(&endpoint.value) {
        diags.push(
            Diagnostic::new(
                Code::InvalidEndpoint,
                endpoint.span.clone(),
                format!("invalid endpoint pattern `{}`: {reason}", endpoint.value),
            )
            .with_help("write the URL of one region with `{region}` in place of the region, e.g. `https://ecs.{region}.otc.t-systems.com`"),
        );
    }
    for (n, entry) in service.catalog.iter().enumerate() {
        let ty = &entry.service_type;
        let twice = service.catalog[..n]
            .iter()
            .any(|earlier| earlier.service_type.value == ty.value);
        let problem = CatalogType::type_problem(&ty.value)
            .map(|reason| {
                (
                    ty.span.clone(),
                    format!("`{}` is not a catalog type: {reason}", ty.value),
                )
            })
            .or_else(|| {
                twice.then(|| {
                    (
                        ty.span.clone(),
                        format!("catalog type `{}` is listed twice", ty.value),
                    )
                })
            })
            .or_else(|| {
                CatalogType::path_problem(&entry.path.value).map(|reason| {
                    (
                        entry.path.span.clone(),
                        format!("invalid catalog path `{}`: {reason}", entry.path.value),
                    )
                })
            });
        if let Some((span, message)) = problem {
            diags.push(
                Diagnostic::new(Code::InvalidCatalog, span, message)
                    .with_help("write `catalog = { compute = \"/v2.1/{project_id}\" }`: each type the cloud's catalog lists the service under, with the path below the endpoint its URL has"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(code: &str, status: u16) -> ErrorCode {
        ErrorCode {
            code: Spanned::new(code.to_owned(), 0..0),
            status: Spanned::new(status, 0..0),
            message: Some("Quota \"exceeded\".".into()),
            description: None,
            reference: Some("appendix/error_codes.rst".into()),
        }
    }

    #[test]
    fn error_files_round_trip() {
        let codes = vec![code("Ecs.0001", 400), code("Ecs.0002", 500)];
        let text = write_errors("# header\n", &codes);
        let back = load_errors("errors.toml", &text).unwrap();
        assert_eq!(back.len(), 2);
        assert_eq!(back[0].code.value, "Ecs.0001");
        assert_eq!(back[1].status.value, 500);
        assert_eq!(back[0].meaning(), Some("Quota \"exceeded\"."));
        assert_eq!(
            back[0].reference.as_deref(),
            Some("appendix/error_codes.rst")
        );
    }

    #[test]
    fn error_files_are_checked() {
        let text = write_errors("", &[code("A.1", 400), code("A.1", 200), code(" ", 404)]);
        let err = load_errors("errors.toml", &text).unwrap_err();
        let codes: Vec<_> = err.diagnostics.iter().map(|d| d.code).collect();
        assert!(codes.contains(&Code::DuplicateErrorCode), "{codes:?}");
        assert!(codes.contains(&Code::InvalidErrorStatus), "{codes:?}");
        assert!(codes.contains(&Code::EmptyErrorCode), "{codes:?}");
        let err = load_errors(
            "errors.toml",
            "[[error]]\ncode = \"A\"\nstatus = \"x\"\nwhat = 1\n",
        )
        .unwrap_err();
        assert_eq!(err.diagnostics.len(), 2, "{:?}", err.diagnostics);
    }

    #[test]
    fn catalog_types_round_trip_and_are_checked() {
        let text = "[service]\nname = \"nat\"\ntitle = \"NAT\"\n\
                    endpoint = \"https://nat.{region}.example.com\"\n\
                    catalog = { nat = \"/v2.0\", \"vpc2.0\" = \"/v2.0/{project_id}\", x = \"\" }\n";
        let service = load("service.toml", text).unwrap();
        let types: Vec<(&str, &str)> = service
            .catalog
            .iter()
            .map(|t| (t.service_type.value.as_str(), t.path.value.as_str()))
            .collect();
        assert_eq!(
            types,
            [
                ("nat", "/v2.0"),
                ("vpc2.0", "/v2.0/{project_id}"),
                ("x", "")
            ]
        );
        assert_eq!(
            service.catalog[1].url("http://127.0.0.1:1/nat/", "p1"),
            "http://127.0.0.1:1/nat/v2.0/p1"
        );
        let back = load("service.toml", &write("h", &service)).unwrap();
        let pairs = |s: &Service| -> Vec<(String, String)> {
            let pair = |t: &CatalogType| (t.service_type.value.clone(), t.path.value.clone());
            s.catalog.iter().map(pair).collect()
        };
        assert_eq!(pairs(&back), pairs(&service));
        for (ty, path) in [
            ("Compute", "/v2"),
            ("compute", "/v2/{project}"),
            ("compute", "/v2?x=1"),
        ] {
            let bad = text.replace("x = \"\"", &format!("{ty} = \"{}\"", path));
            let err = load("service.toml", &bad).unwrap_err();
            assert_eq!(err.diagnostics[0].code, Code::InvalidCatalog, "{ty} {path}");
        }
    }

    #[test]
    fn service_names() {
        assert!(is_service_name("ecs"));
        assert!(is_service_name("vpcep"));
        assert!(is_service_name("s3"));
        assert!(!is_service_name("Ecs"));
        assert!(!is_service_name("cloud-eye"));
        assert!(!is_service_name("3s"));
        assert!(!is_service_name(""));
    }
}
