#!/usr/bin/env bash
# `npm test`: the whole gate, in order, stopping at the first failure:
#   browser and audio tools → prisma client → lint → typecheck → unit/integration (vitest, real PostgreSQL) → next build →
#   real switch (FreeSWITCH + SIPp) → e2e.
set -euo pipefail
cd "$(dirname "$0")/.."

export NEXT_TELEMETRY_DISABLED=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
REPORTS=.data/test-reports
mkdir -p "$REPORTS" && rm -f "$REPORTS"/*.json
started=$(date +%s)
step_started=$started
current=""

step() {
  local now; now=$(date +%s)
  [[ -n "$current" ]] && echo "== $current: ok ($((now - step_started)) s)"
  current="$1"; step_started=$now
  echo; echo "== $current"
}

on_exit() {
  local rc=$?
  local total=$(( $(date +%s) - started ))
  if [[ $rc -eq 0 ]]; then
    echo "== $current: ok ($(( $(date +%s) - step_started )) s)"
    echo; echo "npm test: all steps passed in ${total} s"
    # One plain closing line with the tests both runners executed (Vitest and Playwright JSON reports).
    node -e '
      const fs = require("fs");
      const read = (f) => { try { return JSON.parse(fs.readFileSync(f, "utf8")); } catch { return null; } };
      const v = read(process.argv[1]), p = read(process.argv[2]), r = read(process.argv[3]);
      const passed = (v?.numPassedTests ?? 0) + (r?.numPassedTests ?? 0) + (p?.stats?.expected ?? 0) + (p?.stats?.flaky ?? 0);
      const failed = (v?.numFailedTests ?? 0) + (r?.numFailedTests ?? 0) + (p?.stats?.unexpected ?? 0);
      const skipped = (v?.numPendingTests ?? 0) + (v?.numTodoTests ?? 0) + (r?.numPendingTests ?? 0) + (p?.stats?.skipped ?? 0);
      console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
    ' "$REPORTS/vitest.json" "$REPORTS/playwright.json" "$REPORTS/real-switch.json"
  else
    echo; echo "npm test: FAILED at step '$current' (exit $rc) after ${total} s" >&2
  fi
}
trap on_exit EXIT

step "chromium, espeak-ng, sox"
# Playwright drives Debian's Chromium; it never downloads a browser of its own. espeak-ng and sox synthesize the
# answering-machine detection's labelled audio (src/test/amd/labelled-set.ts).
missing=()
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
command -v espeak-ng >/dev/null || missing+=(espeak-ng)
command -v sox >/dev/null || missing+=(sox)
if [[ ${#missing[@]} -gt 0 ]]; then
  if [[ $(id -u) -eq 0 ]]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "missing ${missing[*]} and this is not root: install with 'sudo apt-get install -y ${missing[*]}' and run again" >&2
    exit 1
  fi
fi
/usr/bin/chromium --version

step "prisma generate"
npx tsx scripts/prisma-generate.ts

step "lint"
npm run --silent lint

step "typecheck"
npm run --silent typecheck

step "unit and integration tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json="$REPORTS/vitest.json"

step "next build"
NEXT_DIST_DIR=.next-e2e npx next build

step "real switch (FreeSWITCH 1.10.12 + SIPp, vitest)"
# Installs the switch and SIPp through scripts/install-freeswitch.sh (apt, root); with CI=true a switch that cannot
# be installed fails this step, elsewhere the suite says loudly that it skipped.
NEXT_DIST_DIR=.next-e2e npx vitest run -c vitest.real-switch.config.ts --reporter=default --reporter=json --outputFile.json="$REPORTS/real-switch.json"

step "e2e (playwright)"
NEXT_DIST_DIR=.next-e2e PLAYWRIGHT_JSON_OUTPUT_FILE="$REPORTS/playwright.json" npm run --silent test:e2e
