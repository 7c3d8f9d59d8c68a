#!/usr/bin/env bash
# Re-imports every vendored reference into specs/ and regenerates reference/COVERAGE.md.
#   bash reference/import.sh
# Each service's specs go to specs/<service>/ (APIG's vendored part, dedicated_gateway_apis_v2/,
# straight into specs/apig/<folder>/); the service file specs/<service>/service.toml is kept.
set -euo pipefail
cd "$(dirname "$0")/.."
nice -n 15 cargo build --release -p apigw-import --locked 2>/dev/null
import="${CARGO_TARGET_DIR:-target}/release/apigw-import"
"$import" --root reference/apig --out specs/apig reference/apig/dedicated_gateway_apis_v2 2>/dev/null || true
for dir in reference/*/; do
  service=$(basename "$dir")
  [ "$service" = apig ] && continue
  # The crate's own folders (src/) stay; every folder of specs is written anew.
  find "specs/$service" -mindepth 1 -maxdepth 1 -type d ! -name src -exec rm -rf {} +
  "$import" --root "$dir" --out "specs/$service" "$dir" 2>/dev/null || true
done
UPDATE_COVERAGE=1 cargo test -p apigw-import --test coverage --locked
