#!/usr/bin/env bash
# The main job of README.md: sets up a JDK and Maven if missing, builds the CLI (tests skipped), then runs
# `bin/governance demo`, which tells the whole governance story in about a minute with no configuration: a manifest,
# the model hashed, signed and verified, the deploy policy (a denial explained, then the fix), the example model server
# started behind its gate, traffic with drift, the metrics and the drift alert, the audit log verified with an
# inclusion proof, one applicant erased with the log still verifying, and the Kubernetes deployment rendered and
# scanned. It exits 0 only when every step succeeded and names the directory it leaves its files in.
#
#   scripts/demo.sh                   # the whole story
#   scripts/demo.sh --keep-running    # and leave the example server up to try with curl (Ctrl-C to stop)
#   scripts/demo.sh --help            # every option of `governance demo`
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [ ! -f governance-cli/target/governance.jar ] || [ "${DEMO_REBUILD:-0}" = "1" ]; then
  echo "== building the CLI (mvn install, tests skipped; the first build downloads dependencies)"
  mvn -B -q -DskipTests -Dquick install -pl governance-cli -am
fi
exec bin/governance demo "$@"
