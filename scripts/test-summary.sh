#!/usr/bin/env bash
# Sums the <Counters> of every TRX file under $1 and prints the plain closing
# line CI reads: "N passed, N failed" (", N skipped" when any were not run).
set -euo pipefail
dir=${1:?usage: test-summary.sh RESULTS_DIR}
passed=0 failed=0 skipped=0 files=0
shopt -s nullglob
for f in "$dir"/*.trx; do
  files=$((files + 1))
  line=$(grep -o '<Counters [^>]*>' "$f" | head -n 1)
  get() { printf '%s' "$line" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done
if [ "$files" -eq 0 ]; then
  failed=$((failed + 1)) # no results at all: the build or the runner failed
fi
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
