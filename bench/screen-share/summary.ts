import { median, quantile } from '../lib/stats';
import type { ShareSample } from './sample';

/** One line of the screen-share table: a content through a path on a link, over all its samples. */
export interface ShareRow {
  content: string;
  path: string;
  link: string;
  samples: number;
  failed: number;
  ssimMedian: number;
  ssimP10: number;
  /** The delivered size seen most often, e.g. "1920×1080". */
  resolution: string;
  /** Share of judged frames delivered at 1920×1080. */
  fullResShare: number;
  fpsMedian: number;
  shareToFullResMs: number;
  joinToSharpMs: number;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The most frequent value of `values` (first seen wins a tie); '—' for none. */
export function mostFrequent(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = '—';
  let bestCount = 0;
  for (const [v, c] of counts) if (c > bestCount) [best, bestCount] = [v, c];
  return best;
}

/** Groups samples by content, path and link (in first-seen order) and summarizes each group. */
export function summarizeShares(samples: readonly ShareSample[]): ShareRow[] {
  const groups = new Map<string, ShareSample[]>();
  for (const s of samples) {
    const key = `${s.content}|${s.path}|${s.link}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return [...groups.values()].map((group) => {
    const ok = group.filter((s) => s.ok);
    const frames = ok.flatMap((s) => s.frames);
    const ssims = frames.flatMap((f) => (f.ssim === null ? [] : [f.ssim]));
    const sizes = frames.map((f) => `${f.width}×${f.height}`);
    const numbers = (pick: (s: ShareSample) => number | null) =>
      ok.flatMap((s) => (pick(s) === null ? [] : [pick(s)!]));
    return {
      content: group[0]!.content,
      path: group[0]!.path,
      link: group[0]!.link,
      samples: group.length,
      failed: group.length - ok.length,
      ssimMedian: round(median(ssims), 4),
      ssimP10: round(quantile(ssims, 0.1), 4),
      resolution: mostFrequent(sizes),
      fullResShare: frames.length ? round(sizes.filter((s) => s === '1920×1080').length / frames.length, 2) : NaN,
      fpsMedian: round(median(ok.map((s) => s.fps)), 1),
      shareToFullResMs: Math.round(median(numbers((s) => s.shareToFullResMs))),
      joinToSharpMs: Math.round(median(numbers((s) => s.joinToSharpMs))),
    };
  });
}
