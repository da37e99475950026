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
# ratio with a target misses it (canonical digest, envelope and Ed25519 overheads, model-hash speed-up, audit log).
#
# PostgreSQL baseline of the audit log (AuditSyncBenchmark.baselinePostgres): when the selected benchmarks include it
# and MODELGOV_BENCH_PG_URL is unset, this script starts a throwaway PostgreSQL with benchmarks/postgres.sh (installing
# Debian's package if needed) and stops it afterwards; if it cannot, that one benchmark is skipped (excluded) with a
# message. BENCH_POSTGRES=0 skips it without trying. A server that was already running is used and left running.
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

pg_args=()
pg_bench='AuditSyncBenchmark.baselinePostgres'
if [[ -z "${MODELGOV_BENCH_PG_URL:-}" ]] && java -jar "$jar" -l "$@" 2>/dev/null | grep -q "\.$pg_bench\$"; then
  if [[ "${BENCH_POSTGRES:-1}" == "0" ]]; then
    echo "SKIPPED $pg_bench: BENCH_POSTGRES=0" >&2
    pg_args=(-e "$pg_bench")
  elif url="$(benchmarks/postgres.sh url 2>/dev/null)"; then
    export MODELGOV_BENCH_PG_URL="$url" # already running: use it, leave it running
  elif url="$(benchmarks/postgres.sh start)"; then
    export MODELGOV_BENCH_PG_URL="$url"
    trap 'benchmarks/postgres.sh stop || true' EXIT
  else
    echo "SKIPPED $pg_bench: PostgreSQL could not be started (benchmarks/postgres.sh start failed)" >&2
    pg_args=(-e "$pg_bench")
  fi
fi

java -jar "$jar" -rf json -rff "$result" ${pg_args[@]+"${pg_args[@]}"} "$@"

if [[ -s "$result" ]]; then
  java -cp "$jar" dev.modelgov.benchmarks.BenchSummary "$result"
  echo "Results: $result"
fi
