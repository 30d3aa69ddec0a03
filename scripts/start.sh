#!/usr/bin/env bash
# Moim's main job: the desktop app with a local room server; where Electron can't run, the room server
# serving the web client at a printed URL.
set -euo pipefail
cd "$(dirname "$0")/.."
unset MEDIASOUP_WORKER_BIN
bash scripts/setup.sh

electron_bin=$(node -e "try { const p = require('electron'); require('fs').accessSync(p); console.log(p) } catch {}" 2>/dev/null || true)
if [ -n "$electron_bin" ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ] || [ "$(uname)" = Darwin ]; }; then
  echo "[moim] starting the desktop app (it hosts a local room server)"
  exec "$electron_bin" . "$@"
fi
if [ -z "$electron_bin" ]; then
  echo "[moim] no Electron binary on this machine (it is fetched from the internet on first use); serving the web client instead"
else
  echo "[moim] no display for the desktop app; serving the web client instead"
fi
exec node dist/server/index.js "$@"
