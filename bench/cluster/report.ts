import path from 'node:path';
import type { Browser } from '@playwright/test';
import { barPanel, COLORS, levelSeries, linePanel, lineSeries, writeChartPng, type ChartPanel } from '../lib/chart';
import { median, ratio, summarize } from '../lib/stats';
import { loadLine, machineInfo, otherLoad, RESULTS_DIR, writeResultJson } from '../join/results';
import { JOIN_CASES, type ClusterJoin } from './joins';
import type { SpreadSample } from './spread';

/** The settings a run used, recorded beside its figures. */
export interface ClusterSettings {
  viewers: number;
  rounds: number;
  joins: number;
  windowSeconds: number;
}

const DECODED = 'first frame decoded';
const r1 = (n: number) => Math.round(n * 10) / 10;
const r3 = (n: number) => Math.round(n * 1000) / 1000;

/** Per variant (1, 2, 3 servers): medians over its rounds. */
function spreadFigures(samples: readonly SpreadSample[]) {
  const variants = [...new Set(samples.map((s) => s.servers))].sort((a, b) => a - b);
  return variants.map((servers) => {
    const of = samples.filter((s) => s.servers === servers);
    const perServer = of[0]!.viewersPerServer.map((_, i) => r1(median(of.map((s) => s.serverCpuPct[i]!))));
    return {
      servers,
      rounds: of.length,
      viewersPerServer: of[0]!.viewersPerServer,
      totalCpuPct: r1(median(of.map((s) => s.totalCpuPct))),
      serverCpuPct: perServer,
      cpuMsPerSecondPerViewer: r1(median(of.map((s) => s.cpuMsPerSecondPerViewer))),
      lossPctMedian: r3(median(of.flatMap((s) => s.lossPct))),
      lossPctMax: r3(Math.max(...of.flatMap((s) => s.lossPct))),
      fpsMedian: r1(median(of.flatMap((s) => s.fps))),
      kbpsMedian: Math.round(median(of.flatMap((s) => s.kbps))),
      load: otherLoad(of.map((s) => s.load)),
    };
  });
}

/** Per join case: click → first frame decoded (and the steps that show where the pipe's set-up goes). */
function joinFigures(joins: readonly ClusterJoin[]) {
  return JOIN_CASES.map(({ case: c, label }) => {
    const of = joins.filter((j) => j.case === c).map((j) => j.sample);
    const step = (name: string) => summarize(of.map((s) => s.timeline[name] ?? NaN).filter((t) => !isNaN(t)));
    return {
      case: c,
      label,
      decoded: step(DECODED),
      consumeAnswered: step('consume answered'),
      firstRtp: step('first RTP received'),
      load: otherLoad(of.map((s) => s.load)),
    };
  });
}

function charts(spread: ReturnType<typeof spreadFigures>): ChartPanel[] {
  const floor = spread[0]!;
  const medians = (y: (f: (typeof spread)[number]) => number) => spread.map((f) => ({ x: f.servers, y: y(f) }));
  const cpu = linePanel(
    'One broadcast, viewers over 1, 2, 3 servers: server CPU per viewer',
    'servers',
    'ms CPU per s per viewer',
    [
      lineSeries(
        'median',
        COLORS.sfu,
        medians((f) => f.cpuMsPerSecondPerViewer),
      ),
      levelSeries('1 server (floor)', COLORS.bare, floor.cpuMsPerSecondPerViewer, 3),
    ],
  );
  const loss = linePanel('Viewers: median loss and fps decoded', 'servers', 'loss % / fps', [
    lineSeries(
      'loss % (median)',
      COLORS.target,
      medians((f) => f.lossPctMedian),
    ),
    lineSeries(
      'fps decoded (median)',
      COLORS.mediasoup,
      medians((f) => f.fpsMedian),
    ),
  ]);
  return [cpu, loss];
}

function joinChart(joins: ReturnType<typeof joinFigures>): ChartPanel {
  return barPanel(
    'Fresh viewer: click Watch → first frame decoded (ms)',
    'ms',
    joins.map((j) => j.label),
    [
      { label: 'median', data: joins.map((j) => j.decoded.median), backgroundColor: COLORS.sfu },
      { label: 'p90', data: joins.map((j) => j.decoded.p90), backgroundColor: COLORS.bare },
    ],
  );
}

