#!/usr/bin/env bash
# A throwaway PostgreSQL for the audit-log benchmark baseline (AuditSyncBenchmark.baselinePostgres).
#
#   benchmarks/postgres.sh start    # install (Debian apt) if missing, initdb once, start; prints the JDBC URL on stdout
#   benchmarks/postgres.sh url      # prints the JDBC URL of the running server (exit 3 if it is not running)
#   benchmarks/postgres.sh status   # running or not (exit 3 if not), and the URL
#   benchmarks/postgres.sh stop     # fast shutdown
#   benchmarks/postgres.sh clean    # stop and delete the data directory
#
# The cluster lives in $MODELGOV_PG_DIR (default: build/postgres in the repository, which is git-ignored): data/,
# the server log postgres.log, run/ for the Unix socket (mode 0700, used only by this script) and the generated
# password of the role `bench`. The server listens on 127.0.0.1 only, on a free port chosen at each start, with
# fsync=on and synchronous_commit=on (durable commits, as an audit table needs); everything else is PostgreSQL's
# default. TCP on loopback is used because pgjdbc needs extra libraries for Unix sockets. Database `audit`, table
# audit(id bigserial primary key, ts timestamptz default now(), event jsonb), owned by `bench`.
#
# PostgreSQL refuses to run as root: as root the server and initdb run as the `postgres` OS user (runuser), which the
# Debian package creates. Messages go to stderr; stdout carries only the URL.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pgdir="${MODELGOV_PG_DIR:-$root/build/postgres}"
data="$pgdir/data"
run="$pgdir/run"
log="$pgdir/postgres.log"
pwfile="$pgdir/password"
portfile="$pgdir/port"

say() { echo "postgres.sh: $*" >&2; }
die() { say "$*"; exit 1; }

find_bindir() {
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -n "$d" && -x "$d/postgres" ]]; then
    echo "$d"
  elif command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"
  fi
}

bindir="$(find_bindir)"

install_postgres() {
  [[ -n "$bindir" ]] && return 0
  command -v apt-get >/dev/null 2>&1 || die "PostgreSQL is not installed and apt-get is not available; install it"
  [[ "$(id -u)" == 0 ]] || die "PostgreSQL is not installed; run as root to install it with apt-get"
  say "installing Debian's postgresql with apt-get ..."
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2
  bindir="$(find_bindir)"
  [[ -n "$bindir" ]] || die "apt-get installed postgresql but no server binaries were found"
}

# Runs a PostgreSQL program as the postgres OS user when we are root (the server refuses root).
as_pg() {
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

running() {
  [[ -n "$bindir" && -f "$data/PG_VERSION" ]] && as_pg "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1
}

url() {
  echo "jdbc:postgresql://127.0.0.1:$(cat "$portfile")/audit?user=bench&password=$(cat "$pwfile")"
}

port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
  local p i
  for i in $(seq 1 50); do
    p=$((20000 + RANDOM % 30000))
    if port_free "$p"; then
      echo "$p"
      return 0
    fi
  done
  die "no free port found"
}

psql_admin() {
  as_pg "$bindir/psql" -X -q -h "$run" -p "$(cat "$portfile")" -U postgres -v ON_ERROR_STOP=1 "$@" >&2
}

init_cluster() {
  mkdir -p "$pgdir"
  if [[ "$(id -u)" == 0 ]]; then
    id postgres >/dev/null 2>&1 || die "no postgres OS user to run the server as"
    chown postgres:postgres "$pgdir"
    runuser -u postgres -- test -w "$pgdir" \
      || die "the postgres user cannot write $pgdir (a parent directory is not traversable?); set MODELGOV_PG_DIR to a directory the postgres user can reach"
  fi
  if [[ ! -s "$pwfile" ]]; then
    (umask 077; head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' > "$pwfile")
  fi
  if [[ ! -f "$data/PG_VERSION" ]]; then
    say "initdb $data"
    as_pg "$bindir/initdb" -D "$data" -U postgres -E UTF8 --locale=C --auth-local=trust --auth-host=scram-sha-256 >&2
    cat >> "$data/postgresql.conf" <<EOF

# modelgov benchmark baseline (benchmarks/postgres.sh); the port is passed at start.
listen_addresses = '127.0.0.1'
unix_socket_directories = '$run'
unix_socket_permissions = 0700
fsync = on
synchronous_commit = on
full_page_writes = on
max_connections = 50
EOF
  fi
  mkdir -p "$run"
  chmod 700 "$run"
  [[ "$(id -u)" == 0 ]] && chown postgres:postgres "$run"
  return 0
}

start() {
  install_postgres
  if running; then
    say "already running"
    url
    return 0
  fi
  init_cluster
  local port
  port="$(free_port)"
  echo "$port" > "$portfile"
  [[ "$(id -u)" == 0 ]] && touch "$log" && chown postgres:postgres "$log"
  say "starting PostgreSQL ($("$bindir/postgres" --version)) on 127.0.0.1:$port, data $data"
  as_pg "$bindir/pg_ctl" -D "$data" -l "$log" -w -t 60 -o "-c port=$port" start >&2 \
    || { tail -n 20 "$log" >&2 || true; die "PostgreSQL did not start (log: $log)"; }
  local pw
  pw="$(cat "$pwfile")"
  psql_admin -d postgres <<EOF
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'bench') THEN CREATE ROLE bench LOGIN; END IF;
END \$\$;
ALTER ROLE bench PASSWORD '$pw';
-- The benchmark runs CHECKPOINT before it starts, so that every run begins with no dirty buffers (PostgreSQL 15+).
DO \$\$ BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'pg_checkpoint') THEN GRANT pg_checkpoint TO bench; END IF;
END \$\$;
EOF
  if [[ -z "$(as_pg "$bindir/psql" -X -h "$run" -p "$port" -U postgres -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = 'audit'")" ]]; then
    psql_admin -d postgres -c "CREATE DATABASE audit OWNER bench"
  fi
  psql_admin -d audit <<EOF
SET client_min_messages = warning;
CREATE TABLE IF NOT EXISTS audit(id bigserial PRIMARY KEY, ts timestamptz DEFAULT now(), event jsonb);
ALTER TABLE audit OWNER TO bench;
EOF
  url
}

stop() {
  if running; then
    say "stopping PostgreSQL ($data)"
    as_pg "$bindir/pg_ctl" -D "$data" -m fast -w -t 60 stop >&2
  else
    say "not running"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url)
    running || { say "not running"; exit 3; }
    url
    ;;
  status)
    if running; then
      say "running on 127.0.0.1:$(cat "$portfile"), data $data"
      url
    else
      say "not running"
      exit 3
    fi
    ;;
  clean)
    stop
    say "deleting $pgdir"
    rm -rf "$pgdir"
    ;;
  *)
    echo "usage: $0 start|stop|status|url|clean" >&2
    exit 2
    ;;
esac
