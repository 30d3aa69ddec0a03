import path from 'node:path';
import type { Browser } from '@playwright/test';
import { writeChartPng, type ChartPanel } from '../lib/chart';
import { median, ratio, summarize } from '../lib/stats';
import { loadLine, machineInfo, otherLoad, RESULTS_DIR, verdict, writeResultJson } from './results';
import type { JoinSample } from './sample';
import { medianTimeline, STEPS } from './timeline';

/** One round of `size` viewers clicking Watch at once. */
export interface Crowd {
  size: number;
  round: number;
  samples: JoinSample[];
  /** Cores the whole machine kept busy while the pages waited for the click. */
  busyBeforeClick: number;
}

/** Issue 13's targets: the slowest viewer within 1.5× the median; the slowest of 4 under 800 ms. */
const TARGET = { slowestVsMedian: 1.5, slowestOf4Ms: 800 };
const PRESENTED = 'first frame presented';

const presented = (samples: readonly JoinSample[]) => samples.filter((s) => s.ok).map((s) => s.timeline[PRESENTED]!);

/** Per crowd size: each round's median and slowest viewer, then the median over rounds. */
function figures(crowds: readonly Crowd[], size: number) {
  const rounds = crowds.filter((c) => c.size === size);
  const perRound = rounds.map((c) => {
    const times = presented(c.samples);
    const slowest = times.length ? Math.max(...times) : NaN;
    return { median: median(times), slowest, failed: c.samples.filter((s) => !s.ok).length };
  });
  const slowestOf = (c: Crowd) =>
    c.samples.filter((s) => s.ok).sort((a, b) => b.timeline[PRESENTED]! - a.timeline[PRESENTED]!)[0];
  return {
    viewers: size,
    rounds: rounds.length,
    all: summarize(rounds.flatMap((c) => presented(c.samples))),
    median: median(perRound.map((r) => r.median)),
    slowest: median(perRound.map((r) => r.slowest)),
    slowestVsMedian: median(perRound.map((r) => ratio(r.slowest, r.median))),
    failed: perRound.reduce((n, r) => n + r.failed, 0),
    medianTimeline: medianTimeline(rounds.flatMap((c) => c.samples.filter((s) => s.ok).map((s) => s.timeline))),
    slowestTimeline: medianTimeline(
      rounds
        .map(slowestOf)
        .filter((s) => s !== undefined)
        .map((s) => s.timeline),
    ),
  };
}

/** The share of viewers with a frame presented by each moment after the click, one line per crowd size. */
function cdfChart(crowds: readonly Crowd[], sizes: number[]): ChartPanel {
  const colors = ['#7f7f7f', '#1f77b4', '#e6781e', '#2ca02c'];
  return {
    width: 1000,
    height: 380,
    config: {
      type: 'line',
      data: {
        datasets: sizes.map((size, i) => {
          const rounds = crowds.filter((c) => c.size === size);
          const times = rounds.flatMap((c) => presented(c.samples)).sort((a, b) => a - b);
          // Of all viewers: one that never showed a frame in time keeps its line below 100 %.
          const viewers = rounds.reduce((n, c) => n + c.samples.length, 0);
          return {
            label: `${size} viewer${size > 1 ? 's' : ''} at once`,
            data: times.map((t, k) => ({ x: t, y: ((k + 1) / viewers) * 100 })),
            stepped: true,
            borderColor: colors[i % colors.length]!,
            backgroundColor: colors[i % colors.length]!,
          };
        }),
      },
      options: {
        plugins: {
          title: {
            display: true,
            text: 'Viewers joining one broadcast at once: % with a frame presented, by ms after the click',
          },
        },
        scales: {
          x: { type: 'linear', min: 0, title: { display: true, text: 'ms after the click' } },
          y: { min: 0, max: 100, title: { display: true, text: '% of viewers' } },
        },
      },
    },
  };
}

/** Prints the parallel joiners' figures, timelines, targets and load; writes their JSON and PNG. */
export async function reportParallel(crowds: Crowd[], browser: Browser): Promise<void> {
  const sizes = [...new Set(crowds.map((c) => c.size))].sort((a, b) => a - b);
  const bySize = sizes.map((size) => figures(crowds, size));
  const floor = bySize[0]!;
  console.log(
    `\nviewers joining one broadcast at once: click → first frame presented, ms (median over ${floor.rounds} rounds)`,
  );
  console.log('  viewers   median  slowest  slowest÷median  median÷1 viewer  failed');
  for (const f of bySize) {
    console.log(
      `  ${String(f.viewers).padStart(7)} ${f.median.toFixed(0).padStart(8)} ${f.slowest.toFixed(0).padStart(8)} ${f.slowestVsMedian.toFixed(2).padStart(15)} ${ratio(f.median, floor.median).toFixed(2).padStart(16)} ${String(f.failed).padStart(7)}`,
    );
  }
  const targets = bySize
    .filter((f) => f.viewers > 1)
    .map((f) => ({
      viewers: f.viewers,
      slowestVsMedian: f.slowestVsMedian,
      met: f.slowestVsMedian <= TARGET.slowestVsMedian,
    }));
  const of4 = bySize.find((f) => f.viewers === 4);
  for (const t of targets)
    console.log(
      `  target slowest ≤ ${TARGET.slowestVsMedian}× median, ${t.viewers} viewers: ${t.slowestVsMedian}× ${verdict(t.met)}`,
    );
  if (of4)
    console.log(
      `  target slowest of 4 < ${TARGET.slowestOf4Ms} ms (quiet machine): ${of4.slowest.toFixed(0)} ms ${verdict(of4.slowest < TARGET.slowestOf4Ms)}`,
    );
  console.log('\n  timeline, median ms after the click: median viewer / slowest viewer of a round');
  console.log(`  ${'step'.padEnd(24)}${sizes.map((s) => `${s} viewers`.padStart(16)).join('')}`);
  for (const { step } of STEPS) {
    const cells = bySize.map(
      (f) => `${f.medianTimeline[step]?.toFixed(0) ?? '—'} / ${f.slowestTimeline[step]?.toFixed(0) ?? '—'}`,
    );
    console.log(`  ${step.padEnd(24)}${cells.map((c) => c.padStart(16)).join('')}`);
  }
  console.log('\n  load during the rounds');
  for (const size of sizes)
    console.log(
      loadLine(
        `${size} viewers`,
        crowds.filter((c) => c.size === size).map((c) => c.samples[0]!.load),
      ),
    );

  const json = writeResultJson('parallel-join', {
    benchmark: 'parallel-join',
    date: new Date().toISOString(),
    machine: machineInfo(browser),
    definition:
      "N viewer pages, loaded, click Watch on one broadcast (a presenter publishing its camera) at the same wall-clock moment; ms from each click to that page's first remote frame presented. Median and slowest per round, then the median over rounds.",
    target: { ...TARGET, results: targets, slowestOf4Met: of4 ? of4.slowest < TARGET.slowestOf4Ms : null },
    results: bySize,
    load: Object.fromEntries(
      sizes.map((size) => [size, otherLoad(crowds.filter((c) => c.size === size).map((c) => c.samples[0]!.load))]),
    ),
    crowds,
  });
  const png = path.join(RESULTS_DIR, 'parallel-join.png');
  await writeChartPng(png, [cdfChart(crowds, sizes)], browser);
  console.log(`  written to ${path.relative(process.cwd(), json)} and ${path.relative(process.cwd(), png)}`);
}
