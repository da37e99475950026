#!/usr/bin/env bash
# The test command of README.md: sets up the machine, then builds and runs every test (unit, property,
# known-answer vectors, black-box CLI).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec mvn -B verify "$@"
