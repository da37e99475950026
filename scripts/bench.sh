#!/usr/bin/env bash
# Runs the JMH benchmarks and prints the canonical/baseline ratios.
#
#   scripts/bench.sh                          # every benchmark, settings from the annotations
#   scripts/bench.sh ManifestDigest -f 1 -wi 2 # any JMH arguments are passed through (regex, -f, -wi, -i, -prof ...)
#   scripts/bench.sh -h                       # JMH's own help
#
# Builds benchmarks/target/benchmarks.jar if it is missing (or when BENCH_REBUILD=1); extra Maven flags can go in
# MAVEN_ARGS (for example MAVEN_ARGS=-o to build offline). Results are written as JMH JSON to
# bench-results/jmh-<UTC timestamp>.json (the folder is git-ignored). Set BENCH_ENFORCE=1 to exit with 3 when a
# ratio with a target misses it (canonical digest, envelope and Ed25519 overheads, model-hash speed-up).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

jar=benchmarks/target/benchmarks.jar
if [[ ! -f "$jar" || "${BENCH_REBUILD:-0}" == "1" ]]; then
  echo "Building $jar ..." >&2
  mvn -B -q -Dquick -DskipTests package -pl benchmarks -am
fi

mkdir -p bench-results
result="bench-results/jmh-$(date -u +%Y%m%dT%H%M%SZ).json"

java -jar "$jar" -rf json -rff "$result" "$@"

if [[ -s "$result" ]]; then
  java -cp "$jar" dev.modelgov.benchmarks.BenchSummary "$result"
  echo "Results: $result"
fi
