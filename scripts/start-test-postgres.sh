#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the test suite and prints the URL to use as
# QUALBOT_TEST_POSTGRES_URL (tests create one database per test file in it).
#   eval "$(scripts/start-test-postgres.sh)"     # exports QUALBOT_TEST_POSTGRES_URL
#   scripts/stop-test-postgres.sh                 # stops it and removes its files
# Needs Debian's `postgresql` package (apt-get install -y postgresql). As root, the cluster runs
# as the `postgres` user (PostgreSQL refuses to run as root).
set -euo pipefail

bin_dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin_dir" ] && command -v pg_ctl >/dev/null; then bin_dir=$(dirname "$(command -v pg_ctl)"); fi
if [ -z "$bin_dir" ]; then
  echo "start-test-postgres: PostgreSQL is not installed (apt-get install -y postgresql)" >&2
  exit 1
fi

as_owner() {
  # From /: the postgres user may not be allowed into the caller's directory (a mktemp checkout).
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

data_dir=$(mktemp -d "${TMPDIR:-/tmp}/qualbot-pg-XXXXXX")
if [ "$(id -u)" -eq 0 ]; then chown postgres "$data_dir"; fi
chmod 700 "$data_dir"
port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')

as_owner "$bin_dir/initdb" -D "$data_dir/data" -U postgres --auth=trust --encoding=UTF8 --no-locale >"$data_dir/initdb.log" 2>&1 ||
  { cat "$data_dir/initdb.log" >&2; exit 1; }
# Tests open many short-lived pools (two instances, a database per file): allow plenty.
as_owner "$bin_dir/pg_ctl" -D "$data_dir/data" -l "$data_dir/server.log" -w -t 30 \
  -o "-p $port -k $data_dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c timezone=UTC" \
  start >/dev/null || { cat "$data_dir/server.log" >&2; exit 1; }

echo "$data_dir" >"${QUALBOT_TEST_POSTGRES_MARKER:-${TMPDIR:-/tmp}/qualbot-test-postgres.dir}"
echo "export QUALBOT_TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:$port/postgres"
