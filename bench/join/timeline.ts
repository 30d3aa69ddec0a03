import { median } from '../lib/stats';
import type { ProbeEvent } from './probes';

/**
 * The steps of a join → first frame, in the order they normally happen, each the first probe event of that name
 * after the click. `media` steps count only on the peer connection that presented the first frame (an SFU
 * client has a send and a receive transport; a P2P page one connection per peer).
 */
export const STEPS = [
  { step: 'click', event: 'click' },
  { step: 'signaling connected', event: 'ws open' },
  { step: 'joinRoom sent', event: 'ws sent joinRoom' },
  { step: 'join answered', event: 'ws answered joinRoom' },
  { step: 'recv transport created', event: 'ws answered createWebRtcTransport recv' },
  { step: 'consume answered', event: 'ws answered consume' },
  { step: 'offer set', event: /^(local|remote) offer set$/, media: true },
  { step: 'answer set', event: /^(local|remote) answer set$/, media: true },
  { step: 'ICE connected', event: 'ICE connected', media: true },
  { step: 'DTLS connected', event: 'DTLS connected', media: true },
  { step: 'first RTP received', event: 'first RTP received' },
  { step: 'first frame received', event: 'first frame received' },
  { step: 'first frame decoded', event: 'first frame decoded' },
  { step: 'first frame presented', event: 'first frame presented' },
] as const;

/** ms after the click of each step a sample went through (steps it never took are absent). */
export type Timeline = Record<string, number>;

/** The timeline of one join from its page's probe events. */
export function timelineOf(events: readonly ProbeEvent[]): Timeline {
  const click = events.find((e) => e.name === 'click')?.t;
  if (click === undefined) return {};
  const after = events.filter((e) => e.t >= click || e.name.startsWith('first frame'));
  const mediaPc = after.find((e) => e.name === 'first frame presented')?.pc;
  const timeline: Timeline = {};
  for (const { step, event, ...rest } of STEPS) {
    const media = 'media' in rest && rest.media;
    const hit = after.find(
      (e) => (typeof event === 'string' ? e.name === event : event.test(e.name)) && (!media || e.pc === mediaPc),
    );
    if (hit) timeline[step] = Math.round((hit.t - click) * 10) / 10;
  }
  // The polling sees the first packet late when the page is slow; the first frame's last packet (exact, from
  // requestVideoFrameCallback) bounds it from above.
  const [rtp, frame] = [timeline['first RTP received'], timeline['first frame received']];
  if (rtp !== undefined && frame !== undefined) timeline['first RTP received'] = Math.min(rtp, frame);
  return timeline;
}

/** When the join itself started: the joinRoom request (Moim) or the click (the bare call posts "join" on it). */
export function joinStart(timeline: Timeline): number {
  return timeline['joinRoom sent'] ?? 0;
}

/** ms after the click each signaling request was first sent and first answered, by request name. */
export function signalingOf(events: readonly ProbeEvent[]): Record<string, { sent?: number; answered?: number }> {
  const click = events.find((e) => e.name === 'click')?.t ?? 0;
  const out: Record<string, { sent?: number; answered?: number }> = {};
  for (const e of events) {
    const m = /^ws (sent|answered) (.+)$/.exec(e.name);
    if (!m || e.t < click) continue;
    const entry = (out[m[2]!] ??= {});
    const key = m[1] as 'sent' | 'answered';
    entry[key] ??= Math.round((e.t - click) * 10) / 10;
  }
  return out;
}

/** The median of every step over `timelines`, for the steps at least half of them went through. */
export function medianTimeline(timelines: readonly Timeline[]): Timeline {
  const out: Timeline = {};
  for (const { step } of STEPS) {
    const values = timelines.map((t) => t[step]).filter((v): v is number => v !== undefined);
    if (values.length * 2 >= timelines.length && values.length > 0) out[step] = median(values);
  }
  return out;
}

/** The median timelines side by side, a row per step (steps none of them took are left out), for printing. */
export function formatTimelineTable(medians: Record<string, Timeline>): string[] {
  const columns = Object.keys(medians);
  const cell = (v: number | undefined) => (v === undefined ? '—' : v.toFixed(0)).padStart(8);
  const steps = STEPS.map((s) => s.step).filter((step) => columns.some((c) => medians[c]![step] !== undefined));
  return [
    `${'step'.padEnd(24)}${columns.map((c) => c.padStart(8)).join('')}`,
    ...steps.map((step) => `${step.padEnd(24)}${columns.map((c) => cell(medians[c]![step])).join('')}`),
  ];
}
