#!/usr/bin/env bash
# Checks Orch.Mcp with the official MCP Inspector's command line, as an outside client: tools/list
# must offer plan, approve, execute and status, and a tools/call of plan must return a draft plan
# with tasks. The server runs offline on a throwaway data directory.
# The Inspector is pinned: 0.15.0 is the last version that runs on Node.js 20.
set -euo pipefail
cd "$(dirname "$0")/.."

inspector=@modelcontextprotocol/inspector@0.15.0
configuration=${ORCH_INSPECTOR_CONFIGURATION:-Debug}
dll=src/Orch.Mcp/bin/$configuration/net10.0/Orch.Mcp.dll

fail() {
  echo "inspector: $1" >&2
  exit 1
}

command -v npx >/dev/null 2>&1 || fail "npx is missing (Debian packages nodejs and npm; tests/run.sh installs them as root)"
command -v node >/dev/null 2>&1 || fail "node is missing (Debian package nodejs)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if ! dotnet build src/Orch.Mcp -c "$configuration" -nologo -v quiet >"$work/build.log" 2>&1; then
  cat "$work/build.log" >&2
  fail "dotnet build src/Orch.Mcp failed"
fi

# Runs the Inspector's CLI against the server; its JSON answer goes to $work/$1.json.
# -e hands the server its environment: only the variables named there (and PATH, HOME and the
# like), so no Orch settings of this machine reach it.
inspect() {
  local name=$1
  shift
  local started=$SECONDS
  if ! timeout 300 npx -y "$inspector" --cli -e "Orch__DataDirectory=$work/data" \
      dotnet "$dll" "$@" </dev/null >"$work/$name.json" 2>"$work/$name.err"; then
    cat "$work/$name.json" "$work/$name.err" >&2
    fail "npx $inspector --cli ... $* failed after $((SECONDS - started)) s"
  fi
}

inspect tools-list --method tools/list
tools=$(node -e '
  const answer = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const names = (answer.tools || []).map(t => t.name);
  const missing = ["plan", "approve", "execute", "status"].filter(n => !names.includes(n));
  if (missing.length > 0) {
    console.error("tools/list has no " + missing.join(", ") + "; it has: " + names.join(", "));
    process.exit(1);
  }
  console.log(names.length);
' "$work/tools-list.json") || fail "tools/list: unexpected answer: $(head -c 2000 "$work/tools-list.json")"

inspect plan --method tools/call --tool-name plan --tool-arg "requirements=1. Write a haiku about rivers
2. Review it"
tasks=$(node -e '
  const answer = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const plan = answer.structuredContent;
  if (answer.isError || !plan || plan.status !== "draft" || !Array.isArray(plan.tasks) || plan.tasks.length === 0) {
    console.error("plan did not return a draft plan with tasks");
    process.exit(1);
  }
  console.log(plan.tasks.length);
' "$work/plan.json") || fail "plan: unexpected answer: $(head -c 2000 "$work/plan.json")"

echo "inspector: tools/list ok ($tools tools), plan ok ($tasks tasks)"
