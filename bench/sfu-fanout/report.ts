import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { version as mediasoupVersion } from 'mediasoup';
import { COLORS, linePanel, lineSeries, writeChartPng } from '../lib/chart';
import type { Measurement } from './measure';
import type { Vp8StreamOptions } from './vp8-sender';

/** Everything one run measured. */
export interface FanoutRun {
  stream: Vp8StreamOptions;
  windowSeconds: number;
  floor: Measurement;
  mediasoup: Measurement[];
  nodeRelay: Measurement[];
  keyframes: number;
  /** The nice value every process of the benchmark ran at (0 = not raised). */
  nice: number;
  runSeconds: number;
}

const TARGET = { consumers: 400, maxLossPct: 1, maxCpuPct: 100 };
/** Other processes using more than this many cores during a window make its figures unreliable. */
const CONTENDED_CORES = 0.25;
const round = (v: number, digits = 2) => Number(v.toFixed(digits));

/** Adds the per-100 CPU figures: total, and above the floor (what the fan-out itself costs). */
function withPer100(m: Measurement, floorCpu: number) {
  return {
    ...m,
    cpuPct: round(m.cpuPct, 1),
    sinkCpuPct: round(m.sinkCpuPct, 1),
    machineBusyCores: round(m.machineBusyCores),
    otherBusyCores: round(m.otherBusyCores),
    forwardedPerReceiver: round(m.forwardedPerReceiver, 1),
    receivedMean: round(m.receivedMean, 1),
    lossPctMean: round(m.lossPctMean, 4),
    lossPctMax: round(m.lossPctMax, 4),
    cpuPctPer100: round((m.cpuPct / m.fanout) * 100),
    cpuPctPer100AboveFloor: round(((m.cpuPct - floorCpu) / m.fanout) * 100),
  };
}

/** Writes bench/results/sfu-fanout.json and sfu-fanout.png; returns their paths. */
export async function writeReport(run: FanoutRun): Promise<string[]> {
  // bench/sfu-fanout.mjs always sets it; the bundle's own location says nothing about the checkout.
  const resultsDir = process.env.MOIM_BENCH_RESULTS ?? path.resolve('bench/results');
  mkdirSync(resultsDir, { recursive: true });
  const { stream } = run;
  const pps = stream.fps * stream.packetsPerFrame;
  const at400 = run.mediasoup.find((m) => m.fanout === TARGET.consumers);
  const all = [run.floor, ...run.mediasoup, ...run.nodeRelay];
  const otherLoad = Math.max(...all.map((m) => m.otherBusyCores));
  const json = {
    bench: 'sfu-fanout',
    date: new Date().toISOString(),
    machine: {
      cpu: os.cpus()[0]?.model,
      cores: os.cpus().length,
      node: process.version,
      mediasoup: mediasoupVersion,
      // Cores other processes kept busy during the noisiest window; above 0.25 the figures are not trustworthy.
      maxOtherBusyCores: round(otherLoad),
      nice: run.nice,
      contended: otherLoad > CONTENDED_CORES,
    },
    stream: { ...stream, packetsPerSecond: pps, kbps: round((pps * (stream.payloadBytes + 12) * 8) / 1000, 0) },
    windowSeconds: run.windowSeconds,
    keyframesSent: run.keyframes,
    floor: {
      description: 'one mediasoup worker with the producer and no consumers',
      cpuPct: round(run.floor.cpuPct, 1),
    },
    mediasoup: run.mediasoup.map((m) => withPer100(m, run.floor.cpuPct)),
    nodeRelay: run.nodeRelay.map((m) => withPer100(m, 0)),
    target: {
      ...TARGET,
      met: at400 !== undefined && at400.lossPctMean < TARGET.maxLossPct && at400.cpuPct < TARGET.maxCpuPct,
    },
    runSeconds: round(run.runSeconds, 1),
  };
  const jsonPath = path.join(resultsDir, 'sfu-fanout.json');
  writeFileSync(jsonPath, `${JSON.stringify(json, null, 2)}\n`);

  const maxX = Math.max(...run.mediasoup.map((m) => m.fanout));
  const points = (ms: Measurement[], y: (m: Measurement) => number) => ms.map((m) => ({ x: m.fanout, y: y(m) }));
  const line = lineSeries;
  const panel = (title: string, yTitle: string, datasets: ReturnType<typeof line>[]) =>
    linePanel(title, 'receivers', yTitle, datasets);
  const pngPath = path.join(resultsDir, 'sfu-fanout.png');
  await writeChartPng(pngPath, [
    panel(
      `SFU fan-out: 1 VP8 producer (${json.stream.kbps} kbps), 1 mediasoup worker — CPU vs receivers`,
      'CPU % of one core',
      [
        line('mediasoup worker', COLORS.mediasoup, [
          { x: 0, y: run.floor.cpuPct },
          ...points(run.mediasoup, (m) => m.cpuPct),
        ]),
        line(
          'node udp relay',
          COLORS.relay,
          points(run.nodeRelay, (m) => m.cpuPct),
        ),
        line(
          'floor: producer only',
          COLORS.bare,
          [
            { x: 0, y: run.floor.cpuPct },
            { x: maxX, y: run.floor.cpuPct },
          ],
          true,
        ),
      ],
    ),
    panel('Packet loss per receiver (mean %) vs receivers', 'loss %', [
      line(
        'mediasoup worker',
        COLORS.mediasoup,
        points(run.mediasoup, (m) => m.lossPctMean),
      ),
      line(
        'node udp relay',
        COLORS.relay,
        points(run.nodeRelay, (m) => m.lossPctMean),
      ),
      line(
        'target < 1 %',
        COLORS.target,
        [
          { x: 0, y: TARGET.maxLossPct },
          { x: maxX, y: TARGET.maxLossPct },
        ],
        true,
      ),
    ]),
  ]);
  return [jsonPath, pngPath];
}
