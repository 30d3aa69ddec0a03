/** How long a fit must hold before the ceiling follows it, and how much of the budget a layer may fill. */
export interface LayerFitOptions {
  /** A higher layer must fit this long before a consumer is moved up to it. */
  raiseAfterMs: number;
  /** The current layer must not fit this long before a consumer is moved down. */
  lowerAfterMs: number;
  /** The share of the budget a layer's full-rate bitrate may take (the rest: audio, RTX, estimate noise). */
  headroom: number;
}

/**
 * The highest simulcast layer whose full frame rate fits one consumer's share of its transport's estimate.
 *
 * mediasoup left alone gets a thin viewer wrong twice: a new consumer starts on the top layer whatever the estimate
 * says (a 300 kbit/s link got up to 3 Mbit/s, the estimate collapsed to ~50 kbit/s and the picture stopped for up to
 * 8 s), and later it picks the largest layer that fits at ANY frame rate (640 wide at 1–3 fps rather than 320 at
 * full rate). So a consumer starts on the lowest layer, which the estimate measures within ~250 ms because
 * mediasoup probes towards the top layer's bitrate anyway, and climbs only to a layer whose full-rate bitrate fits.
 */
export class LayerFit {
  private current = 0;
  /** Since when the fit has been above (+1) or below (-1) the ceiling without a break. */
  private pending: { direction: 1 | -1; since: number } | null = null;

  /**
   * `nominalBitrates`: each layer's `maxBitrate` as the sender set it (0 where unknown). A layer needs the higher of
   * that and what it measures: an encoder that just started sends far below its cap for its first seconds, and a
   * layer judged then would fit a link it floods a moment later.
   */
  constructor(
    private readonly nominalBitrates: readonly number[],
    private readonly options: LayerFitOptions,
  ) {}

  /** The highest spatial layer the consumer may get now. */
  get ceiling(): number {
    return this.current;
  }

  /**
   * Takes the consumer's budget (bits/s) and each layer's measured bitrate (lowest first; 0 = not measured) at
   * `now`; returns true when the ceiling changed. Layer 0 always fits: it is the least a viewer can get.
   */
  update(now: number, budget: number, layerBitrates: readonly number[]): boolean {
    const fitting = this.highestFitting(budget, layerBitrates);
    if (fitting === this.current) {
      this.pending = null;
      return false;
    }
    const direction = fitting > this.current ? 1 : -1;
    if (this.pending?.direction !== direction) this.pending = { direction, since: now };
    const hold = direction === 1 ? this.options.raiseAfterMs : this.options.lowerAfterMs;
    if (now - this.pending.since < hold) return false;
    this.current = fitting;
    this.pending = null;
    return true;
  }

  /** The budget `layer` needs: its full-rate bitrate (the higher of cap and measure) over the headroom; 0 = unknown. */
  budgetFor(layer: number, layerBitrates: readonly number[]): number {
    return Math.max(layerBitrates[layer] ?? 0, this.nominalBitrates[layer] ?? 0) / this.options.headroom;
  }

  private highestFitting(budget: number, layerBitrates: readonly number[]): number {
    let highest = 0;
    for (let layer = 1; layer < this.nominalBitrates.length; layer++) {
      const needs = this.budgetFor(layer, layerBitrates);
      // A layer with neither a cap nor a measure yet is not known to fit.
      if (needs > 0 && needs <= budget) highest = layer;
    }
    return highest;
  }
}
