import { MAX_LOSS_PCT, stepLoss, VARIANTS, variantKey, type ScalingPoint, type ScalingResult } from './worker-scaling';

/** 2 workers should hold at least this many times the consumers of one. */
export const TARGET_RATIO = 1.8;

/** Consumers held on 1 worker (the floor) and on 2, for one transport kind. */
export interface KindSummary {
  transport: 'plain' | 'srtp';
  oneWorker: number;
  twoWorkers: number;
  /** twoWorkers / oneWorker; null when 1 worker held no step. */
  ratio: number | null;
}

/** What encryption costs at one step both kinds held on the same worker count: CPU of the workers, % of a core. */
export interface SrtpCost {
  workers: 1 | 2;
  consumers: number;
  plainCpuPct: number;
  srtpCpuPct: number;
  /** (SRTP − plain) per 100 consumers: the encryption's own cost. */
  extraCpuPctPer100: number;
}

/** The figures the report prints and writes. */
export interface ScalingSummary {
  kinds: KindSummary[];
  srtpCost: SrtpCost[];
  /** Cores other processes kept busy in the noisiest window. */
  maxOtherBusyCores: number;
}

/** The held points (under the limit), one per variant and step: a step measured again counts by its second try. */
function heldPoints(points: readonly ScalingPoint[]): ScalingPoint[] {
  return points.filter((p) => stepLoss(p) < MAX_LOSS_PCT);
}

/** Sums up a run: consumers held and the 2-vs-1 ratio per transport kind, and SRTP's extra CPU at shared steps. */
export function summarize(result: ScalingResult): ScalingSummary {
  const kinds = (['plain', 'srtp'] as const).map((transport) => {
    const held = (workers: 1 | 2) => result.held[variantKey({ workers, srtp: transport === 'srtp' })] ?? 0;
    const [oneWorker, twoWorkers] = [held(1), held(2)];
    return { transport, oneWorker, twoWorkers, ratio: oneWorker > 0 ? twoWorkers / oneWorker : null };
  });
  const held = heldPoints(result.points);
  const srtpCost: SrtpCost[] = [];
  for (const plain of held.filter((p) => !p.srtp)) {
    const srtp = held.find((p) => p.srtp && p.workers === plain.workers && p.fanout === plain.fanout);
    if (!srtp) continue;
    srtpCost.push({
      workers: plain.workers,
      consumers: plain.fanout,
      plainCpuPct: plain.cpuPct,
      srtpCpuPct: srtp.cpuPct,
      extraCpuPctPer100: ((srtp.cpuPct - plain.cpuPct) / plain.fanout) * 100,
    });
  }
  const maxOtherBusyCores = Math.max(0, ...result.points.map((p) => p.otherBusyCores));
  return { kinds, srtpCost, maxOtherBusyCores };
}

/** The last held point of each variant (where its real receivers' figures matter most). */
export function lastHeld(result: ScalingResult): ScalingPoint[] {
  const held = heldPoints(result.points);
  return VARIANTS.flatMap((v) => held.filter((p) => p.workers === v.workers && p.srtp === v.srtp).slice(-1));
}

/** Prints the summary: each 2-worker figure beside its 1-worker floor, SRTP beside plain, and the load seen. */
export function printSummary(summary: ScalingSummary, result: ScalingResult): void {
  console.log(`\nconsumers held at < ${MAX_LOSS_PCT} % loss, one broadcast:`);
  console.log('transport   1 worker (floor)  2 workers  ratio (target ≥ 1.8×)');
  for (const k of summary.kinds) {
    const ratio = k.ratio === null ? '–' : `${k.ratio.toFixed(2)}×${k.ratio >= TARGET_RATIO ? ' met' : ''}`;
    console.log(
      `${k.transport.padEnd(11)} ${String(k.oneWorker).padStart(16)}  ${String(k.twoWorkers).padStart(9)}  ${ratio}`,
    );
  }
  for (const c of summary.srtpCost) {
    console.log(
      `SRTP vs plain, ${c.workers} worker${c.workers > 1 ? 's' : ''}, ${c.consumers} consumers: workers' CPU ` +
        `${c.srtpCpuPct.toFixed(1)} % vs ${c.plainCpuPct.toFixed(1)} % of a core ` +
        `(${c.extraCpuPctPer100 >= 0 ? '+' : ''}${c.extraCpuPctPer100.toFixed(2)} % per 100 consumers)`,
    );
  }
  for (const p of lastHeld(result)) {
    if (p.webrtc.length === 0) continue;
    const pages = p.webrtc
      .map((s) => `${s.router} ${s.framesDecoded}/${p.framesSent} frames, ${s.packetsLost} lost`)
      .join('; ');
    console.log(`WebRTC pages at ${variantKey(p)} ${p.fanout}: ${pages}`);
  }
  const other = summary.maxOtherBusyCores;
  console.log(`other processes kept up to ${other.toFixed(2)} cores busy` + (other > 0.25 ? ': a loaded machine' : ''));
}
