#!/usr/bin/env bash
# Benchmarks; each figure is printed beside its floor measured in the same run, and written as JSON
# (and a PNG plot) under bench/results/. Not tests: nothing here passes or fails on time.
#  1. join → first remote frame: bare RTCPeerConnection call (floor), P2P and SFU rooms through Moim
#  2. SFU fan-out: one producer to 100/200/400 consumers on one mediasoup worker, CPU and loss
set -euo pipefail
cd "$(dirname "$0")/.."
unset MEDIASOUP_WORKER_BIN
bash scripts/setup.sh
mkdir -p bench/results

printf '\n\033[1m== join latency (real Chromium, real room server)\033[0m\n'
npx playwright test -c bench/join-latency.config.ts

printf '\n\033[1m== SFU fan-out (mediasoup worker, PlainTransport consumers)\033[0m\n'
node bench/sfu-fanout.mjs

echo
echo "results: $(ls bench/results/*.json bench/results/*.png | tr '\n' ' ')"
