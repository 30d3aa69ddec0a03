#!/bin/sh
# Starts Moim's packaged mediasoup worker: MEDIASOUP_WORKER_BIN points here (main/hosting/worker-path.ts) and
# build/after-pack.mjs installs this file with the worker's path and loader filled in. The worker was built on
# Debian bookworm against its shared libraries; beside this file, lib/ carries copies of them and lib-cxx/ of the
# C++ runtime (libstdc++, libgcc_s), kept apart because those copies need glibc 2.36 while the rest needs 2.34.
# The first library path that resolves everything wins: the system's own (the .deb depends on those, and apt
# keeps OpenSSL patched), then lib/ with the system's C++ runtime (e.g. Ubuntu 22.04), then both copies.
# Only the worker gets that path: set in the Electron main process, it would reach every process Electron starts.
here=${0%/*}
worker="$here/@WORKER@"
loader='@LOADER@'

# The library path with $1 (possibly empty) in front of the caller's own; never an empty entry (the current dir).
path_with() {
  if [ -z "$1" ]; then printf '%s' "${LD_LIBRARY_PATH-}"; else printf '%s' "$1${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"; fi
}

use="$here/lib:$here/lib-cxx"
if [ -x "$loader" ]; then
  for dirs in '' "$here/lib" "$here/lib:$here/lib-cxx"; do
    # The loader's --list is ldd without the shell script: each library and where it resolves, or "not found"
    # (also for a symbol version the resolved copy is too old to have).
    found=$(LD_LIBRARY_PATH=$(path_with "$dirs") "$loader" --list "$worker" 2>&1) || continue
    case $found in
      *'not found'*) ;;
      *) use=$dirs && break ;;
    esac
  done
fi
if [ -n "$use" ]; then
  LD_LIBRARY_PATH=$(path_with "$use")
  export LD_LIBRARY_PATH
fi
exec "$worker" "$@"
