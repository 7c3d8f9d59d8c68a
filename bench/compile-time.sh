#!/usr/bin/env bash
# Compile time and peak memory of the largest service client (`apigw-apig`, 198 operations):
# a clean build, and the rebuild after one spec changed (what a library author waits for),
# plus generated lines per operation. A few minutes on 2 cores. Usage: bash bench/compile-time.sh
# (`bash bench/services.sh` measures every service's clean build.)
#
# Peak memory is the largest resident set of any process of the build (the crate's rustc),
# from GNU time. Dependencies are built first and not counted.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target/compile-time}"
timing="$(mktemp)"
spec=specs/apig/api_management/list_api_versions_v2.toml

measure() { # label, command...
  local label="$1"; shift
  /usr/bin/time -f "%e %M" -o "$timing" "$@" >/dev/null 2>&1
  read -r secs kib < "$timing"
  printf '| %s | %s s | %s MiB |\n' "$label" "$secs" "$((kib / 1024))"
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(rustc --version)"
echo
echo "Building dependencies first (not measured)..." >&2
cargo build --locked -p apigw-apig >/dev/null 2>&1

echo "| build (debug, library only) | wall | peak memory |"
echo "|---|---|---|"
cargo clean -p apigw-apig >/dev/null 2>&1
measure "apigw-apig, clean (macro expands 198 specs)" cargo build --locked -p apigw-apig
touch "$spec"
measure "apigw-apig, after editing one spec" cargo build --locked -p apigw-apig
echo
cargo run --locked -q -p apigw-codegen --example expand -- specs/apig
rm -f "$timing"
