import path from 'node:path';
import type { Browser } from '@playwright/test';
import { COLORS, writeChartPng, type ChartPanel } from '../lib/chart';
import { ratio, summarize } from '../lib/stats';
import { loadLine, machineInfo, otherLoad, RESULTS_DIR, verdict, writeResultJson } from './results';
import { printSignaling } from './report-signaling';
import type { JoinSample } from './sample';
import type { Variant } from './senders';
import { formatTimelineTable, joinStart, medianTimeline, STEPS, type Timeline } from './timeline';

const VARIANTS: Variant[] = ['bare', 'relayed', 'p2p', 'sfu'];
const LABELS: Record<Variant, string> = {
  bare: 'bare call (floor)',
  relayed: 'bare call, relayed',
  p2p: 'Moim P2P',
  sfu: 'Moim SFU',
};
/** Issue 13's targets: median join → first frame as a multiple of the bare call's. */
const TARGETS = { p2p: 1.1, sfu: 1.3 } as const;
const PRESENTED = 'first frame presented';

/** The stacked-bar chart of the median timelines: one bar per variant, one segment per step. */
function timelineChart(medians: Record<Variant, Timeline>): ChartPanel {
  const steps = STEPS.map((s) => s.step).filter((s) => s !== 'click');
  // Tableau 20: one colour per step.
  const palette = [
    '#4e79a7',
    '#a0cbe8',
    '#f28e2b',
    '#ffbe7d',
    '#59a14f',
    '#8cd17d',
    '#b6992d',
    '#f1ce63',
    '#499894',
    '#86bcb6',
    '#e15759',
    '#ff9d9a',
    '#79706e',
    '#bab0ac',
    '#d37295',
  ];
  const increments = (t: Timeline) => {
    let reached = 0;
    return steps.map((step) => {
      if (t[step] === undefined) return 0;
      const segment = Math.max(0, t[step]! - reached);
      reached = Math.max(reached, t[step]!);
      return segment;
    });
  };
  const rows = VARIANTS.map((v) => increments(medians[v]));
  return {
    width: 1100,
    height: 360,
    config: {
      type: 'bar',
      data: {
        labels: VARIANTS.map((v) => LABELS[v]),
        datasets: steps.map((step, i) => ({
          label: `→ ${step}`,
          data: rows.map((r) => r[i]!),
          backgroundColor: palette[i % palette.length]!,
        })),
      },
      options: {
        indexAxis: 'y',
        plugins: { title: { display: true, text: 'Join → first frame: median ms after the click, by step' } },
        scales: { x: { stacked: true, title: { display: true, text: 'ms after click' } }, y: { stacked: true } },
      },
    },
  };
}

/** Every sample's join → first frame in run order, so drift on a shared machine shows. */
function samplesChart(byVariant: Record<Variant, number[]>): ChartPanel {
  const runs = Math.max(...VARIANTS.map((v) => byVariant[v].length));
  return {
    width: 1100,
    height: 320,
    config: {
      type: 'line',
      data: {
        labels: Array.from({ length: runs }, (_, i) => String(i + 1)),
        datasets: VARIANTS.map((v) => ({
          label: v,
          data: byVariant[v],
          borderColor: COLORS[v],
          backgroundColor: COLORS[v],
        })),
      },
      options: {
        plugins: { title: { display: true, text: 'joinRoom (bare: click) → first frame presented, each run (ms)' } },
        scales: { x: { title: { display: true, text: 'run (variants interleaved)' } }, y: { min: 0 } },
      },
    },
  };
}

