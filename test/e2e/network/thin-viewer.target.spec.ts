import { expect, test } from './support/lab-fixture';
import { broadcast, openAll } from './support/broadcast';
import { videoReceive, watchVideo } from './support/receive-stats';

// TARGET, not in the default suite (playwright.config.ts ignores *.target.spec.ts unless MOIM_TARGETS=1):
// issue 11 wants a viewer on a 300 kbit/s link to get the 320-wide simulcast layer. mediasoup picks the largest
// layer that fits at any frame rate, so it sat on 640 at a few fps and probed 1280 now and then (2026-12-05: 0 %,
// 40 %, 77 %, 100 % of a 10–12 s window on the 320 layer). 2026-12-07: before the layer and stall watches 2 of 4
// runs failed (71 % and 95 %, 640 at 1.3–2.8 fps); with them 7 of 8 passed, and the failure was a jump to 1280 at
// 1 fps (85 %). A policy capping a consumer one layer down after 2 s below its full frame rate did not help (10 of
// 12 passed, the same jumps to 1280), so it was not kept. This stays a target until the jumps are understood.
// Run it with: MOIM_TARGETS=1 npx playwright test test/e2e/network/thin-viewer.target.spec.ts

test('TARGET: a viewer capped at 300 kbit/s stays on the 320-wide layer and never freezes over 1 s', async ({
  lab,
  labServer,
  browserOn,
}) => {
  const { presenter, viewers } = await openAll(browserOn, labServer.httpUrl, ['b']);
  const viewer = viewers[0]!;
  await lab.node('b').link.cap(300, 'down');
  await broadcast(presenter, [viewer]);
  await expect
    .poll(async () => (await videoReceive(viewer)).frameWidth, { message: 'the 320-wide layer', timeout: 20_000 })
    .toBeLessThanOrEqual(320);
  const seen = await watchVideo(viewer, 10_000);
  console.log(
    `300 kbit/s viewer: ${Math.round(seen.lowLayerShare * 100)} % of 10 s on the 320 layer, widths ` +
      `${[...new Set(seen.widths)]}, ${seen.fps.toFixed(1)} fps, ${seen.frozenSeconds.toFixed(2)} s frozen`,
  );
  expect(Math.max(...seen.widths), 'widest frame while capped').toBeLessThanOrEqual(320);
  expect(seen.lowLayerShare).toBeGreaterThanOrEqual(0.95);
  // Chromium's own freeze figures: under 1 s frozen in total means no single freeze over 1 s.
  expect(seen.frozenSeconds, 'seconds frozen').toBeLessThan(1);
});
