import type { Browser } from '@playwright/test';
import { COLORS, levelSeries, lineSeries, linePanel, writeChartPng } from '../lib/chart';
import { summarize } from '../lib/stats';
import { machineInfo, RESULTS_DIR, verdict, writeResultJson } from '../join/results';

/** One measurement: a viewer's recovery after an outage, or a fresh viewer's join (the floor); null: not within the bound. */
export interface OutageSample {
  run: number;
  outage: string;
  mode: string;
  variant: 'recovery' | 'floor';
  ms: number | null;
}

const TARGET_MS = 3000;
const MODE_COLORS: Record<string, string> = { P2P: COLORS.p2p, 'Group (SFU)': COLORS.sfu, Broadcast: '#2ca02c' };

/** Prints recovery per mode and outage kind beside the fresh-join floor, and writes bench/results/outage-recovery.{json,png}. */
export async function reportOutages(
  figures: { samples: OutageSample[]; outageMs: number; boundMs: number },
  browser: Browser,
): Promise<void> {
  const { samples } = figures;
  const outages = [...new Set(samples.map((s) => s.outage))];
  const modes = [...new Set(samples.map((s) => s.mode))];
  const pick = (outage: string, mode: string, variant: OutageSample['variant']) =>
    samples.filter((s) => s.outage === outage && s.mode === mode && s.variant === variant);
  const values = (list: OutageSample[]) => list.flatMap((s) => (s.ms === null ? [] : [s.ms]));

  console.log(`\noutage recovery: link out ${figures.outageMs / 1000} s, then link back → picture moving (ms)`);
  const table: Record<string, unknown>[] = [];
  for (const outage of outages) {
    console.log(`  link ${outage}`);
    for (const mode of modes) {
      const own = pick(outage, mode, 'recovery');
      const recovery = summarize(values(own));
      const floor = summarize(values(pick(outage, mode, 'floor')));
      const missing = own.length - values(own).length;
      const met = missing === 0 && recovery.max <= TARGET_MS;
      console.log(
        `    ${mode.padEnd(12)} median ${recovery.median}, max ${recovery.max} over ${recovery.runs}` +
          `${missing ? ` (${missing} NOT back within ${figures.boundMs} ms)` : ''}` +
          ` | floor (fresh join) median ${floor.median} | target ≤ ${TARGET_MS}: ${verdict(met)}`,
      );
      table.push({ outage, mode, recovery, floor, notRecovered: missing, targetMet: met });
    }
  }
  const json = writeResultJson('outage-recovery', {
    machine: machineInfo(browser),
    outageMs: figures.outageMs,
    targetMs: TARGET_MS,
    table,
    samples,
  });
  const png = `${RESULTS_DIR}/outage-recovery.png`;
  const last = samples.length;
  const series = modes.flatMap((mode) => {
    const color = MODE_COLORS[mode] ?? COLORS.bare;
    const points = (variant: OutageSample['variant']) =>
      samples.flatMap((s, i) =>
        s.mode === mode && s.variant === variant ? [{ x: i + 1, y: s.ms ?? figures.boundMs }] : [],
      );
    return [
      { ...lineSeries(`${mode} recovery`, color, points('recovery')), showLine: false },
      { ...lineSeries(`${mode} fresh join (floor)`, color, points('floor'), true), pointRadius: 3, showLine: false },
    ];
  });
  await writeChartPng(
    png,
    [
      linePanel('After a 10 s outage: link back → picture moving (not back: drawn at the bound)', 'sample', 'ms', [
        ...series,
        levelSeries('target 3 s', COLORS.target, TARGET_MS, last),
      ]),
    ],
    browser,
  );
  console.log(`results: ${json} ${png}`);
}
