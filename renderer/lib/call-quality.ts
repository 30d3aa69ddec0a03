/** How a remote feed reaches us, worst last. */
export type CallQuality = 'excellent' | 'good' | 'poor' | 'lost';

const ORDER: readonly CallQuality[] = ['excellent', 'good', 'poor', 'lost'];

/** The figures a quality is judged from; a missing figure (null/undefined) is not held against the feed. */
export interface QualityFigures {
  /** Round-trip time of the selected candidate pair, ms. */
  rttMs?: number | null;
  /** Packets lost over the last sample, percent 0..100. */
  lossPct?: number | null;
  /** Interarrival jitter, ms. */
  jitterMs?: number | null;
  /** The bandwidth estimate for the path, kbit/s. */
  availableKbps?: number | null;
  /** How long since the shown video presented a new frame, ms (video only). */
  frameAgeMs?: number | null;
}

/** Limits past which a feed drops a level; `good` and `poor` each name the worst figure still at that level. */
export const QUALITY_LIMITS = {
  good: { rttMs: 150, lossPct: 1, jitterMs: 20, availableKbps: 500, frameAgeMs: 1000 },
  poor: { rttMs: 400, lossPct: 5, jitterMs: 50, availableKbps: 150, frameAgeMs: 2500 },
  /** No new frame for this long: the feed is lost, not merely poor. */
  lostFrameAgeMs: 6000,
} as const;

function beyond(figures: QualityFigures, limits: (typeof QUALITY_LIMITS)['good' | 'poor']): boolean {
  const over = (value: number | null | undefined, limit: number) => value != null && value > limit;
  const under = (value: number | null | undefined, limit: number) => value != null && value < limit;
  return (
    over(figures.rttMs, limits.rttMs) ||
    over(figures.lossPct, limits.lossPct) ||
    over(figures.jitterMs, limits.jitterMs) ||
    under(figures.availableKbps, limits.availableKbps) ||
    over(figures.frameAgeMs, limits.frameAgeMs)
  );
}

/** The quality these figures show right now, with no memory of earlier ones. */
export function classifyQuality(figures: QualityFigures): CallQuality {
  if (figures.frameAgeMs != null && figures.frameAgeMs > QUALITY_LIMITS.lostFrameAgeMs) return 'lost';
  if (beyond(figures, QUALITY_LIMITS.poor)) return 'poor';
  if (beyond(figures, QUALITY_LIMITS.good)) return 'good';
  return 'excellent';
}

/** The worse of two qualities. */
export function worseQuality(a: CallQuality, b: CallQuality): CallQuality {
  return ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b;
}

/**
 * A feed's quality with hysteresis, so a figure hovering at a limit doesn't make the indicator flicker: a worse
 * level shows at once (people should see trouble when it starts), a better one only after it held for
 * `recoverMs` without a worse sample in between.
 */
export class QualityTracker {
  #shown: CallQuality = 'excellent';
  #better: { quality: CallQuality; since: number } | null = null;

  constructor(private readonly recoverMs = 3000) {}

  /** The quality currently shown. */
  get quality(): CallQuality {
    return this.#shown;
  }

  /** Takes a sample's figures at time `nowMs`; returns the quality to show. */
  update(figures: QualityFigures, nowMs: number): CallQuality {
    const seen = classifyQuality(figures);
    if (worseQuality(seen, this.#shown) === seen) {
      this.#shown = seen;
      this.#better = null;
      return seen;
    }
    // Better than shown: wait, then recover to the worst level seen while waiting.
    if (!this.#better) this.#better = { quality: seen, since: nowMs };
    else this.#better.quality = worseQuality(seen, this.#better.quality);
    if (nowMs - this.#better.since >= this.recoverMs) {
      this.#shown = this.#better.quality;
      this.#better = null;
    }
    return this.#shown;
  }
}
