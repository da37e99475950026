#!/usr/bin/env bash
# The end-to-end demo of README.md: builds the CLI, then takes the example manifests through validate, digest,
# export and coverage, as an operator would in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [ ! -f governance-cli/target/governance.jar ]; then
  echo "== building the CLI (mvn package, tests skipped)"
  mvn -B -q -DskipTests -Dquick package -pl governance-cli -am
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
run() { echo; echo "\$ $*"; "$@"; }
set +e
run bin/governance manifest validate examples/manifests/credit-scoring.yaml examples/manifests/minimal.yaml
run bin/governance manifest digest examples/manifests/credit-scoring.yaml
run bin/governance manifest export --format cyclonedx --out "$out/credit-scoring.cdx.json" examples/manifests/credit-scoring.yaml
run bin/governance manifest export --format spdx --out "$out/credit-scoring.spdx3.json" examples/manifests/credit-scoring.yaml
run bin/governance manifest export --format model-card --out "$out/credit-scoring.md" examples/manifests/credit-scoring.yaml
echo; echo "exported: $(ls "$out" | tr '\n' ' ')"; head -20 "$out/credit-scoring.md"
run bin/governance manifest coverage examples/manifests/credit-scoring.yaml
echo; echo "== an invalid manifest is refused with one line per problem (exit 1 expected)"
run bin/governance manifest validate examples/manifests/invalid/missing-fields.yaml
status=$?
set -e
if [ "$status" -ne 1 ]; then
  echo "demo: expected exit 1 for the invalid manifest, got $status" >&2
  exit 1
fi
echo; echo "demo: done"
