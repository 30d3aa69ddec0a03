import type { Browser, WebSocket } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { createRoom, openMoim } from './support/moim-page';

// The signaling connection opens while the user heads for a room (typing its id), so the Join click does not wait
// for it: the join goes out on that socket, no second one is opened, and a socket nobody uses is closed again.

/**
 * A host's P2P room, and a guest who has typed its id on Home (nothing clicked yet); `sockets` lists every
 * WebSocket the guest's page opened from its first keystroke on, with the moment it opened.
 */
async function guestTyping(browser: Browser, baseUrl: string) {
  const host = await openMoim(browser, baseUrl, 'Host');
  const roomId = await createRoom(host, 'P2P');
  const page = await openMoim(browser, baseUrl, 'Guest');
  const sockets: { socket: WebSocket; at: number }[] = [];
  page.on('websocket', (socket) => sockets.push({ socket, at: Date.now() }));
  await page.getByLabel('Room ID or link').fill(roomId);
  await expect.poll(() => sockets.length, { message: 'a socket opened while typing' }).toBe(1);
  const close = () => Promise.all([page.context().close(), host.context().close()]);
  return { host, page, roomId, sockets, close };
}

test('typing a room id opens the signaling connection ahead, and the Join click uses it', async ({
  browser,
  roomServer,
}) => {
  const { host, page, roomId, sockets, close } = await guestTyping(browser, roomServer.httpUrl);
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
  await close();
});

test('a socket opened ahead that nobody uses is closed again, and a later join still works', async ({
  browser,
  roomServer,
}) => {
  const { page, roomId, sockets, close } = await guestTyping(browser, roomServer.httpUrl);
  // The app lets it go after 5 s, well before the server's 10 s hello timeout.
  await sockets[0]!.socket.waitForEvent('close', { timeout: 9000 });
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByTestId('room-id')).toHaveText(roomId);
  expect(sockets).toHaveLength(2);
  await close();
});
