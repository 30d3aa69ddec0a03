import type { ProbeWindow } from '../join/probes';
import { timelineOf, type Timeline } from '../join/timeline';
import type { SharePath, PathName } from './share-paths';
import type { Content } from './source-content';
import { firstSharpFrame, judgeWindow, type JudgedFrame } from './viewer-probes';

/** What one share of one content through one path gave. */
export interface ShareSample {
  content: Content;
  path: PathName;
  /** Bandwidth condition of the presenter's link ('open' or e.g. '1mbit'). */
  link: string;
  ok: boolean;
  /** "Share" click → first frame at ≥ 1920 wide presented (ms); null if none came. */
  shareToFullResMs: number | null;
  frames: JudgedFrame[];
  fps: number;
  /** A viewer joining the running share: "Join" click → first frame with SSIM ≥ 0.9 (ms); null if none came. */
  joinToSharpMs: number | null;
  /** How many frames the late joiner judged on the way (each takes a full-resolution SSIM). */
  joinFramesJudged: number;
  /** The late joiner's way from its click to its first frame, as the join bench times it (ms after the click). */
  lateTimeline: Timeline;
  error?: string;
}

/** Knobs of one sample. */
export interface SampleOptions {
  /** How long frames are judged after the first full-resolution one. */
  windowMs: number;
  /** Pause between two judged frames. */
  everyMs: number;
  /** Skip the late joiner (the capped runs only compare the presenter's stream). */
  lateJoiner: boolean;
}

const SHARP = 0.9;
const poll = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One sample: the presenter shares (the source already shows `content`, and `raiseSource` puts it back on top of
 * the presenter's window, which the clicks on Share and the picker may have raised), the waiting viewer times the first
 * full-resolution frame and then judges frames for a window; a second viewer joins the running share and times
 * its first sharp frame; the share stops. Failures are recorded, not thrown, so one bad sample doesn't end a run.
 */
export async function sampleShare(
  path: SharePath,
  content: Content,
  link: string,
  options: SampleOptions,
  raiseSource: () => Promise<void>,
): Promise<ShareSample> {
  const sample: ShareSample = {
    content,
    path: path.name,
    link,
    ok: false,
    shareToFullResMs: null,
    frames: [],
    fps: 0,
    joinToSharpMs: null,
    joinFramesJudged: 0,
    lateTimeline: {},
  };
  try {
    const clickedAt = await path.share(content);
    await raiseSource();
    const deadline = Date.now() + 20_000;
    let first: { any?: number; full?: number } = {};
    while (Date.now() < deadline && first.full === undefined && first.any === undefined) {
      first = await path.viewer.evaluate(() => (window as unknown as { __firstFrames: object }).__firstFrames);
      await poll(50);
    }
    // Full resolution may come a little after the first frame (the encoder ramps up): wait a bit for it.
    const fullDeadline = Date.now() + 10_000;
    while (first.full === undefined && Date.now() < fullDeadline) {
      await poll(50);
      first = await path.viewer.evaluate(() => (window as unknown as { __firstFrames: object }).__firstFrames);
    }
    if (first.any === undefined) throw new Error('no frame within 20 s of the share');
    sample.shareToFullResMs = first.full === undefined ? null : Math.round(first.full - clickedAt);
    const window = await path.viewer.evaluate(judgeWindow, {
      content,
      durationMs: options.windowMs,
      everyMs: options.everyMs,
    });
    sample.frames = window.frames;
    sample.fps = window.fps;
    if (options.lateJoiner) {
      const late = await path.lateJoin();
      try {
        const sharp = await late.page.evaluate(firstSharpFrame, { content, threshold: SHARP, timeoutMs: 15_000 });
        sample.joinToSharpMs = sharp ? Math.round(sharp.at - late.clickedAt) : null;
        sample.joinFramesJudged = sharp?.judged ?? 0;
        sample.lateTimeline = timelineOf(
          await late.page.evaluate(() => (window as unknown as ProbeWindow).__probes.events),
        );
      } finally {
        await late.page.context().close();
      }
    }
    sample.ok = true;
  } catch (error) {
    sample.error = (error as Error).message.split('\n')[0];
  } finally {
    await path.stop().catch((error: Error) => (sample.error ??= `stop: ${error.message.split('\n')[0]}`));
  }
  return sample;
}
