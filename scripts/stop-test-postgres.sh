#!/usr/bin/env bash
# Stops the cluster started by scripts/start-test-postgres.sh and removes its files.
set -uo pipefail
marker="${QUALBOT_TEST_POSTGRES_MARKER:-${TMPDIR:-/tmp}/qualbot-test-postgres.dir}"
[ -f "$marker" ] || exit 0
data_dir=$(cat "$marker")
bin_dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$bin_dir" ] || bin_dir=$(dirname "$(command -v pg_ctl)")
if [ "$(id -u)" -eq 0 ]; then
  # From /: the postgres user may not be allowed into the caller's directory (a mktemp checkout),
  # and pg_ctl would say so after the test summary.
  (cd / && runuser -u postgres -- "$bin_dir/pg_ctl" -D "$data_dir/data" -m fast stop >/dev/null)
else
  "$bin_dir/pg_ctl" -D "$data_dir/data" -m fast stop >/dev/null
fi
rm -rf "$data_dir" "$marker"
