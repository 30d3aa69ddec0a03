import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser } from '@playwright/test';
import { loadMeter, type Load } from '../lib/proc-stats';
import { bareLeave } from './bare-call';
import { firstFrame, join, prepareJoiner, probeLog, type Joiner } from './joiners';
import type { ProbeEvent, ProbeOptions } from './probes';
import { isBareCall, type Sender } from './senders';
import { signalingOf, timelineOf, type Timeline } from './timeline';

/** A sample with no frame by then counts as failed (reported, left out of the figures). */
export const SAMPLE_TIMEOUT_MS = 15_000;

/** One join measured: its timeline, the signaling requests, the raw probe events and the load meanwhile. */
export interface JoinSample {
  variant: Sender['variant'];
  ok: boolean;
  timeline: Timeline;
  signaling: ReturnType<typeof signalingOf>;
  events: ProbeEvent[];
  load: Load;
  /** Glass-to-glass latencies (ms) of the frames read after the first second, when frames were read. */
  glassMs: number[];
}

/** Capture → presentation latency of each numbered frame the receiver read, skipping the first `skipMs`. */
async function glassLatencies(joiner: Joiner, frames: [number, number][], skipMs: number): Promise<number[]> {
  if (frames.length === 0) return [];
  const drawnAt = await joiner.sender.page.evaluate(
    () => (window as unknown as { __drawnAt: Record<number, number> }).__drawnAt,
  );
  const start = frames[0]![1] + skipMs;
  return frames
    .filter(([code, at]) => at >= start && drawnAt[code] !== undefined)
    .map(([code, at]) => Math.round((at - drawnAt[code]!) * 10) / 10);
}

/** Reads a joined page's results, leaves the room (Moim) so the sender is ready for the next sample. */
export async function finishSample(joiner: Joiner, ok: boolean, load: Load, glassSkipMs = 0): Promise<JoinSample> {
  const { events, frames } = await probeLog(joiner);
  const glassMs = glassSkipMs > 0 ? await glassLatencies(joiner, frames, glassSkipMs) : [];
  if (isBareCall(joiner.sender.variant)) await joiner.page.evaluate(bareLeave);
  else await joiner.page.evaluate(() => (window.moim?.engine as { leaveRoom(): Promise<unknown> } | null)?.leaveRoom());
  await joiner.close();
  return {
    variant: joiner.sender.variant,
    ok,
    timeline: timelineOf(events),
    signaling: signalingOf(events),
    events,
    load,
    glassMs,
  };
}

/**
 * One join: a fresh receiving page joins `sender` and is timed to its first frame presented; with `gatherMs`
 * it stays that much longer reading numbered frames (glass-to-glass, from the second second on).
 */
export async function sampleJoin(
  browser: Browser,
  baseUrl: string,
  sender: Sender,
  options: ProbeOptions,
  gatherMs = 0,
): Promise<JoinSample> {
  const joiner = await prepareJoiner(browser, baseUrl, sender, options);
  const meter = loadMeter();
  await join(joiner);
  const ok = await firstFrame(joiner, SAMPLE_TIMEOUT_MS);
  if (ok && gatherMs > 0) await sleep(gatherMs);
  return finishSample(joiner, ok, meter.stop(), gatherMs > 0 ? 1000 : 0);
}
