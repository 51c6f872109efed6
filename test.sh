#!/usr/bin/env bash
# Runs the whole test suite against the real local servers (installed and started when missing).
# Extra arguments go to `dotnet test`, e.g. ./test.sh --filter "FullyQualifiedName~Caching".
#
# The last line is always "N passed, N failed" (CI reads it). The exit code is non-zero when dotnet test
# fails, a test fails or no test ran; a run that ends early (stack, build, crashed test host) counts as a
# failure, so it cannot read as a pass.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

reported=false
report() {
  echo "$1 passed, $2 failed"
  reported=true
}
trap 'rc=$?; if ! $reported; then report 0 1; exit $((rc == 0 ? 1 : rc)); fi' EXIT

as_root() { if [[ $EUID -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

command -v dotnet >/dev/null || {
  echo "test.sh: the .NET SDK (dotnet) is not on PATH" >&2
  exit 1
}

scripts/stack.sh start
# shellcheck source=scripts/dev-env.sh
source scripts/dev-env.sh

# Test queues (prefix t<8 hex>-) that a killed or careless run leaves behind are bound to shared exchanges and
# would collect every later run's messages: the broker drops them after 5 idle minutes.
as_root env RABBITMQ_NODENAME=rabbit@localhost rabbitmqctl -q set_policy -p agent_lightning --apply-to queues \
  test-queues-expire '^t[0-9a-f]{8}-' '{"expires":300000}' >/dev/null

# Browser tests drive Debian's chromium (Playwright's own browser download cannot work here).
if grep -rqs --include='*.csproj' 'Microsoft.Playwright' . && ! command -v chromium >/dev/null; then
  echo "test.sh: installing chromium for the browser tests"
  as_root apt-get update -q >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium >/dev/null
fi

results="TestResults/$(date +%Y%m%d-%H%M%S)"
rc=0
dotnet test AgentLightning.sln -c Release --logger trx --results-directory "$results" "$@" || rc=$?

# Each test assembly writes one .trx; its <Counters .../> element has the totals.
counter() { if [[ "$1" =~ [[:space:]]$2=\"([0-9]+)\" ]]; then echo "${BASH_REMATCH[1]}"; else echo 0; fi; }
passed=0
failed=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  while read -r counters; do
    passed=$((passed + $(counter "$counters" passed)))
    for outcome in failed error timeout aborted; do
      failed=$((failed + $(counter "$counters" "$outcome")))
    done
  done < <(grep -o '<Counters [^>]*>' "$trx")
done

echo "test.sh: results in $results/"
if ((rc != 0 && failed == 0)); then
  echo "test.sh: dotnet test exited with $rc without a failed test (build error or crashed test host): counted as 1 failure" >&2
  failed=1
fi
if ((passed + failed == 0)); then
  echo "test.sh: no test ran" >&2
  rc=1
fi
report "$passed" "$failed"
((rc == 0 && failed == 0))
