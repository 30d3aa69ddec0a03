import { expect, test } from './support/lab-fixture';
import { broadcast, openAll } from './support/broadcast';
import { videoReceive, watchVideo } from './support/receive-stats';

// Thin links in a broadcast through the SFU: the presenter's camera goes up as three simulcast layers
// (320/640/1280 wide), a client's link is capped by the lab (htb on its own veth) once its page has loaded, and
// what each viewer decodes is read from its inbound-rtp stats.

const WATCH_MS = 10_000;

test.describe.configure({ timeout: 180_000 });

test('a presenter capped at 1 Mbit/s up keeps every viewer decoding', async ({ lab, labServer, browserOn }) => {
  const { presenter, viewers } = await openAll(browserOn, labServer.httpUrl, ['b', 'c']);
  await lab.node('a').link.cap(1000, 'up');
  await broadcast(presenter, viewers);
  const seen = await Promise.all(viewers.map((viewer) => watchVideo(viewer, WATCH_MS)));
  for (const [i, s] of seen.entries()) {
    console.log(
      `viewer ${i + 1} of a 1 Mbit/s presenter over ${WATCH_MS / 1000} s: ${s.fps.toFixed(1)} fps, ` +
        `widths ${[...new Set(s.widths)]}, ${s.freezes} freezes (${s.frozenSeconds.toFixed(2)} s), ` +
        `longest stall ${s.longestStallMs} ms`,
    );
    expect(s.fps, `viewer ${i + 1} frames per second`).toBeGreaterThan(5);
    expect(s.longestStallMs, `viewer ${i + 1} longest stall`).toBeLessThan(1000);
  }
});

// Before the server steered layers by the viewer's estimate (server/sfu/layer-fit.ts), mediasoup started this viewer
// on 1280, flooded the link, its estimate collapsed to ~50 kbit/s and the picture stopped for up to 7.8 s; later it
// sat on 640 at 1–3 fps. The stall is measured as the longest stretch without a new frame: Chromium's freeze count
// misses a picture that stops arriving (no frame comes to be late).
test('a viewer capped at 300 kbit/s down stays on the 320-wide layer without a stall, and climbs once the link widens', async ({
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
  const seen = await watchVideo(viewer, WATCH_MS);
  console.log(
    `300 kbit/s viewer: ${Math.round(seen.lowLayerShare * 100)} % of ${WATCH_MS / 1000} s on the 320 layer, ` +
      `widths ${[...new Set(seen.widths)]}, ${seen.fps.toFixed(1)} fps, longest stall ${seen.longestStallMs} ms`,
  );
  expect(Math.max(...seen.widths), 'widest frame while capped').toBeLessThanOrEqual(320);
  expect(seen.lowLayerShare).toBeGreaterThanOrEqual(0.95);
  expect(seen.fps, 'frames per second on the 320 layer').toBeGreaterThan(10);
  expect(seen.longestStallMs, 'longest stretch without a new frame').toBeLessThan(1000);
  // Capped at the lowest layer, the viewer must still find out when its link grows: mediasoup keeps probing
  // towards the top layer's bitrate, so the estimate rises and the viewer climbs. How soon depends on when a probe
  // succeeds: 2–3.5 s in 7 of 11 runs, 7–13 s in the others (the estimate stays put until then).
  await lab.node('b').link.cap(undefined, 'down');
  const widened = Date.now();
  await expect
    .poll(async () => (await videoReceive(viewer)).frameWidth, { message: 'a larger layer', timeout: 45_000 })
    .toBeGreaterThan(320);
  console.log(`link widened: ${(await videoReceive(viewer)).frameWidth} wide after ${Date.now() - widened} ms`);
});
