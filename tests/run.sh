#!/usr/bin/env bash
# Runs every Orch test. Installs what the tests need when it is missing (as root, from Debian's
# packages): the PostgreSQL server binaries, from which the tests start a throwaway cluster,
# Chromium, which the dashboard's browser tests drive with Playwright, and Node.js with npx, which
# runs the MCP Inspector against Orch.Mcp after the tests (tests/inspector.sh).
# Extra arguments go to `dotnet test` (for example --filter).
set -euo pipefail
cd "$(dirname "$0")/.."

need_package() {
  local what=$1 package=$2
  if [ "$(id -u)" -ne 0 ]; then
    echo "tests/run.sh: $what is missing; install the Debian package '$package' (or run this script as root)." >&2
    exit 1
  fi
  if [ -z "${apt_updated:-}" ]; then
    apt-get update -qq
    apt_updated=1
  fi
  echo "tests/run.sh: installing $package ($what)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$package" >/dev/null
}

# PostgreSQL: a server binary set under /usr/lib/postgresql/*/bin, unless ORCH_TEST_POSTGRES names a server.
if [ -z "${ORCH_TEST_POSTGRES:-}" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  need_package "PostgreSQL server" postgresql
fi
# Chromium at the path the browser tests launch (Playwright downloads no browser here).
if [ ! -x /usr/bin/chromium ]; then
  need_package "Chromium" chromium
fi
# Node.js and npx, for the MCP Inspector.
if ! command -v node >/dev/null 2>&1; then
  need_package "Node.js" nodejs
fi
if ! command -v npx >/dev/null 2>&1; then
  need_package "npx" npm
fi
if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
  echo "tests/run.sh: running as root needs the 'postgres' user (made by the postgresql package)." >&2
  exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Orch.sln "$@" 2>&1 | tee "$log" || status=$?

# Clusters of test processes that were killed before they could clean up.
for dir in /tmp/orch-pg-*; do
  [ -d "$dir" ] || continue
  owner=$(cat "$dir/owner.pid" 2>/dev/null || echo 0)
  if ! kill -0 "$owner" 2>/dev/null; then
    runner=(); [ "$(id -u)" -eq 0 ] && runner=(runuser -u postgres --)
    "${runner[@]}" /usr/lib/postgresql/*/bin/pg_ctl -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
  fi
done

# One closing line for the whole run, summed over the test assemblies.
awk '
  /^(Passed|Failed)! +- / {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") { gsub(",", "", $(i+1)); failed += $(i+1) }
      if ($i == "Passed:") { gsub(",", "", $(i+1)); passed += $(i+1) }
      if ($i == "Skipped:") { gsub(",", "", $(i+1)); skipped += $(i+1) }
    }
    assemblies++
  }
  END {
    if (assemblies == 0) { print "tests/run.sh: no test assembly reported results" > "/dev/stderr"; exit 1 }
    printf "Tests: %d passed, %d failed, %d skipped\n", passed, failed, skipped
    if (passed == 0) exit 1
  }' "$log" || status=1

# The MCP server as an outside client sees it, through the official MCP Inspector.
bash tests/inspector.sh || status=1
exit "$status"
