import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COLORS, linePanel, lineSeries, writeChartPng } from '../lib/chart';
import { MAX_LOSS_PCT, stepLoss, type ScalingPoint, type ScalingResult } from './worker-scaling';

/** 2 workers should hold at least this many times the consumers of one. */
const TARGET_RATIO = 1.8;
const round = (v: number, digits = 2) => Number(v.toFixed(digits));

/** Writes sfu-fanout-workers.{json,png} into `resultsDir`; returns their paths and the ratio (null without a 1-worker figure). */
export async function writeWorkerScaling(
  resultsDir: string,
  result: ScalingResult,
  contendedCores: number,
): Promise<{ files: string[]; ratio: number | null }> {
  const ratio = result.held[1] > 0 ? result.held[2] / result.held[1] : null;
  const json = {
    bench: 'sfu-fanout-workers',
    date: new Date().toISOString(),
    machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, maxOtherBusyCores: round(contendedCores) },
    method:
      'one VP8 producer; 1 worker vs 2 (origin + edge router fed by pipeToRouter, consumers alternated), ' +
      `measured alternately at each step; a step is held while max(SFU loss, mean receiver loss) < ${MAX_LOSS_PCT} %`,
    consumersHeld: { oneWorker: result.held[1], twoWorkers: result.held[2] },
    ratio: ratio === null ? null : round(ratio),
    target: { ratio: TARGET_RATIO, met: ratio !== null && ratio >= TARGET_RATIO },
    points: result.points.map((p) => ({
      workers: p.workers,
      consumers: p.fanout,
      cpuPct: round(p.cpuPct, 1),
      sfuLossPct: round(p.sfuLossPct, 4),
      receiverLossPctMean: round(p.lossPctMean, 4),
      receiverLossPctMax: round(p.lossPctMax, 4),
      ingestKernelDrops: p.ingestKernelDrops,
      sinkKernelDrops: p.sinkKernelDrops,
      sinkCpuPct: round(p.sinkCpuPct, 1),
      otherBusyCores: round(p.otherBusyCores),
    })),
  };
  const jsonPath = path.join(resultsDir, 'sfu-fanout-workers.json');
  writeFileSync(jsonPath, `${JSON.stringify(json, null, 2)}\n`);

  const series = (workers: number, y: (p: ScalingPoint) => number) =>
    result.points.filter((p) => p.workers === workers).map((p) => ({ x: p.fanout, y: y(p) }));
  const maxX = Math.max(...result.points.map((p) => p.fanout));
  const line = lineSeries;
  const panel = (title: string, yTitle: string, datasets: ReturnType<typeof line>[]) =>
    linePanel(title, 'consumers', yTitle, datasets);
  const pngPath = path.join(resultsDir, 'sfu-fanout-workers.png');
  await writeChartPng(pngPath, [
    panel(`One broadcast on 1 vs 2 mediasoup workers — loss (held: ${result.held[1]} vs ${result.held[2]})`, 'loss %', [
      line('1 worker', COLORS.mediasoup, series(1, stepLoss)),
      line('2 workers (pipeToRouter)', COLORS.relay, series(2, stepLoss)),
      line(
        `limit ${MAX_LOSS_PCT} %`,
        COLORS.target,
        [
          { x: 0, y: MAX_LOSS_PCT },
          { x: maxX, y: MAX_LOSS_PCT },
        ],
        true,
      ),
    ]),
    panel('CPU of the workers (sum) vs consumers', 'CPU % of one core', [
      line(
        '1 worker',
        COLORS.mediasoup,
        series(1, (p) => p.cpuPct),
      ),
      line(
        '2 workers',
        COLORS.relay,
        series(2, (p) => p.cpuPct),
      ),
    ]),
  ]);
  return { files: [jsonPath, pngPath], ratio };
}
