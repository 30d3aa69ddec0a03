import type { Browser } from '@playwright/test';
import { COLORS, levelSeries, lineSeries, linePanel, writeChartPng, type ChartPanel } from '../lib/chart';
import { summarize } from '../lib/stats';
import { machineInfo, RESULTS_DIR, writeResultJson } from '../join/results';
import { CYCLE_KINDS, type CycleKind } from './cycles';

/** One cycle's outcome: how long after the trouble ended the kiosk's picture moved again (null: not within the bound). */
export interface CycleResult {
  index: number;
  kind: CycleKind;
  recoveryMs: number | null;
  /** Availability over the whole soak so far, after this cycle (0..1). */
  availabilitySoFar: number;
}

/** Everything the soak measured. */
export interface SoakFigures {
  cycles: CycleResult[];
  availability: number;
  liveMs: number;
  /** A fresh kiosk's load → moving picture, at the start and the end: the floor of any recovery by reload. */
  floorMs: number[];
  skipped: string[];
  boundMs: number;
}

const KIND_COLORS = ['#1f77b4', '#e6781e', '#2ca02c', '#9467bd', '#8c564b'];
const TARGETS = { availability: 0.99, worstRecoveryMs: 5000 };

/** Prints the figures next to their floor and targets, and writes bench/results/kiosk-soak.{json,png}. */
export async function reportSoak(figures: SoakFigures, browser: Browser): Promise<void> {
  const recovered = figures.cycles.filter((c) => c.recoveryMs !== null);
  const worst = recovered.length ? Math.max(...recovered.map((c) => c.recoveryMs!)) : NaN;
  const failed = figures.cycles.length - recovered.length;
  const byKind = Object.fromEntries(
    CYCLE_KINDS.map((kind) => {
      const own = figures.cycles.filter((c) => c.kind === kind);
      return [
        kind,
        {
          ...summarize(own.flatMap((c) => (c.recoveryMs === null ? [] : [c.recoveryMs]))),
          failed: own.filter((c) => c.recoveryMs === null).length,
        },
      ];
    }),
  );
  const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
  console.log(
    `\nkiosk soak: ${figures.cycles.length} cycles, ${(figures.liveMs / 60_000).toFixed(1)} min with a live presenter`,
  );
  // Compressing weeks into minutes leaves seconds of calm between faults, so the soak's availability is far below
  // what the same downtime gives spread over real time: the downtime each fault costs is the figure that carries.
  const downtimePerCycleMs = Math.round(
    (figures.liveMs * (1 - figures.availability)) / Math.max(1, figures.cycles.length),
  );
  console.log(`  availability ${pct(figures.availability)} (target ≥ ${pct(TARGETS.availability)})`);
  console.log(`  downtime per cycle ${downtimePerCycleMs} ms of live time without a moving picture`);
  // The same downtime per fault, with faults as far apart as they are in real use: the target holds while faults
  // come no closer together than `breakEvenS`.
  const breakEvenS = Math.round((downtimePerCycleMs * (1 / (1 - TARGETS.availability) - 1)) / 1000);
  const hourly = 1 - downtimePerCycleMs / 3_600_000;
  console.log(
    `  at that downtime: availability ≥ ${pct(TARGETS.availability)} while faults are ≥ ${breakEvenS} s apart; ` +
      `one fault an hour gives ${pct(hourly)} (the soak's ${(figures.liveMs / 1000 / Math.max(1, figures.cycles.length)).toFixed(1)} s apart gives the figure above)`,
  );
  console.log(
    `  worst recovery ${worst} ms (target ≤ ${TARGETS.worstRecoveryMs} ms; floor: a fresh kiosk shows the picture ` +
      `${figures.floorMs.join(' / ')} ms after loading)${failed ? `; ${failed} cycles not recovered within ${figures.boundMs} ms` : ''}`,
  );
  for (const [kind, s] of Object.entries(byKind)) {
    console.log(
      `  ${kind}: median ${s.median} ms, p90 ${s.p90} ms, max ${s.max} ms over ${s.runs} cycles${s.failed ? `, ${s.failed} not recovered` : ''}`,
    );
  }
  for (const line of figures.skipped) console.log(`  skipped: ${line}`);

  const json = writeResultJson('kiosk-soak', {
    machine: machineInfo(browser),
    targets: TARGETS,
    availability: figures.availability,
    liveMs: figures.liveMs,
    downtimePerCycleMs,
    breakEvenFaultIntervalS: breakEvenS,
    availabilityAtOneFaultPerHour: hourly,
    worstRecoveryMs: worst,
    notRecovered: failed,
    floorMs: figures.floorMs,
    byKind,
    skipped: figures.skipped,
    cycles: figures.cycles,
  });
  const png = `${RESULTS_DIR}/kiosk-soak.png`;
  await writeChartPng(png, soakPanels(figures), browser);
  console.log(`results: ${json} ${png}`);
}

/** Recovery per cycle (by kind, against the target and the floor) and availability so far. */
function soakPanels(figures: SoakFigures): ChartPanel[] {
  const last = figures.cycles.length;
  const recoveries = CYCLE_KINDS.map((kind, i) => {
    const own = figures.cycles.filter((c) => c.kind === kind);
    const points = own.map((c) => ({ x: c.index, y: c.recoveryMs ?? figures.boundMs }));
    return { ...lineSeries(kind, KIND_COLORS[i]!, points), showLine: false };
  });
  const availability = figures.cycles.map((c) => ({ x: c.index, y: c.availabilitySoFar * 100 }));
  return [
    linePanel('Kiosk soak: recovery after each cycle (not recovered: drawn at the bound)', 'cycle', 'ms', [
      ...recoveries,
      levelSeries('target 5 s', COLORS.target, TARGETS.worstRecoveryMs, last),
      levelSeries('floor: fresh kiosk load', COLORS.bare, Math.min(...figures.floorMs), last),
    ]),
    linePanel('Kiosk availability so far (share of live time with a moving picture)', 'cycle', '%', [
      lineSeries('availability', COLORS.p2p, availability),
      levelSeries('target 99 %', COLORS.target, 99, last),
    ]),
  ];
}
