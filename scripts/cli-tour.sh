#!/usr/bin/env bash
# A tour of the CLI as an operator uses it in CI (the main job is scripts/demo.sh): builds the CLI, then takes the example manifests through validate, digest,
# export and coverage, as an operator would in CI; signs and verifies a model's provenance; evaluates the built-in
# governance policy in Java and CEL and runs the policy suites; checks example data for drift and renders the
# metric alert rules; and runs the audit log (append, prove, erase, tail, verify, tampering caught).
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
  echo "cli tour: expected exit 1 for the invalid manifest, got $status" >&2
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
  echo "cli tour: expected verification to pass (0) and then fail (1), got $verified and $tampered" >&2
  exit 1
fi
echo; echo "== policy: the built-in governance pack (21 rules) at promotion, with the signed provenance verified"
set +e
run bin/governance policy eval --policy builtin --context examples/policies/context-promotion.yaml \
    --provenance "$out/credit-scoring.dsse.json" --pub "$out/release.pub.pem" examples/manifests/credit-scoring.yaml
allowed=$?
echo; echo "== the same rules written in CEL deny the minimal manifest, naming rule, values and fix (exit 1 expected)"
run bin/governance policy eval --policy builtin-cel --context examples/policies/context-promotion.yaml \
    examples/manifests/minimal.yaml
denied=$?
echo; echo "== policy tests as data: every built-in rule passes and fails, in Java and in CEL; waivers expire"
run bin/governance policy test examples/policies/builtin.suite.yaml examples/policies/deploy-gate.suite.yaml
suites=$?
run bin/governance policy waivers --now 2026-12-10T00:00:00Z --expiring-within 14d examples/policies/waivers.yaml
set -e
if [ "$allowed" -ne 0 ] || [ "$denied" -ne 1 ] || [ "$suites" -ne 0 ]; then
  echo "cli tour: expected policy allow (0), deny (1) and suites passing (0), got $allowed, $denied and $suites" >&2
  exit 1
fi
echo; echo "== metrics: offline drift of the credit model's inputs against its training baseline, and its alert rules"
set +e
run bin/governance metrics drift --config examples/metrics/metrics-config.yaml \
    --baseline examples/metrics/baseline.csv --current examples/metrics/current-stable.csv
stable=$?
echo; echo "== a drifted month: lower incomes, higher debt, a new region mix (exit 1 expected)"
run bin/governance metrics drift --config examples/metrics/metrics-config.yaml \
    --baseline examples/metrics/baseline.csv --current examples/metrics/current-drifted.csv
drifted=$?
echo; echo "\$ bin/governance metrics alerts --config examples/metrics/metrics-config.yaml --format prometheusrule" \
    "--name credit-scoring-alerts --namespace monitoring | head -20"
bin/governance metrics alerts --config examples/metrics/metrics-config.yaml --format prometheusrule \
    --name credit-scoring-alerts --namespace monitoring >"$out/credit-scoring-alerts.yaml"
alerts=$?
head -20 "$out/credit-scoring-alerts.yaml"
echo "... ($(grep -c '^ *- alert:' "$out/credit-scoring-alerts.yaml") alerting rules)"
set -e
if [ "$stable" -ne 0 ] || [ "$drifted" -ne 1 ] || [ "$alerts" -ne 0 ]; then
  echo "cli tour: expected no drift (0), drift (1) and the alert rules (0), got $stable, $drifted and $alerts" >&2
  exit 1
fi

echo; echo "== Kubernetes: render the governed deployment for Git, scan it and an unhardened one, check our RBAC"
set +e
run bin/governance k8s render --out "$out/governed.yaml" examples/manifests/credit-scoring.yaml
rendered=$?
run bin/governance k8s scan --profile governance-strict "$out/governed.yaml"
clean=$?
echo; echo "== an unhardened model server (exit 1 expected)"
run bin/governance k8s scan --profile governance-strict examples/k8s/unhardened-deployment.yaml
findings=$?
run bin/governance k8s rbac governance-k8s/src/main/resources/dev/modelgov/k8s/rbac/modelgov-components.yaml
rbac=$?
set -e
if [ "$rendered" -ne 0 ] || [ "$clean" -ne 0 ] || [ "$findings" -ne 1 ] || [ "$rbac" -ne 0 ]; then
  echo "cli tour: expected render 0, clean scan 0, findings 1 and rbac 0, got $rendered, $clean, $findings and $rbac" >&2
  exit 1
fi
echo; echo "== the audit log: append from a serving app's events, prove, erase a subject, verify offline, catch tampering"
alog="$out/audit"
cat >"$out/events.jsonl" <<'JSONL'
{"type":"deployment","model":{"id":"risk/credit-scoring","version":"2.4.0","manifestDigest":"sha256:5f0c4b0d5ad4ad8aef3f2ea6f1bd1b1e2fbf0f6e1c4ed8d7ab5d0f6c2b8a9e11"},"action":"DEPLOYED","environment":"prod"}
{"type":"prediction","model":{"id":"risk/credit-scoring","version":"2.4.0","manifestDigest":"sha256:5f0c4b0d5ad4ad8aef3f2ea6f1bd1b1e2fbf0f6e1c4ed8d7ab5d0f6c2b8a9e11"},"requestId":"req-1","output":"approve","latencyMs":12.5,"subject":"customer-991","personalData":{"name":"Jane Doe"}}
{"type":"policy.decision","policy":"eu-ai-act/high-risk-approval","allowed":true,"reasons":["approved by model-risk-officer"]}
JSONL
set +e
run bin/governance keygen --algorithm ed25519 --out "$out/audit-key"
run bin/governance audit append --log "$alog" --key "$out/audit-key.key.pem" --origin demo.example/prod/scoring/audit \
    --events "$out/events.jsonl"
run bin/governance audit prove --log "$alog" --pub "$out/audit-key.pub.pem" --index 1
run bin/governance audit erase --log "$alog" --key "$out/audit-key.key.pem" --subject customer-991 \
    --reason "GDPR Art. 17 request 2026-118"
run bin/governance audit tail --log "$alog" --format jsonl
run bin/governance audit verify --log "$alog" --pub "$out/audit-key.pub.pem"
intact=$?
echo; echo "== one byte of the log changed on disk (exit 1 expected)"
seg=$(ls "$alog"/segments/*.seg | head -1)
printf 'X' | dd of="$seg" bs=1 seek=200 conv=notrunc status=none
run bin/governance audit verify --log "$alog" --pub "$out/audit-key.pub.pem"
caught=$?
set -e
if [ "$intact" -ne 0 ] || [ "$caught" -ne 1 ]; then
  echo "cli tour: expected the audit log to verify (0) and then fail (1), got $intact and $caught" >&2
  exit 1
fi
echo; echo "cli tour: done"
