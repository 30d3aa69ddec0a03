import path from 'node:path';
import type { Browser } from '@playwright/test';
import { barPanel, COLORS, writeChartPng, type ChartPanel } from '../lib/chart';
import { summarize } from '../lib/stats';
import { loadLine, machineInfo, otherLoad, RESULTS_DIR, verdict, writeResultJson } from './results';
import type { JoinSample } from './sample';
import type { Variant } from './senders';

const VARIANTS: Variant[] = ['bare', 'p2p', 'sfu'];
/** Issue 13's target: through the SFU at most this many ms more than the bare call (medians). */
const SFU_OVER_BARE_MS = 10;

/** Median and p90 of each variant as bars. */
function glassChart(figures: Record<Variant, ReturnType<typeof summarize>>): ChartPanel {
  return barPanel(
    'Glass-to-glass: frame drawn → frame presented on the receiver (ms)',
    'ms',
    ['bare call (floor)', 'Moim P2P', 'Moim SFU'],
    [
      {
        label: 'median',
        data: VARIANTS.map((v) => figures[v].median),
        backgroundColor: VARIANTS.map((v) => COLORS[v]),
      },
      { label: 'p90', data: VARIANTS.map((v) => figures[v].p90), backgroundColor: '#cccccc' },
    ],
  );
}

/** Prints glass-to-glass median/p90 per variant beside the bare call, the target and the load; writes JSON + PNG. */
export async function reportGlass(samples: JoinSample[], runs: number, browser: Browser): Promise<void> {
  const of = (v: Variant) => samples.filter((s) => s.variant === v && s.ok);
  const figures = Object.fromEntries(VARIANTS.map((v) => [v, summarize(of(v).flatMap((s) => s.glassMs))])) as Record<
    Variant,
    ReturnType<typeof summarize>
  >;
  const overBare = (v: Variant) => Math.round((figures[v].median - figures.bare.median) * 10) / 10;
  const met = overBare('sfu') <= SFU_OVER_BARE_MS;
  console.log(
    `\nglass-to-glass: frame drawn → presented, ms (${runs} joins per variant, frames after the first second)`,
  );
  for (const v of VARIANTS) {
    const f = figures[v];
    const beside = v === 'bare' ? '(floor)' : `(${overBare(v) >= 0 ? '+' : ''}${overBare(v)} ms vs bare)`;
    console.log(`  ${v.padEnd(5)} median ${f.median} / p90 ${f.p90} over ${f.runs} frames ${beside}`);
  }
  console.log(`  target SFU ≤ bare + ${SFU_OVER_BARE_MS} ms: ${overBare('sfu')} ms over, ${verdict(met)}`);
  for (const v of VARIANTS)
    console.log(
      loadLine(
        `during ${v}`,
        of(v).map((s) => s.load),
      ),
    );

  const json = writeResultJson('glass-to-glass', {
    benchmark: 'glass-to-glass',
    date: new Date().toISOString(),
    machine: machineInfo(browser),
    definition:
      'a 1280x720 canvas at 30 fps carrying its frame number in blocks, sent as the camera; ms from drawing a number (sender, performance.timeOrigin + now) to the receiver presenting the frame that carries it (requestVideoFrameCallback presentationTime + its timeOrigin), frames from the second second of each join on',
    joinsPerVariant: runs,
    // `samples` of each variant: every frame's latency, in the order read.
    results: figures,
    target: { sfuOverBareAtMostMs: SFU_OVER_BARE_MS, sfuOverBareMs: overBare('sfu'), met },
    load: Object.fromEntries(VARIANTS.map((v) => [v, otherLoad(of(v).map((s) => s.load))])),
  });
  const png = path.join(RESULTS_DIR, 'glass-to-glass.png');
  await writeChartPng(png, [glassChart(figures)], browser);
  console.log(`  written to ${path.relative(process.cwd(), json)} and ${path.relative(process.cwd(), png)}`);
}
