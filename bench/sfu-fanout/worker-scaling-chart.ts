import { barPanel, COLORS, levelSeries, linePanel, lineSeries, writeChartPng, type ChartPanel } from '../lib/chart';
import {
  MAX_LOSS_PCT,
  stepLoss,
  VARIANTS,
  variantKey,
  variantLabel,
  type ScalingPoint,
  type ScalingResult,
} from './worker-scaling';
import { TARGET_RATIO, type ScalingSummary } from './worker-scaling-summary';

/** One colour per variant: plain RTP in the fan-out chart's two colours, SRTP in two more. */
const VARIANT_COLORS: Record<string, string> = {
  '1w-plain': COLORS.mediasoup,
  '2w-plain': COLORS.relay,
  '1w-srtp': '#2ca02c',
  '2w-srtp': '#9467bd',
};

/** Each variant's line of `y` over consumers; a step measured twice shows its second try (the one that counted). */
function variantLines(points: readonly ScalingPoint[], y: (p: ScalingPoint) => number) {
  return VARIANTS.map((v) => {
    const byStep = new Map<number, ScalingPoint>();
    for (const p of points) if (p.workers === v.workers && p.srtp === v.srtp) byStep.set(p.fanout, p);
    const data = [...byStep.values()].map((p) => ({ x: p.fanout, y: y(p) }));
    return lineSeries(variantLabel(v), VARIANT_COLORS[variantKey(v)]!, data);
  });
}

/** The worst page's decoded frames as % of the frames sent in the window. */
const worstDecodedPct = (p: ScalingPoint) =>
  Math.min(...p.webrtc.map((s) => (p.framesSent ? (s.framesDecoded / p.framesSent) * 100 : 0)));

/**
 * Draws sfu-fanout-workers.png: loss and CPU per variant, consumers held beside the target, the other load, and
 * the real receivers.
 */
export async function writeWorkerScalingChart(
  file: string,
  result: ScalingResult,
  summary: ScalingSummary,
): Promise<void> {
  const maxX = Math.max(...result.points.map((p) => p.fanout));
  const panels: ChartPanel[] = [
    linePanel('One broadcast on 1 vs 2 mediasoup workers, plain RTP vs SRTP consumers — loss', 'consumers', 'loss %', [
      ...variantLines(result.points, stepLoss),
      levelSeries(`limit ${MAX_LOSS_PCT} %`, COLORS.target, MAX_LOSS_PCT, maxX),
    ]),
    linePanel(
      'CPU of the workers (sum) vs consumers',
      'consumers',
      'CPU % of one core',
      variantLines(result.points, (p) => p.cpuPct),
    ),
    barPanel(
      `Consumers held at < ${MAX_LOSS_PCT} % loss (target: 2 workers ≥ ${TARGET_RATIO}× one)`,
      'consumers',
      summary.kinds.map((k) => (k.transport === 'srtp' ? 'SRTP consumers' : 'plain RTP consumers')),
      [
        { label: '1 worker (floor)', data: summary.kinds.map((k) => k.oneWorker), backgroundColor: COLORS.mediasoup },
        { label: '2 workers', data: summary.kinds.map((k) => k.twoWorkers), backgroundColor: COLORS.relay },
        {
          label: `target: ${TARGET_RATIO} × 1 worker`,
          data: summary.kinds.map((k) => k.oneWorker * TARGET_RATIO),
          backgroundColor: COLORS.target,
        },
      ],
    ),
  ];
  // The load that was not this bench: on a shared machine it decides more of the figures than the workers do.
  panels.push(
    linePanel(
      "Other processes' load during each window",
      'consumers',
      'cores busy',
      variantLines(result.points, (p) => p.otherBusyCores),
    ),
  );
  if (result.points.some((p) => p.webrtc.length > 0)) {
    panels.push(
      linePanel(
        'Real WebRTC receivers (Chromium, DTLS/SRTP) during the load — worst page',
        'consumers (PlainTransport)',
        '% of frames sent that it decoded',
        variantLines(
          result.points.filter((p) => p.webrtc.length > 0),
          worstDecodedPct,
        ),
      ),
    );
  }
  await writeChartPng(file, panels);
}
