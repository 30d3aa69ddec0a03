import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext } from '@playwright/test';
import { test } from '../test/e2e/support/fixtures';
import { createRoom, setControl } from '../test/e2e/support/moim-page';

// Join → first remote camera frame presented, for a 2-person room through Moim (SFU and P2P) and for a bare
// RTCPeerConnection call between two pages (the floor), all in one run. Each sample is a fresh receiving page
// joining a sender that is already publishing its camera (1280×720 asked, Chromium's fake camera).
//   Moim: from the engine's joinRoom() call (connection already open) to the first frame of the remote camera
//         presented by a <video> (requestVideoFrameCallback); `click` samples start at the Join button instead
//         and so include opening the signaling connection.
//   bare: from the receiver posting "join" over a BroadcastChannel (the sender then offers; trickle ICE) to the
//         same first-frame callback.

const RUNS = Number(process.env.BENCH_RUNS ?? 12);
const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results', 'join-latency.json');
/** A sample with no frame by then counts as failed (reported, left out of the figures). */
const SAMPLE_TIMEOUT_MS = 15_000;
const CAMERA = { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } };

type Variant = 'bare' | 'p2p' | 'sfu';
interface Marks {
  clickAt: number;
  joinAt: number;
  frameAt: number;
  frameWidth: number;
}
type BenchWindow = Window & { __bench: Marks };

/** Runs in every receiving Moim page before the app: timestamps joinRoom() and the first remote camera frame. */
function instrumentMoim(): void {
  const bench: Marks = { clickAt: 0, joinAt: 0, frameAt: 0, frameWidth: 0 };
  (window as unknown as BenchWindow).__bench = bench;
  type Engine = {
    joinRoom: (...args: unknown[]) => Promise<unknown>;
    on(event: 'track', listener: (remote: { kind: string; track: MediaStreamTrack }) => void): void;
  };
  let current: { engine: Engine | null } | undefined;
  const hooked = new WeakSet<Engine>();
  Object.defineProperty(window, 'moim', {
    configurable: true,
    get: () => current,
    set: (value: { engine: Engine | null }) => {
      current = value;
      const engine = value?.engine;
      if (!engine || hooked.has(engine)) return;
      hooked.add(engine);
      const join = engine.joinRoom.bind(engine);
      engine.joinRoom = (...args) => {
        bench.joinAt = performance.now();
        return join(...args);
      };
      engine.on('track', ({ kind, track }) => {
        if (kind !== 'cam' || track.kind !== 'video' || bench.frameAt) return;
        const video = document.createElement('video');
        Object.assign(video.style, { position: 'fixed', right: '0', bottom: '0', width: '4px', height: '4px' });
        video.muted = true;
        video.srcObject = new MediaStream([track]);
        document.body.append(video);
        video.requestVideoFrameCallback((_now, meta) => {
          bench.frameAt = performance.now();
          bench.frameWidth = meta.width;
        });
        void video.play();
      });
    },
  });
}

/** The sender of the bare call: answers every "join" on the channel with a new connection carrying its camera. */
async function bareSender(camera: MediaTrackConstraints): Promise<void> {
  const channel = new BroadcastChannel('bench');
  const stream = await navigator.mediaDevices.getUserMedia({ video: camera });
  let pc: RTCPeerConnection | null = null;
  let queue = Promise.resolve();
  channel.onmessage = ({ data }) => {
    queue = queue.then(async () => {
      if (data.type === 'join') {
        pc?.close();
        const conn = (pc = new RTCPeerConnection());
        conn.onicecandidate = (e) =>
          channel.postMessage({ type: 'candidate', from: 'sender', candidate: e.candidate?.toJSON() ?? null });
        for (const track of stream.getTracks()) conn.addTrack(track, stream);
        await conn.setLocalDescription(await conn.createOffer());
        channel.postMessage({ type: 'offer', description: conn.localDescription!.toJSON() });
      } else if (data.type === 'answer') {
        await pc?.setRemoteDescription(data.description);
      } else if (data.type === 'candidate' && data.from === 'receiver' && data.candidate) {
        await pc?.addIceCandidate(data.candidate);
      }
    });
  };
}

