import { expect, test } from './support/lab-fixture';
import { broadcast, openAll } from './support/broadcast';
import { watchVideo } from './support/receive-stats';

// Thin links in a broadcast through the SFU: the presenter's camera goes up as three simulcast layers
// (320/640/1280 wide), a client's link is capped by the lab (htb on its own veth) once its page has loaded, and
// what each viewer decodes is read from its inbound-rtp stats.

const WATCH_MS = 10_000;

test.describe.configure({ timeout: 180_000 });

// A viewer capped at 300 kbit/s is not in the default suite: today its picture sometimes stalls for seconds
// (measured 2026-12-05: 1.98–9 fps, one stall of 7.3 s) while mediasoup settles on a layer, so issue 11's target for
// it lives in thin-viewer.target.spec.ts (MOIM_TARGETS=1) until the engine or server steers the layer choice.

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
