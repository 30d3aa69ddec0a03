import { expect, test } from './support/fixtures';
import { createRoom, expectVideoFrom, joinRoom, openMoim, peerIdOf, shareScreen, tileOf } from './support/moim-page';

// How a viewer reads small text on a share: pin it to the stage, full screen, and actual pixels with panning.

test('pinning a share changes the stage; actual pixels shows the video 1:1 and pans; full screen enters and Esc leaves', async ({
  browser,
  roomServer,
}) => {
  const ana = await openMoim(browser, roomServer.httpUrl, 'Ana');
  const bo = await openMoim(browser, roomServer.httpUrl, 'Bo');
  await joinRoom(bo, await createRoom(ana));
  const [anaId, boId] = [await peerIdOf(ana), await peerIdOf(bo)];
  await shareScreen(ana);
  await shareScreen(bo);
  await expectVideoFrom(ana, boId, 'screen');

  // The room puts the newest remote share on the stage; pinning Ana's own puts hers there instead.
  const strip = ana.getByRole('list', { name: 'Other participants' });
  const own = tileOf(ana, anaId, 'screen');
  const bos = tileOf(ana, boId, 'screen');
  await expect(strip.locator(own)).toHaveCount(1);
  await expect(strip.locator(bos)).toHaveCount(0);
  const pinOwn = own.getByRole('button', { name: 'Pin to stage' });
  await pinOwn.click();
  await expect(pinOwn).toHaveAttribute('aria-pressed', 'true');
  await expect(strip.locator(own)).toHaveCount(0);
  await expect(strip.locator(bos)).toHaveCount(1);
  await pinOwn.click();
  await expect(strip.locator(bos)).toHaveCount(0);

  // Actual pixels: the video element's size is the video's own, and it pans by keyboard and by drag.
  await bos.getByRole('button', { name: 'Actual pixels' }).click();
  await expect(bos).toHaveAttribute('data-actual-size', '');
  const video = bos.locator('video');
  const sizes = () =>
    video.evaluate((v: HTMLVideoElement) => ({
      client: [v.clientWidth, v.clientHeight],
      intrinsic: [v.videoWidth, v.videoHeight],
    }));
  await expect.poll(async () => (await sizes()).intrinsic[0]).toBeGreaterThan(0);
  await expect
    .poll(async () => {
      const { client, intrinsic } = await sizes();
      return client[0] === intrinsic[0] && client[1] === intrinsic[1];
    })
    .toBe(true);
  const figure = bos.locator('figure');
  const scroll = () =>
    figure.evaluate((f) => ({ left: f.scrollLeft, top: f.scrollTop, overflow: f.scrollWidth > f.clientWidth }));
  console.log(`actual pixels: ${JSON.stringify(await sizes())}, view ${JSON.stringify(await scroll())}`);
  expect((await scroll()).overflow).toBe(true);
  await figure.focus();
  await ana.keyboard.press('ArrowRight');
  await ana.keyboard.press('ArrowRight');
  await expect.poll(async () => (await scroll()).left).toBeGreaterThan(0);
  const box = (await figure.boundingBox())!;
  const before = await scroll();
  await ana.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await ana.mouse.down();
  // Dragging the picture to the right shows more of its left side (the keys took it to its right edge).
  await ana.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 + 40, { steps: 5 });
  await ana.mouse.up();
  await expect.poll(async () => (await scroll()).left).toBeLessThan(before.left);
  await bos.getByRole('button', { name: 'Actual pixels' }).click();
  await expect(bos).not.toHaveAttribute('data-actual-size', '');

  // Full screen on the tile; Esc leaves it.
  await bos.getByRole('button', { name: 'Full screen' }).click();
  await expect.poll(() => bos.evaluate((el) => el.matches(':fullscreen'))).toBe(true);
  await ana.keyboard.press('Escape');
  await expect.poll(() => bos.evaluate((el) => el.matches(':fullscreen'))).toBe(false);

  await ana.context().close();
  await bo.context().close();
});