/** Prints the join benchmark's timeline table, figures, ratios and load; writes its JSON and PNG. */
export async function reportJoin(samples: JoinSample[], runs: number, browser: Browser): Promise<void> {
  const ok = (v: Variant) => samples.filter((s) => s.variant === v && s.ok);
  const medians = Object.fromEntries(VARIANTS.map((v) => [v, medianTimeline(ok(v).map((s) => s.timeline))])) as Record<
    Variant,
    Timeline
  >;
  const fromJoin = Object.fromEntries(
    VARIANTS.map((v) => [v, ok(v).map((s) => s.timeline[PRESENTED]! - joinStart(s.timeline))]),
  ) as Record<Variant, number[]>;
  const fromClick = Object.fromEntries(VARIANTS.map((v) => [v, ok(v).map((s) => s.timeline[PRESENTED]!)])) as Record<
    Variant,
    number[]
  >;
  const join = Object.fromEntries(VARIANTS.map((v) => [v, summarize(fromJoin[v])])) as Record<
    Variant,
    ReturnType<typeof summarize>
  >;
  const click = Object.fromEntries(VARIANTS.map((v) => [v, summarize(fromClick[v])])) as Record<
    Variant,
    ReturnType<typeof summarize>
  >;
  const ratios = {
    relayedJoin: ratio(join.relayed.median, join.bare.median),
    p2pJoin: ratio(join.p2p.median, join.bare.median),
    sfuJoin: ratio(join.sfu.median, join.bare.median),
    relayedClick: ratio(click.relayed.median, click.bare.median),
    p2pClick: ratio(click.p2p.median, click.bare.median),
    sfuClick: ratio(click.sfu.median, click.bare.median),
    // Against a call that signals through a server as Moim does (relay.ts): what Moim itself adds.
    p2pVsRelayed: ratio(join.p2p.median, join.relayed.median),
    sfuVsRelayed: ratio(join.sfu.median, join.relayed.median),
  };
  const targets = {
    p2pVsBareAtMost: TARGETS.p2p,
    p2pMet: ratios.p2pJoin <= TARGETS.p2p,
    sfuVsBareAtMost: TARGETS.sfu,
    sfuMet: ratios.sfuJoin <= TARGETS.sfu,
  };

  console.log(`\njoin → first frame, timeline: median ms after the click (${runs} interleaved runs per variant)`);
  for (const line of formatTimelineTable(medians)) console.log(`  ${line}`);
  console.log('\njoin → first frame presented, median / p90 ms (ratio to the bare call, same run)');
  for (const v of VARIANTS) {
    const relayed = v === 'p2p' || v === 'sfu' ? `; ${ratios[`${v}VsRelayed`]}× the relayed call` : '';
    const r = v === 'bare' ? '' : `  (${ratios[`${v}Join`]}× from join, ${ratios[`${v}Click`]}× from click${relayed})`;
    console.log(
      `  ${v.padEnd(7)} from joinRoom ${join[v].median} / ${join[v].p90}, from click ${click[v].median} / ${click[v].p90}${r}`,
    );
  }
  console.log(
    `  target P2P ≤ ${TARGETS.p2p}× floor: ${ratios.p2pJoin}× ${verdict(targets.p2pMet)}; SFU ≤ ${TARGETS.sfu}× floor: ${ratios.sfuJoin}× ${verdict(targets.sfuMet)}`,
  );
  console.log(
    `  beside a bare call signaled through a server (the relayed call, as any call between two machines is): P2P ${ratios.p2pVsRelayed}×, SFU ${ratios.sfuVsRelayed}×`,
  );
  const failed = Object.fromEntries(VARIANTS.map((v) => [v, samples.filter((s) => s.variant === v && !s.ok).length]));
  if (Object.values(failed).some((n) => n > 0))
    console.log(`  failed runs (no frame in time): ${JSON.stringify(failed)}`);
  printSignaling(samples);
  console.log('\nload during the samples');
  for (const v of VARIANTS)
    console.log(
      loadLine(
        `during ${v}`,
        ok(v).map((s) => s.load),
      ),
    );

  const json = writeResultJson('join-latency', {
    benchmark: 'join-latency',
    date: new Date().toISOString(),
    machine: machineInfo(browser),
    definition:
      'a fresh page joins a sender already publishing its camera (1280x720 asked): ms from the click (Moim: Join button; bare calls: posting "join") and from the joinRoom request (bare calls: the click) to the first remote frame presented (requestVideoFrameCallback presentationTime). The bare call signals over a BroadcastChannel between two pages of one context; the relayed bare call through a WebSocket relay between pages of two contexts, its socket open before the click. Moim opens its signaling socket while the room id is typed, as the app does, so the click waits only for the hello. Variants interleaved run by run.',
    runsPerVariant: runs,
    failedRuns: failed,
    fromJoin: join,
    fromClick: click,
    ratios,
    targets,
    medianTimeline: medians,
    load: Object.fromEntries(VARIANTS.map((v) => [v, otherLoad(ok(v).map((s) => s.load))])),
    samples,
  });
  const png = path.join(RESULTS_DIR, 'join-latency.png');
  await writeChartPng(png, [timelineChart(medians), samplesChart(fromJoin)], browser);
  console.log(`  written to ${path.relative(process.cwd(), json)} and ${path.relative(process.cwd(), png)}`);
}
