import { test as base } from '@playwright/test';
import { startServer } from '../../../server/server';
import { DEFAULT_SFU_SETTINGS, type SfuSettings } from '../../../server/sfu/media-settings';
import type { SfuDump } from '../../../server/sfu/sfu-dump';
import { startMediasoup } from '../../../server/sfu/start-mediasoup';
// Installs the keyframe trace hook before any mediasoup worker starts (see sfu-trace.ts).
import './sfu-trace';

/** A real room server with a real mediasoup worker, run inside the test process so its dump is reachable. */
export interface InProcessSfuServer {
  httpUrl: string;
  wsUrl: string;
  /** What the worker and every router hold right now, from mediasoup's own dumps. */
  dump(): Promise<SfuDump>;
}

/**
 * Playwright test with an in-process room server per worker (the built web client) whose SFU runs with
 * `settings` (one mediasoup worker unless told otherwise).
 */
export function withSfuServer(settings: Partial<SfuSettings> = {}) {
  return base.extend<object, { sfuServer: InProcessSfuServer }>({
    sfuServer: [
      // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a function asks for from its first parameter.
      async ({}, use) => {
        const sfu = await startMediasoup({ ...DEFAULT_SFU_SETTINGS, workers: 1, ...settings });
        const server = await startServer({ host: '127.0.0.1', port: 0, media: () => sfu });
        await use({ httpUrl: server.url, wsUrl: server.wsUrl, dump: () => sfu.dump() });
        await server.close();
      },
      { scope: 'worker' },
    ],
  });
}

/**
 * Playwright test with an in-process room server with one mediasoup worker: for the tests that check, with
 * mediasoup's dump, that leaving frees every server-side media object.
 */
export const test = withSfuServer();

export { expect } from '@playwright/test';
