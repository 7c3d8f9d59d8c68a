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
use crate::{LoadError, parse};

/// The name of the service file in a service's spec folder.
pub const FILE_NAME: &str = "service.toml";

pub use apigw_shared::{Endpoint, REGION};

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

/// Parses and checks a service file. `name` is how messages refer to it.
pub fn load(name: &str, text: &str) -> Result<Service, LoadError> {
    let source = SourceFile::new(name, text);
    let mut diags = Diagnostics::new();
    let service = parse::service(&source, &mut diags);
    if let Some(service) = &service {
        check(service, &mut diags);
    }
    match service {
        Some(service) if diags.is_empty() => Ok(service),
        _ => {
            let mut diagnostics = diags.into_vec();
            if diagnostics.is_empty() {
                diagnostics.push(Diagnostic::new(
                    Code::TomlSyntax,
                    0..0,
                    "the service file could not be read",
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

/// Whether an entry of a service folder (a file or folder name) holds operation specs: the
/// folder is also the service's crate, so its manifest (`Cargo.toml`), its sources (`src/`),
/// build output (`target/`), hidden entries and the service file are not operations.
pub fn is_spec_entry(name: &str, is_dir: bool) -> bool {
    if name.starts_with('.') {
        return false;
    }
    if is_dir {
        !matches!(name, "src" | "target" | "tests" | "examples" | "benches")
    } else {
        name.ends_with(".toml") && name != FILE_NAME && name != "Cargo.toml"
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
}

#[cfg(test)]
mod tests {
    use super::*;

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
