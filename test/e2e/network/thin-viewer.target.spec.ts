import { expect, test } from './support/lab-fixture';
import { broadcast, openAll } from './support/broadcast';
import { videoReceive, watchVideo } from './support/receive-stats';

// TARGET, not in the default suite (playwright.config.ts ignores *.target.spec.ts unless MOIM_TARGETS=1):
// issue 11 wants a viewer on a 300 kbit/s link to get the 320-wide simulcast layer and never freeze over 1 s. Runs
// of 2026-12-07 on the layer share: 2 of 4 failed before the layer and stall watches (71 %, 95 %; 640 at 1.3–2.8
// fps), 1 of 8 after (a jump to 1280), but that check read Chromium's freeze count, which misses a picture that
// stops arriving (no frame comes to be late): several of those runs ran at 1–2 fps. Measured directly, the longest
// stretch without a new frame reaches 7.8 s. Why (server-side estimate logged every 250 ms): mediasoup starts the
// consumer on 1280 whatever initialAvailableOutgoingBitrate says (3000 and 800 kbit/s tried), sends up to 3 Mbit/s
// into the 300 kbit/s link, its estimate collapses to 42–52 kbit/s, and it then sends 320 at its lowest frame rate
// or pauses the consumer (no layer) for up to 8 s, until a probe lifts it straight to 1280. A policy capping a
// consumer one layer down after 2 s below its full frame rate did not help, so it was not kept. This stays a target
// until the start layer and that collapse are fixed.
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
      `${[...new Set(seen.widths)]}, ${seen.fps.toFixed(1)} fps, longest stall ${seen.longestStallMs} ms`,
  );
  expect(Math.max(...seen.widths), 'widest frame while capped').toBeLessThanOrEqual(320);
  expect(seen.lowLayerShare).toBeGreaterThanOrEqual(0.95);
  // No stretch of over 1 s without a new frame (Chromium's freeze figures miss a picture that stops arriving).
  expect(seen.longestStallMs, 'longest stretch without a new frame').toBeLessThan(1000);
});
