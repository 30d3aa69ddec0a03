#!/usr/bin/env bash
# Installs the Debian packages Moim's tests and its mediasoup worker build need, when missing.
# As root it installs them; otherwise it prints exactly what to install and exits non-zero.
set -euo pipefail

say() { printf '\033[1m[moim setup]\033[0m %s\n' "$*"; }

runtime_pkgs=(chromium xvfb xauth coturn ffmpeg redis-server)
build_pkgs=(g++ ninja-build pkg-config libuv1-dev libssl-dev libsrtp2-dev libusrsctp-dev libabsl-dev nlohmann-json3-dev)

missing=()
for p in "${runtime_pkgs[@]}" "${build_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

# mediasoup's worker needs meson >= 1.1; bookworm ships 1.0.1, bookworm-backports has newer.
meson_ok() {
  command -v meson >/dev/null 2>&1 || return 1
  local v; v=$(meson --version)
  [ "$(printf '%s\n1.1.0\n' "$v" | sort -V | head -n1)" = "1.1.0" ]
}
need_meson=0
meson_ok || need_meson=1
[ "${MOIM_SKIP_WORKER_DEPS:-0}" = "1" ] && need_meson=0

if [ ${#missing[@]} -eq 0 ] && [ $need_meson -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" != "0" ]; then
  say "missing system packages: ${missing[*]} $([ $need_meson -eq 1 ] && echo 'meson>=1.1 (bookworm-backports)')"
  say "install them as root, e.g.: sudo apt-get install -y ${missing[*]}"
  [ $need_meson -eq 1 ] && say "and: sudo apt-get install -y -t bookworm-backports meson"
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
if [ $need_meson -eq 1 ] && ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
  # Reuse the mirror this machine already uses instead of naming a host here.
  uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$uri" ] || uri=$(awk '/^deb / && $3 ~ /^bookworm$/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  if [ -z "$uri" ]; then say "cannot find the Debian mirror to add bookworm-backports"; exit 1; fi
  say "adding bookworm-backports from $uri (for meson >= 1.1)"
  printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$uri" \
    > /etc/apt/sources.list.d/moim-backports.sources
fi

say "apt-get update"
apt-get update -qq
if [ ${#missing[@]} -gt 0 ]; then
  say "installing: ${missing[*]}"
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if [ $need_meson -eq 1 ]; then
  say "installing meson from bookworm-backports"
  apt-get install -y -qq --no-install-recommends -t bookworm-backports meson
fi
say "system packages ready"
