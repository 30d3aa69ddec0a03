import type { Page, WebSocket } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { createRoom, openMoim } from './support/moim-page';

// The signaling connection opens while the user heads for a room (typing its id), so the Join click does not wait
// for it: the join goes out on that socket, no second one is opened, and a socket nobody uses is closed again.

/** Every WebSocket `page` opens from now on, with the moment it was opened. */
function socketsOf(page: Page): { socket: WebSocket; at: number }[] {
  const sockets: { socket: WebSocket; at: number }[] = [];
  page.on('websocket', (socket) => sockets.push({ socket, at: Date.now() }));
  return sockets;
}

test('typing a room id opens the signaling connection ahead, and the Join click uses it', async ({
  browser,
  roomServer,
}) => {
  const host = await openMoim(browser, roomServer.httpUrl, 'Host');
  const roomId = await createRoom(host, 'P2P');

  const page = await openMoim(browser, roomServer.httpUrl, 'Guest');
  const sockets = socketsOf(page);
  await page.getByLabel('Room ID or link').fill(roomId);
  await expect.poll(() => sockets.length, { message: 'a socket opened while typing' }).toBe(1);
  const typedAt = Date.now();
  const hello = sockets[0]!.socket.waitForEvent('framesent', {
    predicate: (frame) => String(frame.payload).includes('"hello"'),
  });
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByTestId('room-id')).toHaveText(roomId);
  await hello;
  expect(sockets).toHaveLength(1);
  expect(sockets[0]!.at).toBeLessThanOrEqual(typedAt);
  await expect(host.getByText('Guest', { exact: true }).first()).toBeVisible();
  await Promise.all([page.context().close(), host.context().close()]);
});

test('a socket opened ahead that nobody uses is closed again, and a later join still works', async ({
  browser,
  roomServer,
}) => {
  const host = await openMoim(browser, roomServer.httpUrl, 'Host');
  const roomId = await createRoom(host, 'P2P');
  const page = await openMoim(browser, roomServer.httpUrl, 'Guest');
  const sockets = socketsOf(page);
  await page.getByLabel('Room ID or link').fill(roomId);
  await expect.poll(() => sockets.length).toBe(1);
  // The app lets it go after 5 s, well before the server's 10 s hello timeout.
  await sockets[0]!.socket.waitForEvent('close', { timeout: 9000 });
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByTestId('room-id')).toHaveText(roomId);
  expect(sockets).toHaveLength(2);
  await Promise.all([page.context().close(), host.context().close()]);
});
