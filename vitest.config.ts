// Unit tests and room-server tests (vitest). Browser end-to-end tests run under Playwright, not here.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/server/**/*.test.ts'],
    environment: 'node',
    // Bounds that catch a hang, not timings: the server tests start room servers (mediasoup workers, Redis) in their
    // hooks, which on a loaded 2-core CI machine can take longer than vitest's 10 s hook / 5 s test defaults.
    hookTimeout: 60_000,
    testTimeout: 30_000,
  },
});
