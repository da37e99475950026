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

echo; echo "== signed provenance: key, model root digest, signed envelope, verification, tampering caught"
model="$out/model"
mkdir -p "$model"
printf 'weights of a small model\n' > "$model/weights.bin"
printf '{"layers": 4}\n' > "$model/config.json"
set +e
run bin/governance keygen --algorithm ed25519 --out "$out/release"
run bin/governance hash-model "$model"
run bin/governance sign --key "$out/release.key.pem" --manifest examples/manifests/credit-scoring.yaml \
    --model "$model" --out "$out/credit-scoring.dsse.json"
run bin/governance verify --pub "$out/release.pub.pem" --envelope "$out/credit-scoring.dsse.json" \
    --manifest examples/manifests/credit-scoring.yaml --model "$model"
verified=$?
printf 'tampered\n' >> "$model/weights.bin"
echo; echo "== a model file changed after signing (exit 1 expected)"
run bin/governance verify --pub "$out/release.pub.pem" --envelope "$out/credit-scoring.dsse.json" \
    --manifest examples/manifests/credit-scoring.yaml --model "$model"
tampered=$?
set -e
if [ "$verified" -ne 0 ] || [ "$tampered" -ne 1 ]; then
  echo "demo: expected verification to pass (0) and then fail (1), got $verified and $tampered" >&2
  exit 1
fi
echo; echo "demo: done"
