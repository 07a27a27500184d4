#!/usr/bin/env bash
# `npm test`: lint, typecheck, unit + integration (vitest, real SQLite; then again on PostgreSQL), production build,
# crash safety against the built server, Playwright e2e against `next start` on 127.0.0.1 in
# Debian's chromium, the screenshots of every page with their checks, the quick benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s ===\n' "$1"; }

step "lint"
npx eslint . --max-warnings=0

step "dependency audit (npm audit --omit=dev: no unexplained high or critical advisory)"
npm run audit:deps

step "typecheck"
npm run typecheck

step "content check"
npm run content:check

step "system tools (Debian's chromium for the browser tests, PostgreSQL 15 for the tests on PostgreSQL, xmllint for the LMS manifests, poppler-utils for the dossier PDFs)"
# Installed here when missing, so a clean machine runs the whole suite.
NEED=()
if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then NEED+=(chromium); fi
# PostgreSQL 15: a vitest run with tests on PostgreSQL starts one throwaway cluster from these binaries (tests/support/pg-cluster.ts).
if [ -z "${PG_BIN:-}" ] && [ ! -x /usr/lib/postgresql/15/bin/initdb ]; then NEED+=(postgresql-15); fi
if ! command -v xmllint >/dev/null 2>&1; then NEED+=(libxml2-utils); fi
# pdftotext and pdffonts: the dossier's golden files (tests/integration/dossier-read.test.ts).
if ! command -v pdftotext >/dev/null 2>&1 || ! command -v pdffonts >/dev/null 2>&1; then NEED+=(poppler-utils); fi
if [ "${#NEED[@]}" -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "Installing ${NEED[*]} (Playwright cannot download browsers here)…"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${NEED[@]}" >/dev/null
  else
    echo "No apt-get: using Playwright's own chromium."
    npx playwright install chromium
  fi
fi

step "unit + integration (vitest)"
npx vitest run

step "integration again on PostgreSQL (every test file written for both engines: vitest.postgres.config.mts)"
# One throwaway PostgreSQL 15 cluster on 127.0.0.1, started and stopped by the run itself.
npm run test:postgres

step "build (real content plus the test fixture course)"
# The e2e suite serves the real course and a small fixture course (with a draft lesson);
# lesson pages are prerendered, so the build must see the same content as the server.
CONTENT_DIR="$(npx tsx tests/support/print-content-dir.ts)"
export CONTENT_DIR
npx next build

step "crash safety (2 rounds of SIGKILL under write load on SQLite and on PostgreSQL; graceful SIGTERM; backup/restore beside a live server)"
# Real `next start` processes on the build above, on 127.0.0.1:3510–3530; `npm run test:crash` runs 5 rounds.
CRASH_ROUNDS=2 npx vitest run --config vitest.crash.config.mts

# From here on a failing step does not hide the next ones: each runs, and the end says which failed.
failed=()

step "e2e (playwright) on PostgreSQL, two app processes per site behind a round-robin proxy"
# Two sites on 127.0.0.1:E2E_PORT and E2E_PORT+1 (default 3100, 3101): the second, with its own
# database, serves the tests that fingerprint the whole database (playwright.config.ts). Each site is
# two `next start` processes on one database of a throwaway PostgreSQL 15 cluster, so a learner's
# consecutive requests land on different processes (issue #24). The same specs run on an SQLite file
# with `npm run test:e2e` (the default); here SQLite's server is driven by the crash step above and the
# screenshots and benchmark below, which keeps this run well inside CI's hour.
E2E_DATABASE=postgres E2E_PROCESSES=2 npx playwright test || failed+=("e2e")

step "screenshots (every page each demo role reaches, 1,280 and 375 px, axe and text checks)"
# npm run demo on 127.0.0.1:SCREENSHOTS_PORT (default 3200) with the real content: it rebuilds
# (the build above also holds the fixture course), and the benchmark below finds that build ready.
npm run screenshots || failed+=("screenshots")

step "benchmark, quick (proves npm run bench works; no thresholds here)"
# The real content only (CONTENT_DIR above holds the fixture course too): the build the
# screenshots step made from it is reused.
CONTENT_DIR="$PWD/content" npm run bench -- --quick || failed+=("benchmark")

if ((${#failed[@]})); then
  printf '\n=== FAILED: %s ===\n' "${failed[*]}"
  exit 1
fi

