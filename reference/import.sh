#!/usr/bin/env bash
# Re-imports every vendored reference into specs/ and regenerates reference/COVERAGE.md.
#   bash reference/import.sh
# APIG's specs live in specs/<folder>/ (the apigw crate expands them); every other service's in
# specs/<service>/<folder>/.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p apigw-import --locked
import=target/release/apigw-import
"$import" --root reference/apig --out specs reference/apig/dedicated_gateway_apis_v2 2>/dev/null || true
for dir in reference/*/; do
  service=$(basename "$dir")
  [ "$service" = apig ] && continue
  rm -rf "specs/$service"
  "$import" --root "$dir" --out "specs/$service" "$dir" 2>/dev/null || true
done
UPDATE_COVERAGE=1 cargo test -p apigw-import --test coverage --locked
