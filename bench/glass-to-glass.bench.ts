import { test } from '../test/e2e/support/fixtures';
import { reportGlass } from './join/report-glass';
import { sampleJoin, type JoinSample } from './join/sample';
import { openSender, type Variant } from './join/senders';

// Glass-to-glass: each sender draws a frame number into a 1280×720 canvas (see join/frame-code.ts) and sends its
// captureStream through a bare call, a Moim P2P room and a Moim SFU room. A receiver joins, reads the number of
// every frame it presents (requestVideoFrameCallback), and the latency is presentation time minus the moment
// the number was drawn, both on the machine's one clock (performance.timeOrigin + now). The variants take turns.
// BENCH_G2G_RUNS=n joins per variant (default: BENCH_RUNS / 3), each reading frames for GATHER_MS.

const RUNS = Number(process.env.BENCH_RUNS ?? 12);
const G2G_RUNS = Number(process.env.BENCH_G2G_RUNS ?? Math.max(1, Math.ceil(RUNS / 3)));
const ORDER = ['bare', 'p2p', 'sfu'] as const satisfies readonly Variant[];
/** Frames are read for this long after the first one; the first second (start-up) is left out. */
const GATHER_MS = 5000;

test('glass-to-glass: numbered frames through a bare call, Moim P2P and Moim SFU, interleaved', async ({
  browser,
  roomServer,
}) => {
  test.setTimeout(60_000 + G2G_RUNS * 3 * 40_000);
  const base = roomServer.httpUrl;
  const senders = {
    bare: await openSender(browser, base, 'bare', 'numbered'),
    p2p: await openSender(browser, base, 'p2p', 'numbered'),
    sfu: await openSender(browser, base, 'sfu', 'numbered'),
  };
  const samples: JoinSample[] = [];
  for (let run = 1; run <= G2G_RUNS; run++) {
    for (const variant of ORDER) {
      const sample = await sampleJoin(browser, base, senders[variant], { pollMs: 10, readFrames: true }, GATHER_MS);
      samples.push(sample);
      const sorted = [...sample.glassMs].sort((a, b) => a - b);
      const mid = sorted[Math.floor(sorted.length / 2)];
      console.log(`${variant} ${run}/${G2G_RUNS}: ${sorted.length} frames read, median ${mid ?? '—'} ms`);
    }
  }
  for (const sender of Object.values(senders)) await sender.close();
  await reportGlass(samples, G2G_RUNS, browser);
});
