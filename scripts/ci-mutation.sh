#!/usr/bin/env bash
# CI's mutation step (run by .ci/run after npm test): Stryker in incremental mode
# (stryker.config.mjs). The last full run's results are committed in test/stryker-incremental.json;
# only the mutants in code or tests changed since then are tested, the score still covers every
# mutant, and below 80 % (thresholds.break) Stryker exits 1, so CI fails.
# - The committed file is left alone: Stryker reads and rewrites a copy in the report folder.
# - Without the file this would be a full run (hours on 2 cores): the step says so and is skipped.
# - A run longer than MUTATION_CI_MINUTES (default 10) means the file is stale (much changed since
#   it was written): the step stops and fails, saying to refresh it.
# Refresh: `npm run mutate` on a quiet machine, then commit test/stryker-incremental.json.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${CI_REPORT_DIR:-reports/ci}/mutation"
minutes="${MUTATION_CI_MINUTES:-10}"
stryker="${STRYKER_BIN:-node_modules/.bin/stryker}"
mkdir -p "$dir"
if [ ! -f test/stryker-incremental.json ]; then
  echo "mutation: SKIPPED: test/stryker-incremental.json is missing, so this would be a full run."
  echo "mutation: run 'npm run mutate' on a quiet machine and commit test/stryker-incremental.json."
  exit 0
fi
cp test/stryker-incremental.json "$dir/stryker-incremental.json"
started=$(date +%s)
set +e
timeout --signal=INT --kill-after=30s "${minutes}m" "$stryker" run --incrementalFile "$dir/stryker-incremental.json" >"$dir/stryker.log" 2>&1
status=$?
set -e
# The summary (score table, reuse counts, errors) without the progress lines.
{ grep -v '^Mutation testing' "$dir/stryker.log" || true; } | tail -n 80
echo "mutation (incremental): exit $status after $(($(date +%s) - started)) s"
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
  echo "mutation: FAILED: not done in ${minutes} min: test/stryker-incremental.json is stale."
  echo "mutation: run 'npm run mutate' on a quiet machine and commit test/stryker-incremental.json."
fi
exit "$status"
