#!/usr/bin/env bash
# Moim's main job: the desktop app with a local room server; where Electron can't run, the room server
# serving the web client at a printed URL.
set -euo pipefail
cd "$(dirname "$0")/.."
unset MEDIASOUP_WORKER_BIN
bash scripts/setup.sh

# require('electron') fetches the binary on first use (from GitHub): that works with internet, fails here.
electron_bin=$(timeout 600 node -e "const p = require('electron'); require('fs').accessSync(p); console.log('ELECTRON=' + p)" 2>/dev/null </dev/null | sed -n 's/^ELECTRON=//p' || true)
if [ -n "$electron_bin" ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ] || [ "$(uname)" = Darwin ]; }; then
  flags=(--host-room)
  if [ "$(id -u)" = 0 ]; then
    # Chromium refuses to run as root with its sandbox on; say so rather than fail silently.
    echo "[moim] running as root: starting Electron with --no-sandbox (run as a normal user to keep the sandbox)"
    flags+=(--no-sandbox)
  fi
  echo "[moim] starting the desktop app with a local room server"
  exec "$electron_bin" . "${flags[@]}" "$@"
fi
if [ -z "$electron_bin" ]; then
  echo "[moim] no Electron binary on this machine (it is fetched from the internet on first use); serving the web client instead"
else
  echo "[moim] no display for the desktop app; serving the web client instead"
fi
exec node dist/server/index.js "$@"
