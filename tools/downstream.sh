#!/usr/bin/env bash
# Builds and tests tests/downstream, a library user's crate, from the packages of the
# workspace's crates alone (`cargo package` first): each `.crate` in target/package/ is
# unpacked and patched in for its crates.io name, so nothing of the repository but those
# packages is seen. No network publishing.
#   bash tools/downstream.sh
set -euo pipefail
cd "$(dirname "$0")/.."
unpacked=$(mktemp -d)
trap 'rm -rf "$unpacked"' EXIT
patches=()
for crate in target/package/*.crate; do
  tar xzf "$crate" -C "$unpacked"
  dir=$(basename "$crate" .crate)
  name=${dir%-*}
  patches+=(--config "patch.crates-io.$name.path='$unpacked/$dir'")
done
[ ${#patches[@]} -gt 0 ] || { echo "no packages in target/package: run cargo package first" >&2; exit 1; }
CARGO_TARGET_DIR=target/downstream cargo test --manifest-path tests/downstream/Cargo.toml "${patches[@]}"
