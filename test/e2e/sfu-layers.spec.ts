import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { expectVideoFrom, setControl } from './support/moim-page';
import { closeAll, frameWidthFrom, pagesInRoom, setPreferredLayer, watcher } from './support/sfu-page';

// The presenter's camera goes to the SFU as three simulcast layers (320/640/1280 wide); each receiver gets the
// one it asks for: explicitly through the engine, or by the size its tile is shown at.

/**
 * Waits until `page` decodes `peerId`'s camera at most (`small`) or at least (`large`) `bound` pixels wide;
 * resolves with how long that took.
 */
async function switched(page: Page, peerId: string, to: 'small' | 'large', what: string): Promise<number> {
  const started = Date.now();
  const width = expect.poll(() => frameWidthFrom(page, peerId).then((w) => w || Infinity), {
    message: what,
    timeout: 20_000,
    intervals: [50],
  });
  if (to === 'small') await width.toBeLessThanOrEqual(400);
  else await width.toBeGreaterThanOrEqual(960);
  return Date.now() - started;
}

test('a new viewer climbs to 1280, then its preferred layer takes effect: the decoded width follows 320 → 1280', async ({
  browser,
  roomServer,
}) => {
  const { pages, ids, roomId } = await pagesInRoom(browser, roomServer.httpUrl, 'Broadcast', ['Presenter']);
  const presenterId = ids[0]!;
  await setControl(pages[0]!, 'Camera', true);
  const viewer = await watcher(browser, roomServer.httpUrl, roomId, 'Viewer');
  await expectVideoFrom(viewer.page, presenterId, 'cam');
  // A new consumer starts on the lowest layer and climbs once its link's estimate shows the top fits (layer-fit.ts).
  const climb = await switched(viewer.page, presenterId, 'large', 'the top layer soon (a large tile, an open link)');

  await setPreferredLayer(viewer.page, presenterId, 'cam', 0);
  const down = await switched(viewer.page, presenterId, 'small', 'the smallest layer after asking for layer 0');
  await setPreferredLayer(viewer.page, presenterId, 'cam', 2);
  const up = await switched(viewer.page, presenterId, 'large', 'the top layer after asking for layer 2');
  test.info().annotations.push({ type: 'layer switch ms', description: `climb ${climb}, down ${down}, up ${up}` });
  console.log(`layer switch: first picture → 1280 in ${climb} ms, 1280→320 in ${down} ms, 320→1280 in ${up} ms`);
  await closeAll([...pages, viewer.page]);
});

test('a tile made small receives the small layer, and the large layer once it is large again', async ({
  browser,
  roomServer,
}) => {
  const { pages, ids, roomId } = await pagesInRoom(browser, roomServer.httpUrl, 'Broadcast', ['Presenter']);
  const presenterId = ids[0]!;
  await setControl(pages[0]!, 'Camera', true);
  const viewer = await watcher(browser, roomServer.httpUrl, roomId, 'Viewer');
  await switched(viewer.page, presenterId, 'large', 'the top layer in a 1280-wide window');

  await viewer.page.setViewportSize({ width: 300, height: 400 });
  const down = await switched(viewer.page, presenterId, 'small', 'the smallest layer in a 300-wide window');
  await viewer.page.setViewportSize({ width: 1400, height: 900 });
  const up = await switched(viewer.page, presenterId, 'large', 'the top layer in a 1400-wide window');
  console.log(`tile resize: small layer in ${down} ms, large layer in ${up} ms`);
  await closeAll([...pages, viewer.page]);
});
