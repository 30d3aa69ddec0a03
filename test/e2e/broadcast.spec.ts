import type { Page } from '@playwright/test';
import { expectVideoFrom, setControl, shareScreen, tileOf } from './support/moim-page';
import { closeAll, deviceRequests, pagesInRoom, rawProduceAsViewer, tryToPublish, watcher } from './support/sfu-page';
import { expect, test } from './support/sfu-server';

// One presenter (camera + screen) and four viewers through the real mediasoup SFU, whose dump shows what the
// server still holds. Viewers never open a device.

const waiting = (page: Page) => page.getByTestId('waiting-for-presenter');

test('a broadcast reaches every viewer, early or late; viewers cannot publish; when the presenter leaves viewers wait again and the server frees its media', async ({
  browser,
  sfuServer,
}) => {
  test.setTimeout(180_000);
  const base = sfuServer.httpUrl;
  const roomMedia = async () => (await sfuServer.dump()).rooms.find((r) => r.roomId === roomId);
  const { pages, ids, roomId } = await pagesInRoom(browser, base, 'Broadcast', ['Presenter']);
  const presenter = pages[0]!;
  const presenterId = ids[0]!;
  const early = [await watcher(browser, base, roomId, 'Early 1'), await watcher(browser, base, roomId, 'Early 2')];

  // Viewers who came before the presenter published wait, with no publish controls.
  for (const { page } of early) {
    await expect(waiting(page)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Camera', exact: true })).toHaveCount(0);
  }

  // The moment the presenter publishes, the waiting viewers get the camera and the screen.
  await setControl(presenter, 'Camera', true);
  await shareScreen(presenter);
  for (const { page } of early) {
    await expectVideoFrom(page, presenterId, 'cam');
    await expectVideoFrom(page, presenterId, 'screen');
    await expect(waiting(page)).toHaveCount(0);
    await expect(tileOf(page, presenterId, 'screen')).toBeVisible();
  }

  // Viewers who come later get the running broadcast.
  const late = [await watcher(browser, base, roomId, 'Late 1'), await watcher(browser, base, roomId, 'Late 2')];
  for (const { page } of late) {
    await expectVideoFrom(page, presenterId, 'cam');
    await expectVideoFrom(page, presenterId, 'screen');
  }
  const viewers = [...early, ...late];
  await expect(presenter.getByTestId('viewer-count')).toHaveText(/\b4\b/);
  // 2 producers (camera, screen), each consumed by 4 viewers.
  expect((await roomMedia())!.producerIds).toHaveLength(2);
  expect((await roomMedia())!.consumerIds).toHaveLength(8);

  // No viewer asked for a camera, microphone or screen.
  for (const { page } of viewers) expect(await deviceRequests(page)).toBe(0);

  // A viewer's produce is refused by the server: through the engine, and as a raw protocol request.
  expect(await tryToPublish(late[0]!.page)).toBe('FORBIDDEN');
  expect(await rawProduceAsViewer(late[1]!.page, sfuServer.wsUrl, roomId)).toBe('FORBIDDEN');
  expect((await roomMedia())!.producerIds).toHaveLength(2);
  const fromViewers = await presenter.evaluate(
    async () => ((await window.moim!.engine!.getStats()) as unknown[]).length,
  );
  expect(fromViewers).toBe(0);

  // The presenter leaves: every viewer waits again; the presenter's transports, producers and consumers are gone.
  const before = (await roomMedia())!;
  await presenter.getByRole('button', { name: 'Leave' }).click();
  for (const { page } of viewers) {
    await expect(waiting(page)).toBeVisible();
    await expect(tileOf(page, presenterId, 'cam')).toHaveCount(0);
  }
  await expect.poll(async () => (await roomMedia())?.producerIds.length).toBe(0);
  const after = (await roomMedia())!;
  expect(after.consumerIds).toEqual([]);
  // The presenter's send and receive transports closed; the viewers' receive transports (and the send
  // transport the refused viewer opened) remain while they stay.
  expect(after.transportIds).toHaveLength(before.transportIds.length - 2);
  expect(after.transportIds.every((id) => before.transportIds.includes(id))).toBe(true);

  // Everyone leaves: the room's router closes and the worker holds nothing of it.
  for (const { page } of viewers) await page.getByRole('button', { name: 'Leave' }).click();
  await expect.poll(roomMedia).toBeUndefined();
  const { workers } = await sfuServer.dump();
  expect(workers.flatMap((w) => w.routerIds)).not.toContain(before.routerId);
  await closeAll([presenter, ...viewers.map((v) => v.page)]);
});
