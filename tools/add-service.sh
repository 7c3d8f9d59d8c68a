#!/usr/bin/env bash
# Makes the folder of a service's specs, specs/<dir>/, the service's client crate, and makes the
# `apigw` command line and emulator serve it:
#   bash tools/add-service.sh <dir>
# The folder's service file, specs/<dir>/service.toml, is written by the importer
# (`apigw-import --service <name>`: title from the reference's index page, endpoint from the
# hosts its request URLs name, else the family's pattern). Running it again changes nothing.
#
# The crate is the specs folder itself (Cargo.toml, build.rs and src/lib.rs beside the specs), so
# that its package holds the specs its macro expands: a user who gets `apigw-<name>` from a
# registry builds it from the package alone.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:?usage: bash tools/add-service.sh <dir>}
crate=specs/$dir
service_file=$crate/service.toml
[ -f "$service_file" ] || {
  echo "no $service_file: import the reference with \`apigw-import --service <name>\` first" >&2
  exit 1
}
field() { sed -n "s/^$1 = \"\(.*\)\"$/\1/p" "$service_file"; }
name=$(field name)
title=$(field title)
mkdir -p "$crate/src"
cat > "$crate/Cargo.toml" <<TOML
[package]
name = "apigw-$name"
description = "Typed async client for the $title ($name) REST API of Open Telekom Cloud, generated at compile time from the specs it ships"
version.workspace = true
edition.workspace = true
rust-version.workspace = true
license.workspace = true
readme = "../../README.md"
documentation = "https://docs.rs/apigw-$name"
keywords = ["open-telekom-cloud", "otc", "sdk", "$name", "api"]
categories.workspace = true
# The package is this folder: the crate and every spec its macro expands.
include = ["Cargo.toml", "build.rs", "src/**", "**/*.toml"]

[lints]
workspace = true

[features]
default = ["rustls"]
## HTTPS through rustls (the usual choice for a cloud endpoint).
rustls = ["apigw-runtime/rustls"]
## Each operation's \`DYNAMIC\` (spec text, JSON decoding and re-encoding) for tools that treat
## every operation alike; the library does not need it.
dynamic = ["apigw-runtime/dynamic"]

[dependencies]
apigw-macros.workspace = true
apigw-runtime.workspace = true
TOML
cat > "$crate/build.rs" <<RS
//! Rebuilds the crate when a spec is added to or removed from its folder (edits to a spec are
//! tracked by the macro itself).
fn main() {
    println!("cargo:rerun-if-changed=.");
}
RS
cat > "$crate/src/lib.rs" <<RS
//! A typed async client for the $title (\`$name\`) REST API, generated at compile time by
//! apigw from the specs beside this crate's sources (one file per operation).
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
//! println!("{} at {}", apigw_$name::SERVICE.title, client.config().region().unwrap_or("?"));
//! # Ok(())
//! # }
//! \`\`\`
//!
//! [\`Client\`] has one method per operation, named after it; each operation's request builder,
//! response and error types are in its module of [\`operation\`] (where the reference's sections
//! group them); object types that several operations define alike are in [\`types\`].

apigw_macros::service!(".");
RS
# Register the crate with the workspace and the command line (once): Cargo has no globs for
# dependencies, so these two lines are the only places a service is named.
grep -q "^apigw-$name = " Cargo.toml || \
  sed -i "/^# The services (tools\/add-service.sh adds to this list)./a apigw-$name = { path = \"$crate\", version = \"0.1.0\", default-features = false }" Cargo.toml
grep -q "^apigw-$name = { workspace" Cargo.toml || \
  sed -i "/^# Every service's client (tools\/add-service.sh adds to this list)./a apigw-$name = { workspace = true, features = [\"dynamic\"] }" Cargo.toml
# The command line's list of services (src/bin/apigw/services.rs) is derived by build.rs from
# the crates in specs/; Cargo needs only the two dependency lines above.
echo "apigw-$name: $crate ($(find "$crate" -name '*.toml' ! -name service.toml ! -name Cargo.toml ! -name errors.toml | wc -l) operations)"
