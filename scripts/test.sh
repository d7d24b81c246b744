#!/usr/bin/env bash
# Every test: build, typecheck, size budgets, unit tests (vitest), browser tests (Playwright).
# All runners run even when one fails; the last line is the total read from their reports.
set -uo pipefail
cd "$(dirname "$0")/.."
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
rm -rf reports && mkdir -p reports
status=0

step() { echo; echo "== $*"; }

step build
pnpm build || { echo "build failed"; exit 1; }

step "typecheck (tsc, tests included)"
pnpm typecheck > reports/typecheck.txt 2>&1
tsc_status=$?
cat reports/typecheck.txt
echo "exit $tsc_status" >> reports/typecheck.txt
[ $tsc_status = 0 ] || status=1

step "size budgets"
node scripts/size.mjs --report reports/size.json || status=1

step "unit tests (vitest)"
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json || status=1

step "browser tests (playwright)"
pnpm exec playwright test || status=1

step total
node scripts/summarize.mjs reports || status=1
exit $status
