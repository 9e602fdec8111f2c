#!/usr/bin/env bash
# `npm test`: the whole gate, in order, stopping at the first failure:
#   browser → prisma client → lint → typecheck → unit/integration (vitest, real PostgreSQL) → next build → e2e.
set -euo pipefail
cd "$(dirname "$0")/.."

export NEXT_TELEMETRY_DISABLED=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
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
  else
    echo; echo "npm test: FAILED at step '$current' (exit $rc) after ${total} s" >&2
  fi
}
trap on_exit EXIT

step "chromium"
# Playwright drives Debian's Chromium; it never downloads a browser of its own.
if [[ ! -x /usr/bin/chromium ]]; then
  if [[ $(id -u) -eq 0 ]]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "/usr/bin/chromium is missing and this is not root: install it with 'sudo apt-get install -y chromium' and run again" >&2
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
npx vitest run

step "next build"
NEXT_DIST_DIR=.next-e2e npx next build

step "e2e (playwright)"
NEXT_DIST_DIR=.next-e2e npm run --silent test:e2e
