#!/usr/bin/env bash
# Adds the client crate of a service whose specs are in specs/<dir>/, and makes the `apigw`
# command line and emulator serve it:
#   bash services/add.sh <dir> [<name>]
# <name> (the service's short name, e.g. `ecs`) is needed only when specs/<dir>/service.toml
# does not exist yet: it is then written with the endpoint pattern of Open Telekom Cloud, and the
# title taken from reference/<dir>/index.rst. Running it again changes nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:?usage: bash services/add.sh <dir> [<name>]}
service_file=specs/$dir/service.toml
[ -d "specs/$dir" ] || { echo "no specs/$dir: import the reference first" >&2; exit 1; }
if [ ! -f "$service_file" ]; then
  name=${2:?specs/$dir/service.toml does not exist: give the short name of the service}
  title=$(grep -v -e '^[=:.]' -e '^$' "reference/$dir/index.rst" 2>/dev/null | head -1 | sed 's/ - API Reference$//')
  cat > "$service_file" <<TOML
# The ${title:-$name} service: what its operations share (see docs/spec-format.md, "The service file").

[service]
name = "$name"
title = "${title:-$name}"
endpoint = "https://$name.{region}.otc.t-systems.com"
reference = "$dir"
TOML
fi
field() { sed -n "s/^$1 = \"\(.*\)\"$/\1/p" "$service_file"; }
name=$(field name)
title=$(field title)
crate=services/$name
mkdir -p "$crate/src"
cat > "$crate/Cargo.toml" <<TOML
[package]
name = "apigw-$name"
description = "Typed async client for the $title ($name) REST API, generated at compile time from the apigw specs in specs/$dir/"
version.workspace = true
edition.workspace = true
rust-version.workspace = true
license.workspace = true
repository.workspace = true

[lints]
workspace = true

[features]
default = ["rustls"]
## HTTPS through rustls (the usual choice for a cloud endpoint).
rustls = ["apigw-runtime/rustls"]

[dependencies]
apigw-macros.workspace = true
apigw-runtime.workspace = true
TOML
cat > "$crate/build.rs" <<RS
//! Rebuilds the crate when a spec is added to or removed from its folder (edits to a spec are
//! tracked by the macro itself).
fn main() {
    println!("cargo:rerun-if-changed=../../specs/$dir");
}
RS
cat > "$crate/src/lib.rs" <<RS
//! A typed async client for the $title (\`$name\`) REST API, generated at compile time by
//! apigw from the specs in \`specs/$dir/\` (one file per operation).
//!
//! \`\`\`no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use apigw_$name::{Client, Config, Credentials};
//!
//! let client = Client::new(
//!     Config::builder()
//!         .region("eu-de") // or .endpoint(...), or APIGW_ENDPOINT_${name^^}
//!         .project_id("my-project")
//!         .credentials(Credentials::token(std::env::var("OS_AUTH_TOKEN")?))
//!         .build()?,
//! )?;
//! println!("{} operations at {}", apigw_$name::SERVICE.operations.len(), client.config().region().unwrap_or("?"));
//! # Ok(())
//! # }
//! \`\`\`
//!
//! Each folder of the specs is a module and each operation a module in it, with its request
//! builder, response and error types; [\`Client\`] has one method per operation; object types
//! that several operations define alike are in [\`types\`].

apigw_macros::service!("../../specs/$dir");
RS
# Register the crate with the workspace and the command line (once).
grep -q "^apigw-$name = " Cargo.toml || \
  sed -i "/^# The services (services\/add.sh adds to this list)./a apigw-$name = { path = \"$crate\", version = \"0.1.0\", default-features = false }" Cargo.toml
grep -q "^apigw-$name.workspace" Cargo.toml || \
  sed -i "/^# Every service's client (services\/add.sh adds to this list)./a apigw-$name.workspace = true" Cargo.toml
grep -q "apigw_$name::SERVICE" src/bin/apigw/services.rs || \
  sed -i "/^    \/\/ services\/add.sh adds to this list./a \ \ \ \ &apigw_$name::SERVICE," src/bin/apigw/services.rs
echo "apigw-$name: $crate ($(find "specs/$dir" -name '*.toml' ! -name service.toml | wc -l) operations)"