/** Prints the spread table and the join figures beside their floors, with the load; writes cluster.json and .png. */
export async function reportCluster(
  samples: SpreadSample[],
  joins: ClusterJoin[],
  settings: ClusterSettings,
  browser: Browser,
): Promise<void> {
  const spread = spreadFigures(samples);
  const floor = spread[0]!;
  console.log(
    `\none broadcast (fake camera on A), ${settings.viewers} viewers over 1, 2, 3 servers; ${settings.windowSeconds} s windows, median over ${floor.rounds} rounds`,
  );
  console.log(
    '  servers  viewers A/B/C  server CPU %  (A / B / C)            CPU/viewer ms/s  ÷floor  loss % med (max)  fps med  kbit/s med',
  );
  for (const f of spread) {
    const name = f.servers === 1 ? '1 floor' : String(f.servers);
    console.log(
      `  ${name.padStart(7)}  ${f.viewersPerServer.join('/').padStart(13)}  ${f.totalCpuPct.toFixed(1).padStart(12)}  (${f.serverCpuPct.map((c) => c.toFixed(1)).join(' / ')})`.padEnd(
        65,
      ) +
        `${f.cpuMsPerSecondPerViewer.toFixed(1).padStart(15)}  ${ratio(f.cpuMsPerSecondPerViewer, floor.cpuMsPerSecondPerViewer).toFixed(2).padStart(6)}  ${`${f.lossPctMedian.toFixed(2)} (${f.lossPctMax.toFixed(2)})`.padStart(16)}  ${f.fpsMedian.toFixed(1).padStart(7)}${String(f.kbpsMedian).padStart(12)}`,
    );
  }
  const joinFigs = joinFigures(joins);
  const origin = joinFigs[0]!.decoded;
  console.log(`\n  fresh viewer: click Watch → first frame decoded, ms (${origin.runs} each, interleaved)`);
  console.log('  case                          median    p90  median÷origin  consume answered  first RTP');
  for (const j of joinFigs) {
    console.log(
      `  ${j.label.padEnd(28)}${j.decoded.median.toFixed(0).padStart(8)}${j.decoded.p90.toFixed(0).padStart(7)}${ratio(j.decoded.median, origin.median).toFixed(2).padStart(15)}${j.consumeAnswered.median.toFixed(0).padStart(18)}${j.firstRtp.median.toFixed(0).padStart(11)}`,
    );
  }
  console.log('\n  load during the run');
  for (const f of spread)
    console.log(
      loadLine(
        `${f.servers} server(s)`,
        samples.filter((s) => s.servers === f.servers).map((s) => s.load),
      ),
    );
  console.log(
    loadLine(
      'joins',
      joins.map((j) => j.sample.load),
    ),
  );

  const json = writeResultJson('cluster', {
    benchmark: 'cluster',
    date: new Date().toISOString(),
    machine: machineInfo(browser),
    settings,
    definition:
      'Redis + 3 room servers (--workers 1 each) on this machine. Spread: a presenter on A (Chromium fake camera, 1280×720 asked) and V viewer pages placed round-robin over 1, 2 or 3 servers, variants interleaved round by round; once all decode, CPU of each server process tree (node + mediasoup worker) and each viewer’s video loss (packetsLost ÷ (received + lost)) and fps over the window. Joins: a fresh viewer page on A, then on B with no viewer there (its consume sets up the pipe), then another on B while the first watches; click Watch → first frame decoded (getStats framesDecoded, polled every 10 ms).',
    spread,
    joins: joinFigs,
    samples,
    joinSamples: joins.map((j) => ({ case: j.case, index: j.index, timeline: j.sample.timeline, load: j.sample.load })),
  });
  const png = path.join(RESULTS_DIR, 'cluster.png');
  await writeChartPng(png, [...charts(spread), joinChart(joinFigs)], browser);
  console.log(`  written to ${path.relative(process.cwd(), json)} and ${path.relative(process.cwd(), png)}`);
}
