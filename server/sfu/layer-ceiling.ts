/** How long a layer may go without a packet before it counts as stopped, and flow again before it counts back. */
export interface LayerCeilingOptions {
  stopAfterMs: number;
  resumeAfterMs: number;
}

/**
 * Which simulcast layers of a producer its sender still sends, from samples of each layer's packet count.
 *
 * Chromium's encoder turns its upper layers off when its bandwidth estimate falls (loss, a thin uplink) and on
 * again when it recovers, often every second or two. mediasoup notices a layer went silent only after 1.5 s without
 * a packet, and a viewer on that layer sees a frozen picture until then and until the lower layer's keyframe. The
 * ceiling is the highest layer still flowing, so consumers can be moved down within a few hundred ms; a layer that
 * comes back counts only after flowing for `resumeAfterMs`, so a flapping encoder does not drag viewers up and down.
 */
export class LayerCeiling {
  private readonly counts: number[];
  private readonly lastGrowth: number[];
  private readonly flowingSince: (number | null)[];
  private current: number | null = null;

  constructor(
    private readonly layers: number,
    private readonly options: LayerCeilingOptions,
  ) {
    this.counts = new Array<number>(layers).fill(0);
    this.lastGrowth = new Array<number>(layers).fill(Number.NEGATIVE_INFINITY);
    this.flowingSince = new Array<number | null>(layers).fill(null);
  }

  /** The highest layer consumers may get, or null when every layer flows (no limit). */
  get ceiling(): number | null {
    return this.current;
  }

  /**
   * Takes each layer's packet count at `now` (index = spatial layer, lowest first) and returns true when the
   * ceiling changed. With nothing flowing at all (paused, or the sender's link is down) the ceiling stays.
   */
  sample(now: number, counts: readonly number[]): boolean {
    for (let layer = 0; layer < this.layers; layer++) {
      const count = counts[layer] ?? this.counts[layer]!;
      if (count > this.counts[layer]!) {
        if (!this.flows(layer, now)) this.flowingSince[layer] = now;
        this.lastGrowth[layer] = now;
      }
      this.counts[layer] = count;
    }
    let highest = -1;
    for (let layer = 0; layer < this.layers; layer++) if (this.allowed(layer, now)) highest = layer;
    if (highest < 0) return false;
    const next = highest === this.layers - 1 ? null : highest;
    if (next === this.current) return false;
    this.current = next;
    return true;
  }

  private flows(layer: number, now: number): boolean {
    return now - this.lastGrowth[layer]! < this.options.stopAfterMs;
  }

  /** A flowing layer within the ceiling, or one that has flowed long enough to lift it. */
  private allowed(layer: number, now: number): boolean {
    if (!this.flows(layer, now)) return false;
    if (this.current === null || layer <= this.current) return true;
    return now - this.flowingSince[layer]! >= this.options.resumeAfterMs;
  }
}
