import { expect, test, type Page } from '@playwright/test';
import { freePort } from '../support/free-port';
import { startRoomServer } from '../support/room-server';
import { createRoom, expectVideoFrom, openMoim, peerIdOf, remoteStats, setControl } from './support/moim-page';
import { deviceRequests, openKiosk } from './support/sfu-page';

/** Decoded camera frames the kiosk has shown so far from `peerId`. */
async function framesFrom(page: Page, peerId: string): Promise<number> {
  const stats = await remoteStats(page);
  return stats.find((s) => s.peerId === peerId && s.kind === 'cam' && s.trackKind === 'video')?.framesDecoded ?? 0;
}

test('the browser kiosk waits for the presenter, shows the broadcast full screen, and never asks for a device', async ({
  browser,
}) => {
  const server = await startRoomServer();
  try {
    const presenter = await openMoim(browser, server.httpUrl, 'Presenter');
    const roomId = await createRoom(presenter, 'Broadcast');
    const kiosk = await openKiosk(browser, server.httpUrl, roomId);
    await expect(kiosk.getByTestId('kiosk-status')).toContainText('Waiting for the presenter');
    // No chrome in the kiosk: no navigation and no call controls.
    await expect(kiosk.getByRole('button', { name: 'Leave' })).toHaveCount(0);

    await setControl(presenter, 'Camera', true);
    const presenterId = await peerIdOf(presenter);
    await expect(kiosk.locator('kiosk-view video-tile[chromeless]')).toBeVisible();
    await expectVideoFrom(kiosk, presenterId, 'cam');

    await setControl(presenter, 'Camera', false);
    await expect(kiosk.getByTestId('kiosk-status')).toContainText('Waiting for the presenter');
    expect(await deviceRequests(kiosk)).toBe(0);
    await Promise.all([presenter, kiosk].map((p) => p.context().close()));
  } finally {
    await server.stop();
  }
});

test('the browser kiosk reconnects by itself after the room server restarts and shows the stream again', async ({
  browser,
}) => {
  const port = await freePort();
  let server = await startRoomServer([], {}, port);
  try {
    const presenter = await openMoim(browser, server.httpUrl, 'Presenter');
    const roomId = await createRoom(presenter, 'Broadcast');
    await setControl(presenter, 'Camera', true);
    const kiosk = await openKiosk(browser, server.httpUrl, roomId);
    const before = await peerIdOf(presenter);
    await expectVideoFrom(kiosk, before, 'cam');

    await server.stop();
    await expect(kiosk.getByTestId('kiosk-status')).toContainText('Reconnecting');
    server = await startRoomServer([], {}, port);

    // The presenter comes back as a new peer and re-creates the room under its id; the kiosk finds it again.
    await expect.poll(() => presenter.evaluate(() => window.moim?.engine?.peerId)).not.toBe(before);
    const after = await peerIdOf(presenter);
    await expect.poll(() => framesFrom(kiosk, after), { timeout: 45_000 }).toBeGreaterThan(0);
    await expect(kiosk.locator('kiosk-view video-tile[chromeless]')).toBeVisible();
    expect(await deviceRequests(kiosk)).toBe(0);
    await Promise.all([presenter, kiosk].map((p) => p.context().close()));
  } finally {
    await server.stop();
  }
});
