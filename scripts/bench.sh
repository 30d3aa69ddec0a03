#!/usr/bin/env bash
# Benchmarks; each figure is printed beside its floor measured in the same run, and written as JSON
# (and a PNG plot, drawn by Chart.js in Chromium) under bench/results/. Not tests: nothing here passes or fails on time.
#  1. join → first remote frame, with a timeline per sample: bare RTCPeerConnection call (floor), P2P and SFU
#     rooms through Moim, interleaved
#  2. parallel joiners: 1 (floor), 4 and 16 viewers joining one broadcast at the same instant
#  3. glass-to-glass: numbered frames drawn → presented, through the bare call, P2P and SFU
#  4. screen share: a known 1920×1080 source on a virtual X screen, captured by getDisplayMedia, through the bare
#     call, P2P and SFU: SSIM vs the source, resolution, fps, share → 1080p, late joiner; then at 1 Mbit/s (root)
#  5. kiosk soak: one kiosk watching a broadcast through SOAK_CYCLES (default 200) cycles of presenter leave/return,
#     camera↔screen, server restart, link drop (root only) and worker death; availability and worst recovery
#  6. outage recovery: a viewer's link out for 10 s (pulled, silent; root only), link back → picture moving, in P2P,
#     SFU and broadcast, beside a fresh viewer's join in the same rounds
#  7. cluster: Redis + 3 room servers; one broadcast's BENCH_CLUSTER_VIEWERS (default 6) viewers over 1 (floor), 2
#     and 3 servers: server CPU per viewer, loss, fps; a fresh viewer's Watch → first frame on the origin vs on
#     another server (before and after its pipe is up), BENCH_CLUSTER_JOINS (default 5) each
#  8. SFU fan-out: one producer to 100/200/400 consumers on one mediasoup worker, CPU and loss; then the consumers
#     one broadcast holds at < 1 % loss on 1 vs 2 workers, plain-RTP vs SRTP consumers, while 3 Chromium pages
#     receive it over WebRTC
# BENCH_RUNS=n sets the runs (default 12; BENCH_RUNS=3 is a quick check of the whole chain, ~25 min).
set -euo pipefail
cd "$(dirname "$0")/.."
unset MEDIASOUP_WORKER_BIN
bash scripts/setup.sh
mkdir -p bench/results

printf '\n\033[1m== join latency, parallel joiners, glass-to-glass, screen share, kiosk soak, outage recovery, cluster (real Chromium, real room server)\033[0m\n'
# The screen-share bench captures a real (virtual) screen: the browser benches run on a 1920×1080 Xvfb display
# (the headless ones don't mind). Without xvfb-run the screen-share bench skips with one printed line.
if command -v xvfb-run >/dev/null; then
  xvfb-run -a -s '-screen 0 1920x1080x24' npx playwright test -c bench/browser.config.ts
else
  npx playwright test -c bench/browser.config.ts
fi

printf '\n\033[1m== SFU fan-out (mediasoup workers, PlainTransport consumers, WebRTC receivers)\033[0m\n'
node bench/sfu-fanout.mjs

echo
echo "results: $(ls bench/results/*.json bench/results/*.png | tr '\n' ' ')"