/** The receiver of the bare call: says "join", answers the offer, resolves with its marks once a frame showed. */
function bareReceiver(): Promise<Marks> {
  return new Promise((resolve) => {
    const channel = new BroadcastChannel('bench');
    const marks: Marks = { clickAt: 0, joinAt: performance.now(), frameAt: 0, frameWidth: 0 };
    const pc = new RTCPeerConnection();
    pc.onicecandidate = (e) =>
      channel.postMessage({ type: 'candidate', from: 'receiver', candidate: e.candidate?.toJSON() ?? null });
    pc.ontrack = ({ track }) => {
      const video = document.createElement('video');
      video.muted = true;
      video.srcObject = new MediaStream([track]);
      document.body.append(video);
      video.requestVideoFrameCallback((_now, meta) => {
        marks.frameAt = performance.now();
        marks.frameWidth = meta.width;
        pc.close();
        channel.close();
        resolve(marks);
      });
      void video.play();
    };
    let queue = Promise.resolve();
    channel.onmessage = ({ data }) => {
      queue = queue.then(async () => {
        if (data.type === 'offer') {
          await pc.setRemoteDescription(data.description);
          await pc.setLocalDescription(await pc.createAnswer());
          channel.postMessage({ type: 'answer', description: pc.localDescription!.toJSON() });
        } else if (data.type === 'candidate' && data.from === 'sender' && data.candidate) {
          await pc.addIceCandidate(data.candidate);
        }
      });
    };
    channel.postMessage({ type: 'join' });
  });
}

/** A Moim page that created a room of `mode` and publishes its camera, for receivers to join. */
async function moimSender(
  browser: Browser,
  baseUrl: string,
  mode: 'P2P' | 'Group (SFU)',
): Promise<{ context: BrowserContext; roomId: string }> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Your name').fill('Sender');
  const roomId = await createRoom(page, mode);
  await setControl(page, 'Camera', true);
  return { context, roomId };
}

/** One sample through Moim: a fresh page joins `roomId` with the Join button; null if no frame came in time. */
async function moimSample(browser: Browser, baseUrl: string, roomId: string): Promise<Marks | null> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  try {
    await context.addInitScript(instrumentMoim);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);
    // As a person in a call who has used their camera before: until a page has captured, Chromium hides its
    // host candidates behind mDNS names, which a P2P peer on this offline loopback host cannot resolve.
    await page.evaluate(async () => {
      for (const track of (await navigator.mediaDevices.getUserMedia({ video: true })).getTracks()) track.stop();
    });
    await page.getByLabel('Your name').fill('Receiver');
    await page.getByLabel('Room ID or link').fill(roomId);
    await page.getByRole('button', { name: 'Join', exact: true }).evaluate((button: HTMLElement) => {
      (window as unknown as BenchWindow).__bench.clickAt = performance.now();
      button.click();
    });
    const shown = await page
      .waitForFunction(() => (window as unknown as BenchWindow).__bench.frameAt > 0, undefined, {
        timeout: SAMPLE_TIMEOUT_MS,
      })
      .then(() => true)
      .catch(() => false);
    if (!shown) return null;
    const marks = await page.evaluate(() => (window as unknown as BenchWindow).__bench);
    await page.evaluate(() => (window.moim?.engine as { leaveRoom(): Promise<unknown> } | null)?.leaveRoom());
    return marks;
  } finally {
    await context.close();
  }
}

/** One sample of the bare call: a fresh receiving page in the sender's context; null if no frame came in time. */
async function bareSample(context: BrowserContext, baseUrl: string): Promise<Marks | null> {
  const page = await context.newPage();
  try {
    await page.goto(`${baseUrl}/healthz`);
    const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), SAMPLE_TIMEOUT_MS));
    return await Promise.race([page.evaluate(bareReceiver), timeout]);
  } finally {
    await page.close();
  }
}

/** Median, 90th percentile (nearest rank), spread and the samples, in ms. */
function summarize(samples: number[]) {
  if (samples.length === 0) return { runs: 0, medianMs: NaN, p90Ms: NaN, minMs: NaN, maxMs: NaN, samplesMs: [] };
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    runs: sorted.length,
    medianMs: round(rank(0.5)),
    p90Ms: round(rank(0.9)),
    minMs: round(sorted[0]!),
    maxMs: round(sorted.at(-1)!),
    samplesMs: samples.map(round),
  };
}

