#!/usr/bin/env bash
# Compile time and peak memory of the `apigw` crate with every operation, and the same code
# written out as plain source (so the macro's own share shows), plus generated lines per
# operation. Runs in a few minutes on 2 cores. Usage: bash bench/compile-time.sh
#
# Peak memory is the largest resident set of any process of the build (the crate's rustc),
# from GNU time. Dependencies are built first and not counted.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target/compile-time}"
expanded="$CARGO_TARGET_DIR/apigw-expanded"
timing="$(mktemp)"

measure() { # label, command...
  local label="$1"; shift
  /usr/bin/time -f "%e %M" -o "$timing" "$@" >/dev/null 2>&1
  read -r secs kib < "$timing"
  printf '| %s | %s s | %s MiB |\n' "$label" "$secs" "$((kib / 1024))"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(rustc --version)"
echo
echo "Building dependencies first (not measured)..." >&2
cargo build --locked -p apigw --lib --no-default-features --features rustls,all-operations >/dev/null 2>&1
cargo run --locked -q -p apigw-codegen --example expand -- --crate "$expanded" >/dev/null 2>&1
cargo build --offline --manifest-path "$expanded/Cargo.toml" >/dev/null 2>&1

echo "| build (debug, library only) | wall | peak memory |"
echo "|---|---|---|"
cargo clean -p apigw >/dev/null 2>&1
measure "apigw, clean (macro expands 198 specs)" cargo build --locked -p apigw --lib --no-default-features --features rustls,all-operations
touch specs/api_management/list_api_versions_v2.toml
measure "apigw, after editing one spec" cargo build --locked -p apigw --lib --no-default-features --features rustls,all-operations
cargo clean --manifest-path "$expanded/Cargo.toml" -p apigw-expanded >/dev/null 2>&1
measure "same code as plain source, clean" cargo build --offline --manifest-path "$expanded/Cargo.toml"
cargo clean -p apigw >/dev/null 2>&1
measure "apigw with one folder (api_management, 14 operations), clean" cargo build --locked -p apigw --lib --no-default-features --features rustls,api_management
echo
cargo run --locked -q -p apigw-codegen --example expand -- specs
rm -f "$timing"
