#!/usr/bin/env bash
# The whole test suite: set-up, type check, lint, format check, unit and server tests (vitest),
# browser end-to-end tests (Playwright + Debian Chromium + real servers), and the Electron e2e
# (skipped with its reason where no Electron binary exists). Ends with one "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."
unset MEDIASOUP_WORKER_BIN

bash scripts/setup.sh || { echo "set-up failed"; exit 1; }
# JSON reports live apart from test-results/, which Playwright empties at the start of every run.
rm -rf test-results test-reports && mkdir -p test-reports

status=0
failed_steps=()
step() {
  local name=$1
  printf '\n\033[1m== %s\033[0m\n' "$name"
  shift
  "$@" || {
    status=1
    failed_steps+=("$name")
  }
}

step "type check" npx tsc -p tsconfig.json
# The renderer is checked again without Node's types, the server without the DOM's: each sees only its platform.
step "type check: renderer (no Node)" npx tsc -p renderer/tsconfig.json
step "type check: server (no DOM)" npx tsc -p server/tsconfig.json
step "lint" npx eslint . --max-warnings 0
step "format" npx prettier --check . --log-level warn
step "unit and server tests" npx vitest run --reporter=default --reporter=json --outputFile.json=test-reports/unit.json
# Under a virtual X screen when there is no display: the share-audio spec captures a real tab with its sound,
# which needs a headed Chromium (headless tab audio is silent); every other spec runs headless either way.
if [ -z "${DISPLAY:-}" ] && command -v xvfb-run > /dev/null; then
  step "browser end-to-end tests" xvfb-run -a -s '-screen 0 1920x1080x24' npx playwright test
else
  step "browser end-to-end tests" npx playwright test
fi
if [ -f playwright.electron.config.ts ]; then
  step "Electron end-to-end tests" npm run --silent test:electron
fi

node scripts/summarize-tests.mjs test-reports || status=1
# The steps that failed, last, where a CI log's tail shows them (type check, lint and format have no test count).
for name in "${failed_steps[@]}"; do echo "failed step: $name"; done
exit $status
