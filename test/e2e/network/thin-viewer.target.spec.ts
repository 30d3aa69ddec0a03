import { expect, test } from './support/lab-fixture';
import { broadcast, openAll } from './support/broadcast';
import { videoReceive, watchVideo } from './support/receive-stats';

// TARGET, not in the default suite (playwright.config.ts ignores *.target.spec.ts unless MOIM_TARGETS=1):
// issue 11 wants a viewer on a 300 kbit/s link to get the 320-wide simulcast layer. Today mediasoup often settles
// on the 640 layer at a low frame rate instead, and probes up to 1280 now and then (measured 2026-12-05: 0 %, 40 %,
// 77 % and 100 % of a 10–12 s window on the 320 layer in four runs), so this fails in some runs until the server or
// engine steers the layer choice.
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
  console.log(`300 kbit/s viewer: ${Math.round(seen.lowLayerShare * 100)} % of 10 s on the 320 layer`);
  expect(Math.max(...seen.widths), 'widest frame while capped').toBeLessThanOrEqual(320);
  expect(seen.lowLayerShare).toBeGreaterThanOrEqual(0.95);
  // Chromium's own freeze figures: under 1 s frozen in total means no single freeze over 1 s.
  expect(seen.frozenSeconds, 'seconds frozen').toBeLessThan(1);
});
