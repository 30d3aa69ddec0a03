import path from 'node:path';
import type { Browser } from '@playwright/test';
import { barPanel, COLORS, writeChartPng, type ChartPanel } from '../lib/chart';
import type { Load } from '../lib/proc-stats';
import { loadLine, machineInfo, otherLoad, RESULTS_DIR, writeResultJson } from '../join/results';
import { formatTimelineTable, medianTimeline } from '../join/timeline';
import { formatCapComparison, formatShareTable, formatTargets, TARGETS } from './report-table';
import type { ShareSample } from './sample';
import { PATHS } from './share-paths';
import { CONTENTS } from './source-content';
import { summarizeShares, type ShareRow } from './summary';

/** A sample with the load the machine carried outside the benchmark meanwhile. */
export type LoadedSample = ShareSample & { load: Load };

/** Median SSIM (bars) per content and path on `link`, the slide target as a line. */
function ssimChart(rows: readonly ShareRow[], link: string): ChartPanel {
  return barPanel(
    `Screen share: median SSIM vs the source frame (${link} link); target slide ≥ ${TARGETS.slideSsim}`,
    'SSIM',
    [...CONTENTS],
    PATHS.map((p) => ({
      label: p === 'bare' ? 'bare call (floor)' : `Moim ${p.toUpperCase()}`,
      data: CONTENTS.map((c) => rows.find((r) => r.content === c && r.path === p && r.link === link)?.ssimMedian ?? 0),
      backgroundColor: COLORS[p],
    })),
    { min: 0.5, max: 1 },
  );
}

/** Frame rate per content and path (bars), open vs capped where measured. */
function fpsChart(rows: readonly ShareRow[]): ChartPanel {
  const keys = [...new Set(rows.map((r) => `${r.content} ${r.link}`))];
  return barPanel(
    `Delivered frames per second; target motion ≥ ${TARGETS.motionFps}`,
    'fps',
    keys,
    PATHS.map((p) => ({
      label: p,
      data: keys.map((k) => rows.find((r) => `${r.content} ${r.link}` === k && r.path === p)?.fpsMedian ?? 0),
      backgroundColor: COLORS[p],
    })),
  );
}

/** Prints the table, targets, cap comparison and load; writes bench/results/screen-share.json and .png. */
export async function reportShare(
  samples: LoadedSample[],
  runs: number,
  cap: string | null,
  browser: Browser,
): Promise<void> {
  const rows = summarizeShares(samples);
  console.log(
    `\nscreen share: SSIM of decoded frames vs the source frame, ${runs} share(s) per content × path, interleaved`,
  );
  for (const line of formatShareTable(rows)) console.log(`  ${line}`);
  console.log('targets:');
  for (const line of formatTargets(rows)) console.log(`  ${line}`);
  if (cap) for (const line of formatCapComparison(rows, cap)) console.log(`  ${line}`);
  const lateTimelines = Object.fromEntries(
    PATHS.map((p) => [p, medianTimeline(samples.filter((s) => s.path === p && s.ok).map((s) => s.lateTimeline))]),
  );
  console.log('late joiner, every content: median ms after the "Join" click (the bare call: after it starts)');
  for (const line of formatTimelineTable(lateTimelines)) console.log(`  ${line}`);
  for (const p of PATHS)
    console.log(
      loadLine(
        `during ${p}`,
        samples.filter((s) => s.path === p).map((s) => s.load),
      ),
    );
  for (const s of samples.filter((s) => s.error)) console.log(`  failed: ${s.content} ${s.path} ${s.link}: ${s.error}`);
  const json = writeResultJson('screen-share', {
    benchmark: 'screen-share',
    date: new Date().toISOString(),
    machine: machineInfo(browser),
    definition:
      'a known 1920x1080 source (slide of 10-14 px text, code scrolling 1 line/s, full motion) full screen on Xvfb, captured by getDisplayMedia in headed Chromium, shared through a bare RTCPeerConnection (floor), a Moim P2P and a Moim SFU room; the viewer scales each judged decoded frame to 1920x1080, reads its frame number and computes SSIM (ssim.js weber, full resolution, frame-number band excluded) against the rebuilt source frame',
    runs,
    targets: TARGETS,
    rows,
    lateTimelines,
    load: Object.fromEntries(PATHS.map((p) => [p, otherLoad(samples.filter((s) => s.path === p).map((s) => s.load))])),
    samples,
  });
  const png = path.join(RESULTS_DIR, 'screen-share.png');
  await writeChartPng(png, [ssimChart(rows, 'open'), fpsChart(rows)], browser);
  console.log(`  written to ${path.relative(process.cwd(), json)} and ${path.relative(process.cwd(), png)}`);
}