/** The sending side of one variant: a page publishing its camera, and how a receiver joins it. */
async function openSender(browser: Browser, baseUrl: string, variant: Variant) {
  if (variant === 'bare') {
    const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
    const host = await context.newPage();
    await host.goto(`${baseUrl}/healthz`);
    await host.evaluate(bareSender, CAMERA);
    return { context, sample: () => bareSample(context, baseUrl) };
  }
  const { context, roomId } = await moimSender(browser, baseUrl, variant === 'p2p' ? 'P2P' : 'Group (SFU)');
  return { context, sample: () => moimSample(browser, baseUrl, roomId) };
}

test('join-latency: SFU and P2P through Moim beside a bare RTCPeerConnection call', async ({ browser, roomServer }) => {
  const baseUrl = roomServer.httpUrl;
  const join: Record<Variant, number[]> = { bare: [], p2p: [], sfu: [] };
  const click: Record<'p2p' | 'sfu', number[]> = { p2p: [], sfu: [] };
  const widths: Record<Variant, number[]> = { bare: [], p2p: [], sfu: [] };
  const failed: Record<Variant, number> = { bare: 0, p2p: 0, sfu: 0 };
  const order: Variant[] = ['bare', 'p2p', 'sfu'];
  // Blocks of one variant at a time, so every sample runs with the same two pages (one sender, one receiver);
  // two passes in opposite orders so slow drift of the machine's load hits every variant alike.
  const passes = [
    { variants: order, runs: Math.ceil(RUNS / 2) },
    { variants: [...order].reverse(), runs: Math.floor(RUNS / 2) },
  ];
  for (const pass of passes) {
    for (const variant of pass.variants) {
      const sender = await openSender(browser, baseUrl, variant);
      for (let run = 0; run < pass.runs; run++) {
        const marks = await sender.sample();
        const n = join[variant].length + failed[variant] + 1;
        if (!marks) {
          failed[variant]++;
          console.log(`${variant} ${n}/${RUNS}: FAILED (no frame within ${SAMPLE_TIMEOUT_MS} ms)`);
          continue;
        }
        join[variant].push(marks.frameAt - marks.joinAt);
        widths[variant].push(marks.frameWidth);
        if (variant !== 'bare') click[variant].push(marks.frameAt - marks.clickAt);
        const ms = (marks.frameAt - marks.joinAt).toFixed(0);
        console.log(`${variant} ${n}/${RUNS}: ${ms} ms (first frame ${marks.frameWidth} wide)`);
      }
      await sender.context.close();
    }
  }

  const results = { bare: summarize(join.bare), p2p: summarize(join.p2p), sfu: summarize(join.sfu) };
  const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
  const report = {
    benchmark: 'join-latency',
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? '',
      chromium: browser.version(),
      node: process.version,
    },
    definition:
      'ms from joinRoom() (Moim) or the "join" message (bare) to the first remote camera frame presented (requestVideoFrameCallback); 2 peers on loopback, sender already publishing 1280x720',
    runsPerVariant: RUNS,
    failedRuns: failed,
    results,
    fromJoinClick: { p2p: summarize(click.p2p), sfu: summarize(click.sfu) },
    firstFrameWidths: widths,
    ratios: {
      sfuVsFloorMedian: ratio(results.sfu.medianMs, results.bare.medianMs),
      sfuVsFloorP90: ratio(results.sfu.p90Ms, results.bare.p90Ms),
      p2pVsFloorMedian: ratio(results.p2p.medianMs, results.bare.medianMs),
      p2pVsFloorP90: ratio(results.p2p.p90Ms, results.bare.p90Ms),
      sfuVsP2pMedian: ratio(results.sfu.medianMs, results.p2p.medianMs),
    },
    target: { sfuVsFloorMedianAtMost: 1.5, met: results.sfu.medianMs <= 1.5 * results.bare.medianMs },
  };
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(OUT, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\njoin → first frame (median / p90 ms, ${RUNS} runs each)`);
  for (const variant of order)
    console.log(`  ${variant.padEnd(5)} ${results[variant].medianMs} / ${results[variant].p90Ms}`);
  console.log(
    `  SFU ÷ floor ${report.ratios.sfuVsFloorMedian} (target ≤ 1.5: ${report.target.met ? 'met' : 'NOT met'}), P2P ÷ floor ${report.ratios.p2pVsFloorMedian}`,
  );
  if (failed.bare + failed.p2p + failed.sfu > 0)
    console.log(`  failed runs (no frame in time): ${JSON.stringify(failed)}`);
  console.log(`  written to ${path.relative(process.cwd(), OUT)}`);
});
