// One broadcast on 1 mediasoup worker vs 2 (origin + an edge router fed by pipeToRouter, consumers split between
// them, as the SFU does past --consumers-per-router), with plain-RTP consumers and with SRTP ones: how many
// consumers each holds at < 1 % loss. The four variants are measured in turn at every step, so load from
// elsewhere hits all alike; real WebRTC receivers (when given) watch every variant throughout.
import { measure, type MeasureContext, type Measurement } from './measure';
import { MediasoupFanout } from './mediasoup-fanout';
import type { ReceiverSample, WebRtcReceivers } from './webrtc-receivers';
import { raisePriority } from '../lib/proc-stats';

/** Consumer counts tried; MOIM_BENCH_WORKER_STEPS overrides. */
export const WORKER_STEPS = (process.env.MOIM_BENCH_WORKER_STEPS ?? '100,200,300,400,500,600,800,1000,1300,1600,2000')
  .split(',')
  .map(Number);
/** Loss at or above which a variant is out. */
export const MAX_LOSS_PCT = 1;

/** How the broadcast is carried: on how many workers, and whether the consumers encrypt (SRTP) or not. */
export interface Variant {
  workers: 1 | 2;
  srtp: boolean;
}

/** In the order they are measured at each step. */
export const VARIANTS: readonly Variant[] = [
  { workers: 1, srtp: false },
  { workers: 2, srtp: false },
  { workers: 1, srtp: true },
  { workers: 2, srtp: true },
];

/** A stable name for a variant, e.g. `2w-srtp` (JSON keys, receiver keys). */
export const variantKey = (v: Variant) => `${v.workers}w-${v.srtp ? 'srtp' : 'plain'}`;

/** A readable name for a variant, e.g. `2 workers SRTP`. */
export const variantLabel = (v: Variant) =>
  `${v.workers} worker${v.workers > 1 ? 's' : ''} ${v.srtp ? 'SRTP' : 'plain'}`;

/** One step of one variant, with the loss at the SFU itself (what its workers did not send). */
export interface ScalingPoint extends Measurement, Variant {
  /** 1 − packets each consumer sent / packets the sender sent, in % (mediasoup's own counters). */
  sfuLossPct: number;
  /** Frames the sender sent in the window: what each real receiver could decode. */
  framesSent: number;
  /** The real WebRTC receivers of this variant over the window (none when the bench runs without pages). */
  webrtc: ReceiverSample[];
}

/** Every variant's points and the consumers each held below MAX_LOSS_PCT (0 when not even the first step). */
export interface ScalingResult {
  points: ScalingPoint[];
  /** By variantKey. */
  held: Record<string, number>;
}

/** The loss that decides whether a step is held: the worse of what the SFU did not send and what receivers lost. */
export const stepLoss = (p: ScalingPoint) => Math.max(p.sfuLossPct, p.lossPctMean);

async function measureStep(
  ctx: MeasureContext,
  fanout: MediasoupFanout,
  variant: Variant,
  receivers: WebRtcReceivers | null,
): Promise<ScalingPoint> {
  ctx.sender.target.port = fanout.ingestPort;
  const forwarder = {
    pid: fanout.worker.pid,
    pids: fanout.workers.map((w) => w.pid),
    ingestPort: fanout.ingestPort,
    stats: () => fanout.stats(),
  };
  const probe = receivers?.probe(variantKey(variant));
  const m = await measure(ctx, forwarder, fanout.consumerSsrcs, probe);
  const sfuLossPct = m.packetsSent ? Math.max(0, 1 - m.forwardedPerReceiver / m.packetsSent) * 100 : 0;
  const framesSent = ctx.windowFrames - m.framesSkipped;
  return { ...m, ...variant, sfuLossPct, framesSent, webrtc: probe?.samples ?? [] };
}

/** Runs the comparison with the sender, sink and windows of `ctx`; logs each point as it is measured. */
export async function compareWorkers(
  ctx: MeasureContext,
  receivers: WebRtcReceivers | null,
  log: (what: string, p: ScalingPoint) => void,
): Promise<ScalingResult> {
  const fanouts: MediasoupFanout[] = [];
  const points: ScalingPoint[] = [];
  const held: Record<string, number> = Object.fromEntries(VARIANTS.map((v) => [variantKey(v), 0]));
  const out = new Set<Variant>();
  try {
    for (const variant of VARIANTS) {
      const fanout = await MediasoupFanout.start(variant.workers, { srtp: variant.srtp });
      fanouts.push(fanout);
      for (const w of fanout.workers) raisePriority(w.pid);
      await receivers?.attach(variantKey(variant), fanout);
    }
    for (const n of WORKER_STEPS) {
      for (const [i, variant] of VARIANTS.entries()) {
        if (out.has(variant)) continue;
        await fanouts[i]!.grow(n, ctx.sinkPorts);
        // A step over the limit is measured once more: a burst of load from elsewhere should not end a variant.
        let point = await measureStep(ctx, fanouts[i]!, variant, receivers);
        log(variantLabel(variant), point);
        if (stepLoss(point) >= MAX_LOSS_PCT) {
          points.push(point);
          point = await measureStep(ctx, fanouts[i]!, variant, receivers);
          log(`${variantLabel(variant)} (again)`, point);
        }
        points.push(point);
        if (stepLoss(point) < MAX_LOSS_PCT) held[variantKey(variant)] = n;
        else out.add(variant);
      }
      if (out.size === VARIANTS.length) break;
    }
  } finally {
    for (const fanout of fanouts) fanout.close();
  }
  return { points, held };
}
