import { expect, test } from './support/lab-fixture';
import { broadcast, openAll } from './support/broadcast';
import { videoReceive, watchVideo } from './support/receive-stats';

// Thin links in a broadcast through the SFU: the presenter's camera goes up as three simulcast layers
// (320/640/1280 wide), a client's link is capped by the lab (htb on its own veth) once its page has loaded, and
// what each viewer decodes is read from its inbound-rtp stats.

const WATCH_MS = 10_000;

test.describe.configure({ timeout: 180_000 });

test('a viewer capped at 300 kbit/s gets a lower simulcast layer and keeps decoding', async ({
  lab,
  labServer,
  browserOn,
}) => {
  const { presenter, viewers } = await openAll(browserOn, labServer.httpUrl, ['b']);
  const viewer = viewers[0]!;
  await lab.node('b').link.cap(300, 'down');
  const joining = Date.now();
  await broadcast(presenter, [viewer]);
  const firstFrameMs = Date.now() - joining;
  // The SFU starts every consumer high (3 Mbit/s assumed); its bandwidth estimate then finds a layer that fits.
  await expect
    .poll(async () => (await videoReceive(viewer)).frameWidth, { message: 'a layer below 1280', timeout: 30_000 })
    .toBeLessThanOrEqual(640);
  const settledMs = Date.now() - joining;

  const seen = await watchVideo(viewer, WATCH_MS);
  const share = (w: number) => Math.round((seen.widths.filter((x) => x === w).length / seen.widths.length) * 100);
  console.log(
    `300 kbit/s viewer: first frame ${firstFrameMs} ms after joining, below the top layer after ${settledMs} ms; ` +
      `over ${WATCH_MS / 1000} s: 320/640/1280 wide ${share(320)}/${share(640)}/${share(1280)} % of the time, ` +
      `${seen.fps.toFixed(1)} fps, ${seen.freezes} freezes (${seen.frozenSeconds.toFixed(2)} s), ` +
      `longest stall ${seen.longestStallMs} ms`,
  );
  // Issue 11 wants the 320 layer all along; mediasoup today often picks the 640 layer at a low frame rate (and
  // probes up to 1280 now and then): that stricter check waits in thin-viewer.target.spec.ts.
  // Measured 1.98–9 fps across runs (the low end on a loaded machine): the bound only tells moving from stopped.
  expect(seen.fps, 'frames per second while capped').toBeGreaterThan(1);
  // Bounds that catch a stopped picture. The target (no freeze over 1 s) is not met in every run today (one run
  // on a loaded machine: a 1.38 s freeze), so it waits in thin-viewer.target.spec.ts with the 320-layer check.
  expect(seen.frozenSeconds, 'seconds frozen').toBeLessThan(3);
  expect(seen.longestStallMs, 'longest stretch without a new frame').toBeLessThan(3000);
});

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
