import { defineConfig } from '@playwright/test';

// The desktop app itself, driven through Playwright's _electron against a real room server. Runs wherever an
// Electron binary exists (and, on Linux, a display: use xvfb-run); elsewhere every test skips with one line why.
export default defineConfig({
  testDir: 'test/electron',
  testMatch: '**/*.spec.ts',
  globalSetup: './test/electron/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  forbidOnly: true,
  reporter: [['list'], ['json', { outputFile: 'test-reports/electron.json' }]],
});
