import { test } from '../test/e2e/support/fixtures';
import { startRelay } from './join/relay';
import { reportJoin } from './join/report-join';
import { sampleJoin, type JoinSample } from './join/sample';
import { openSender, type Variant } from './join/senders';

// Join → first remote camera frame, with a timeline of every sample (signaling, descriptions, ICE, DTLS, first
// RTP, first frame decoded and presented): a bare RTCPeerConnection call between two pages (the floor), the same
// call signaled through a WebSocket relay (what any server-signaled call pays), a P2P room and an SFU room through
// Moim. Each sample is a fresh page joining a sender already publishing; the variants take turns (bare, relayed,
// P2P, SFU, bare, …) so load changes on a shared machine hit them alike.
// BENCH_RUNS=n sets the runs per variant (default 12; 2–3 for a quick check).

const RUNS = Number(process.env.BENCH_RUNS ?? 12);
const ORDER: Variant[] = ['bare', 'relayed', 'p2p', 'sfu'];
/** getStats polling interval of the first RTP packet (one receiving page at a time, so it can be fine). */
const POLL_MS = 2;

test('join → first frame: bare call (direct and relayed), Moim P2P and Moim SFU, interleaved, a timeline per sample', async ({
  browser,
  roomServer,
}) => {
  test.setTimeout(60_000 + RUNS * ORDER.length * 20_000);
  const base = roomServer.httpUrl;
  const relay = await startRelay();
  const senders = {
    bare: await openSender(browser, base, 'bare', 'camera'),
    relayed: await openSender(browser, base, 'relayed', 'camera', relay),
    p2p: await openSender(browser, base, 'p2p', 'camera'),
    sfu: await openSender(browser, base, 'sfu', 'camera'),
  };
  const samples: JoinSample[] = [];
  for (let run = 1; run <= RUNS; run++) {
    for (const variant of ORDER) {
      const sample = await sampleJoin(browser, base, senders[variant], { pollMs: POLL_MS, readFrames: false });
      samples.push(sample);
      const presented = sample.timeline['first frame presented'];
      console.log(`${variant} ${run}/${RUNS}: ${sample.ok ? `${presented} ms after the click` : 'FAILED (no frame)'}`);
    }
  }
  for (const sender of Object.values(senders)) await sender.close();
  await relay.close();
  await reportJoin(samples, RUNS, browser);
});
