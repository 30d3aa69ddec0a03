import { readFileSync } from 'node:fs';
import type { MeasureContext } from './measure';
import { WebRtcReceivers } from './webrtc-receivers';
import { compareWorkers, type ScalingPoint } from './worker-scaling';
import { writeWorkerScaling } from './worker-scaling-report';
import { printSummary, summarize } from './worker-scaling-summary';

/** Chromium pages receiving over WebRTC beside the PlainTransport load; MOIM_BENCH_WEBRTC_PAGES=0 leaves them out. */
const WEBRTC_PAGES = Number(process.env.MOIM_BENCH_WEBRTC_PAGES ?? 3);

function logPoint(what: string, p: ScalingPoint): void {
  const pages = p.webrtc.length
    ? `  webrtc decoded ${p.webrtc.map((s) => s.framesDecoded).join('/')} of ${p.framesSent} frames, ` +
      `lost ${p.webrtc.map((s) => s.packetsLost).join('/')} packets`
    : '';
  console.log(
    `${what.padEnd(24)} N=${String(p.fanout).padStart(4)}  cpu ${p.cpuPct.toFixed(1).padStart(5)} %  ` +
      `sfu loss ${p.sfuLossPct.toFixed(3)} %  receiver loss mean ${p.lossPctMean.toFixed(3)} %${pages}  ` +
      `(sink cpu ${p.sinkCpuPct.toFixed(0)} %, other load ${p.otherBusyCores.toFixed(2)} cores)`,
  );
}

/**
 * 1 vs 2 workers for one broadcast, plain RTP and SRTP consumers, with real WebRTC receivers watching: prints
 * each step and the summary, writes sfu-fanout-workers.{json,png} into `resultsDir`, returns their paths.
 */
export async function runWorkerScaling(ctx: MeasureContext, resultsDir: string): Promise<string[]> {
  let receivers: WebRtcReceivers | null = null;
  let result;
  try {
    if (WEBRTC_PAGES > 0) {
      // Bundled beside this bundle by bench/sfu-fanout.mjs (mediasoup-client included).
      const script = readFileSync(new URL('./sfu-fanout-receiver.js', import.meta.url), 'utf8');
      receivers = await WebRtcReceivers.start(WEBRTC_PAGES, script);
    }
    result = await compareWorkers(ctx, receivers, logPoint);
  } finally {
    await receivers?.close();
  }
  const summary = summarize(result);
  printSummary(summary, result);
  return writeWorkerScaling(resultsDir, result, summary, WEBRTC_PAGES);
}
