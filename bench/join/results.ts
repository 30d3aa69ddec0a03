import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from '@playwright/test';
import type { Load } from '../lib/proc-stats';
import { median } from '../lib/stats';

/** bench/results/: where every benchmark writes its JSON and PNG. */
export const RESULTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'results');

/** The machine and browser a run measured on. */
export function machineInfo(browser: Browser) {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? '',
    chromium: browser.version(),
    node: process.version,
  };
}

/** Writes `data` as bench/results/<name>.json; returns the path. */
export function writeResultJson(name: string, data: unknown): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The other load (cores busy outside this benchmark) seen during a set of samples: median and worst. */
export function otherLoad(loads: readonly Load[]) {
  const other = loads.map((l) => l.otherBusyCores);
  const machine = loads.map((l) => l.machineBusyCores);
  return {
    otherBusyCoresMedian: round2(median(other)),
    otherBusyCoresMax: round2(other.length ? Math.max(...other) : NaN),
    machineBusyCoresMedian: round2(median(machine)),
  };
}

/** One line saying how busy the rest of the machine was, for the printed report. */
export function loadLine(label: string, loads: readonly Load[]): string {
  const l = otherLoad(loads);
  return `  ${label.padEnd(16)} other load ${l.otherBusyCoresMedian} cores median, ${l.otherBusyCoresMax} max (machine ${l.machineBusyCoresMedian} of ${os.cpus().length} cores busy)`;
}

/** "met" or "MISSED", for a target printed beside its figure. */
export const verdict = (met: boolean): string => (met ? 'met' : 'MISSED');
