#!/usr/bin/env bash
# What the test suite needs beyond npm packages, from Debian's packages: Chromium for the widget's
# browser test (driven by playwright-core, no browser download) and PostgreSQL for the store tests
# on PostgreSQL. Installed when missing and running as root; otherwise a hint is printed.
set -uo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null || missing+=(postgresql)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing ${missing[*]} for the test suite (apt-get)…" >&2
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null ||
    echo "Could not install ${missing[*]}: the browser test fails and PostgreSQL variants are skipped." >&2
else
  echo "Missing ${missing[*]}: sudo apt-get install -y ${missing[*]} (browser test / PostgreSQL variants)." >&2
fi
exit 0
