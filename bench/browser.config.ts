import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/support/chromium';

// The browser benchmarks (join latency with timelines, parallel joiners, glass-to-glass, cluster) run under
// Playwright (real Chromium, the real room server) but are not tests: nothing passes or fails on time.
// `npx playwright test -c bench/browser.config.ts [join|parallel|glass|kiosk-soak|outage|screen-share|cluster]`
// (screen-share needs an X display: xvfb-run, see scripts/bench.sh); BENCH_RUNS=n sets how many runs, SOAK_CYCLES=n
// the kiosk soak's cycles, BENCH_OUTAGE_RUNS=n the outages of each kind; the cluster bench (Redis + 3 room servers)
// reads BENCH_CLUSTER_VIEWERS, BENCH_CLUSTER_RUNS, BENCH_CLUSTER_JOINS and BENCH_CLUSTER_WINDOW_S.
export default defineConfig({
  testDir: '.',
  testMatch: '*.bench.ts',
  workers: 1,
  retries: 0,
  timeout: 30 * 60_000,
  reporter: [['list']],
  use: {
    headless: true,
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    permissions: ['camera', 'microphone'],
  },
});
