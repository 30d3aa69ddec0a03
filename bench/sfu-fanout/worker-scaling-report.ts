import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SRTP_SUITE } from './mediasoup-fanout';
import { MAX_LOSS_PCT, type ScalingResult } from './worker-scaling';
import { writeWorkerScalingChart } from './worker-scaling-chart';
import { TARGET_RATIO, type ScalingSummary } from './worker-scaling-summary';

const round = (v: number, digits = 2) => Number(v.toFixed(digits));

/** Writes sfu-fanout-workers.{json,png} into `resultsDir`; returns their paths. */
export async function writeWorkerScaling(
  resultsDir: string,
  result: ScalingResult,
  summary: ScalingSummary,
  webrtcPages: number,
): Promise<string[]> {
  mkdirSync(resultsDir, { recursive: true });
  const json = {
    bench: 'sfu-fanout-workers',
    date: new Date().toISOString(),
    machine: {
      cpu: os.cpus()[0]?.model,
      cores: os.cpus().length,
      maxOtherBusyCores: round(summary.maxOtherBusyCores),
      contended: summary.maxOtherBusyCores > 0.25,
    },
    method:
      'one VP8 producer; 1 worker vs 2 (origin + edge router fed by pipeToRouter, consumers alternated), with ' +
      `PlainTransport consumers in plain RTP and in SRTP (${SRTP_SUITE}); the four variants measured in turn at ` +
      `each step; a step is held while max(SFU loss, mean receiver loss) < ${MAX_LOSS_PCT} %. ` +
      `${webrtcPages} headless Chromium pages receive every variant over WebRTC (ICE, DTLS, SRTP; page i on ` +
      'router i mod routers) and report their inbound-rtp counters over each window',
    srtpCryptoSuite: SRTP_SUITE,
    webrtcPages,
    consumersHeld: Object.fromEntries(
      summary.kinds.map((k) => [
        k.transport,
        {
          oneWorker: k.oneWorker,
          twoWorkers: k.twoWorkers,
          ratio: k.ratio === null ? null : round(k.ratio),
          targetMet: k.ratio !== null && k.ratio >= TARGET_RATIO,
        },
      ]),
    ),
    target: { ratio: TARGET_RATIO },
    srtpCost: summary.srtpCost.map((c) => ({
      ...c,
      plainCpuPct: round(c.plainCpuPct, 1),
      srtpCpuPct: round(c.srtpCpuPct, 1),
      extraCpuPctPer100: round(c.extraCpuPctPer100),
    })),
    points: result.points.map((p) => ({
      workers: p.workers,
      transport: p.srtp ? 'srtp' : 'plain',
      consumers: p.fanout,
      cpuPct: round(p.cpuPct, 1),
      sfuLossPct: round(p.sfuLossPct, 4),
      receiverLossPctMean: round(p.lossPctMean, 4),
      receiverLossPctMax: round(p.lossPctMax, 4),
      ingestKernelDrops: p.ingestKernelDrops,
      sinkKernelDrops: p.sinkKernelDrops,
      sinkCpuPct: round(p.sinkCpuPct, 1),
      machineBusyCores: round(p.machineBusyCores),
      otherBusyCores: round(p.otherBusyCores),
      framesSent: p.framesSent,
      webrtc: p.webrtc.map((s) => ({ ...s, jitterMs: round(s.jitterMs, 1) })),
    })),
  };
  const jsonPath = path.join(resultsDir, 'sfu-fanout-workers.json');
  writeFileSync(jsonPath, `${JSON.stringify(json, null, 2)}\n`);
  const pngPath = path.join(resultsDir, 'sfu-fanout-workers.png');
  await writeWorkerScalingChart(pngPath, result, summary);
  return [jsonPath, pngPath];
}
