#!/usr/bin/env bash
# Everything Moim needs before it runs or tests, on a fresh Debian machine; each step is skipped when done.
# 1. Debian packages (Chromium, coturn, Xvfb, the worker's build deps)  2. npm packages
# 3. the mediasoup worker (built from Debian's libraries, cached across clones)  4. the build.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[moim setup]\033[0m %s\n' "$*"; }

bash scripts/setup-system.sh

# npm ci when node_modules is missing or older than the lock file.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (npm ci)"
  # MEDIASOUP_WORKER_BIN=skip: mediasoup's postinstall would download a worker (unreachable here); we build it
  # below. It is set for this step only, because mediasoup also reads it at run time as the worker's path.
  MEDIASOUP_WORKER_BIN=skip ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
fi

node scripts/ensure-mediasoup-worker.mjs

say "building renderer, server, main and preload"
node scripts/build.mjs
say "ready"
