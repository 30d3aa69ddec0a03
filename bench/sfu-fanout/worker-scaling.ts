// One broadcast on 1 mediasoup worker vs 2 (origin + an edge router fed by pipeToRouter, consumers split between
// them, as the SFU does past --consumers-per-router): how many consumers each holds at < 1 % loss. The two
// variants are measured alternately at every step, so load from elsewhere hits both alike.
import { measure, type MeasureContext, type Measurement } from './measure';
import { MediasoupFanout } from './mediasoup-fanout';
import { raisePriority } from '../lib/proc-stats';

/** Consumer counts tried; MOIM_BENCH_WORKER_STEPS overrides. */
export const WORKER_STEPS = (process.env.MOIM_BENCH_WORKER_STEPS ?? '100,200,300,400,500,600,800,1000,1300,1600,2000')
  .split(',')
  .map(Number);
/** Loss at or above which a variant is out. */
export const MAX_LOSS_PCT = 1;

/** One step of one variant, with the loss at the SFU itself (what its workers did not send). */
export interface ScalingPoint extends Measurement {
  workers: number;
  /** 1 − packets each consumer sent / packets the sender sent, in % (mediasoup's own counters). */
  sfuLossPct: number;
}

/** Both variants' points and the consumers each held below MAX_LOSS_PCT (0 when not even the first step). */
export interface ScalingResult {
  points: ScalingPoint[];
  held: Record<1 | 2, number>;
}

/** The loss that decides whether a step is held: the worse of what the SFU did not send and what receivers lost. */
export const stepLoss = (p: ScalingPoint) => Math.max(p.sfuLossPct, p.lossPctMean);

async function measureStep(ctx: MeasureContext, fanout: MediasoupFanout, workers: number): Promise<ScalingPoint> {
  ctx.sender.target.port = fanout.ingestPort;
  const forwarder = {
    pid: fanout.worker.pid,
    pids: fanout.workers.map((w) => w.pid),
    ingestPort: fanout.ingestPort,
    stats: () => fanout.stats(),
  };
  const m = await measure(ctx, forwarder, fanout.consumerSsrcs);
  const sfuLossPct = m.packetsSent ? Math.max(0, 1 - m.forwardedPerReceiver / m.packetsSent) * 100 : 0;
  return { ...m, workers, sfuLossPct };
}

/** Runs the comparison with the sender, sink and windows of `ctx`; logs each point as it is measured. */
export async function compareWorkers(
  ctx: MeasureContext,
  log: (what: string, p: ScalingPoint) => void,
): Promise<ScalingResult> {
  const variants = new Map<1 | 2, MediasoupFanout>();
  for (const count of [1, 2] as const) {
    const fanout = await MediasoupFanout.start(count);
    for (const w of fanout.workers) raisePriority(w.pid);
    variants.set(count, fanout);
  }
  const points: ScalingPoint[] = [];
  const held: Record<1 | 2, number> = { 1: 0, 2: 0 };
  const out = new Set<1 | 2>();
  try {
    for (const n of WORKER_STEPS) {
      for (const [count, fanout] of variants) {
        if (out.has(count)) continue;
        await fanout.grow(n, ctx.sinkPorts);
        // A step over the limit is measured once more: a burst of load from elsewhere should not end a variant.
        let point = await measureStep(ctx, fanout, count);
        log(`${count} worker${count > 1 ? 's' : ''}`, point);
        if (stepLoss(point) >= MAX_LOSS_PCT) {
          points.push(point);
          point = await measureStep(ctx, fanout, count);
          log(`${count} worker${count > 1 ? 's' : ''} (again)`, point);
        }
        points.push(point);
        if (stepLoss(point) < MAX_LOSS_PCT) held[count] = n;
        else out.add(count);
      }
      if (out.size === variants.size) break;
    }
  } finally {
    for (const fanout of variants.values()) fanout.close();
  }
  return { points, held };
}
