import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { expectVideoFrom, setControl, shareScreen, tileOf } from './support/moim-page';
import { closeAll, deviceRequests, pagesInRoom, rawProduceAsViewer, tryToPublish, watcher } from './support/sfu-page';

// One presenter (camera + screen) and four viewers through the real mediasoup SFU. Viewers never open a device.

const waiting = (page: Page) => page.getByTestId('waiting-for-presenter');

test('a broadcast reaches every viewer, early or late; viewers cannot publish; the presenter leaving sends viewers back to waiting', async ({
  browser,
  roomServer,
}) => {
  test.setTimeout(180_000);
  const { pages, ids, roomId } = await pagesInRoom(browser, roomServer.httpUrl, 'Broadcast', ['Presenter']);
  const presenter = pages[0]!;
  const presenterId = ids[0]!;
  const early = [
    await watcher(browser, roomServer.httpUrl, roomId, 'Early 1'),
    await watcher(browser, roomServer.httpUrl, roomId, 'Early 2'),
  ].map((v) => v.page);

  // Viewers who came before the presenter published wait, with no publish controls and no device opened.
  for (const page of early) {
    await expect(waiting(page)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Camera', exact: true })).toHaveCount(0);
  }

  // The moment the presenter publishes, the waiting viewers get camera and screen.
  await setControl(presenter, 'Camera', true);
  await shareScreen(presenter);
  for (const page of early) {
    await expectVideoFrom(page, presenterId, 'cam');
    await expectVideoFrom(page, presenterId, 'screen');
    await expect(waiting(page)).toHaveCount(0);
    await expect(tileOf(page, presenterId, 'screen')).toBeVisible();
  }

  // Viewers who come later get the running stream.
  const late = [
    await watcher(browser, roomServer.httpUrl, roomId, 'Late 1'),
    await watcher(browser, roomServer.httpUrl, roomId, 'Late 2'),
  ];
  for (const { page } of late) {
    await expectVideoFrom(page, presenterId, 'cam');
    await expectVideoFrom(page, presenterId, 'screen');
  }
  const viewers = [...early, ...late.map((v) => v.page)];
  await expect(presenter.getByTestId('viewer-count')).toHaveText(/\b4\b/);

  // No viewer ever asked for a camera, microphone or screen.
  for (const page of viewers) expect(await deviceRequests(page)).toBe(0);

  // A viewer's produce is refused by the server, through the engine and on the wire.
  expect(await tryToPublish(late[0]!.page)).toBe('FORBIDDEN');
  expect(await rawProduceAsViewer(late[1]!.page, roomServer.wsUrl, roomId)).toBe('FORBIDDEN');
  const fromViewer = await presenter.evaluate(async (viewerId) => {
    const stats = (await window.moim!.engine!.getStats()) as { peerId: string }[];
    return stats.filter((s) => s.peerId === viewerId).length;
  }, late[0]!.id);
  expect(fromViewer).toBe(0);

  // The presenter leaves: every viewer is back to waiting, and the server holds no media objects of theirs.
  await presenter.getByRole('button', { name: 'Leave' }).click();
  for (const page of viewers) {
    await expect(waiting(page)).toBeVisible();
    await expect(tileOf(page, presenterId, 'cam')).toHaveCount(0);
  }
  await closeAll([presenter, ...viewers]);
});
