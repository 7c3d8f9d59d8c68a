#!/usr/bin/env bash
# Clean debug build of each service's client crate, then of all of them together (the `apigw`
# command line, which depends on every one), with wall time and peak memory, and the generated
# lines per operation. Dependencies are built first and not counted. Prints a Markdown table.
#   bash bench/services.sh            (about 40 min on 2 cores for 44 services)
#   bash bench/services.sh apig vpc   (only these crates, and not all of them together)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target/bench-services}
# Every service crate: a folder of specs/ with its own Cargo.toml; `name|dir` each.
crates=$(for m in specs/*/Cargo.toml; do d=$(basename "$(dirname "$m")"); echo "$(sed -n 's/^name = "apigw-\(.*\)"$/\1/p' "$m")|$d"; done)
if [ $# -gt 0 ]; then
  crates=$(for entry in $crates; do for want in "$@"; do if [ "${entry%|*}" = "$want" ]; then echo "$entry"; fi; done; done)
fi
cargo build --locked -q -p apigw-runtime -p apigw-macros -p apigw-emulator 2>/dev/null
echo "| crate | operations | generated lines (median / max per operation) | clean debug build | peak memory | seconds per operation |"
echo "|---|---:|---|---:|---:|---:|"
for entry in $crates; do
  s=${entry%|*}
  dir=${entry#*|}
  ops=$(find "specs/$dir" -name '*.toml' ! -name service.toml ! -name Cargo.toml ! -name errors.toml | wc -l)
  lines=$(cargo run --locked -q -p apigw-codegen --example expand -- "specs/$dir" 2>/dev/null | sed -n 's/.*median \([0-9]*\) per operation.*max \([0-9]*\).*/\1 \/ \2/p')
  cargo clean -q -p "apigw-$s" 2>/dev/null || true
  /usr/bin/time -f "%e %M" -o /tmp/apigw-bench-time cargo build --locked -q -p "apigw-$s" 2>/dev/null
  read -r secs kb < /tmp/apigw-bench-time
  echo "| apigw-$s | $ops | $lines | ${secs} s | $((kb / 1024)) MiB | $(echo "scale=3; $secs / $ops" | bc) |"
done
if [ $# -gt 0 ]; then exit 0; fi
for entry in $crates; do cargo clean -q -p "apigw-${entry%|*}" 2>/dev/null || true; done
cargo clean -q -p apigw 2>/dev/null || true
/usr/bin/time -f "%e %M" -o /tmp/apigw-bench-time cargo build --locked -q -p apigw 2>/dev/null
read -r secs kb < /tmp/apigw-bench-time
echo "| all $(echo "$crates" | wc -w) + the command line (\`cargo build -p apigw\`) | $(find specs -name '*.toml' ! -name service.toml ! -name Cargo.toml ! -name errors.toml | wc -l) | | ${secs} s | $((kb / 1024)) MiB (largest rustc) | |"
