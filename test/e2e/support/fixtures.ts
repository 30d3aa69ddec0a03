import { test as base } from '@playwright/test';
import { startRoomServer, type RoomServerProcess } from '../../support/room-server';

/** Playwright test with a real room server child process per test file, stopped by PID afterwards. */
export const test = base.extend<object, { roomServer: RoomServerProcess }>({
  roomServer: [
    // Playwright reads fixture dependencies from the destructuring pattern; this fixture has none.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await startRoomServer();
      await use(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],
});

export { expect } from '@playwright/test';
