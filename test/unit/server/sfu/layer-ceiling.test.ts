// @vitest-environment node
// Which simulcast layers still flow, from packet counts: stops count at once, returns only after flowing a while.
import { describe, expect, it } from 'vitest';
import { LayerCeiling } from '../../../../server/sfu/layer-ceiling';

const OPTIONS = { stopAfterMs: 300, resumeAfterMs: 1000 };

/** Feeds samples every 100 ms from `start`; each step adds `rates[layer]` packets to that layer. */
function feed(ceiling: LayerCeiling, counts: number[], start: number, ms: number, rates: number[]): number {
  for (let t = start; t < start + ms; t += 100) {
    rates.forEach((rate, layer) => (counts[layer] = counts[layer]! + rate));
    ceiling.sample(t, counts);
  }
  return start + ms;
}

describe('LayerCeiling', () => {
  it('has no ceiling while every layer flows', () => {
    const ceiling = new LayerCeiling(3, OPTIONS);
    feed(ceiling, [0, 0, 0], 0, 2000, [2, 3, 5]);
    expect(ceiling.ceiling).toBeNull();
  });

  it('drops to the highest layer still flowing once the top one has been silent for stopAfterMs', () => {
    const ceiling = new LayerCeiling(3, OPTIONS);
    const counts = [0, 0, 0];
    let t = feed(ceiling, counts, 0, 1000, [2, 3, 5]);
    t = feed(ceiling, counts, t, 200, [2, 3, 0]);
    expect(ceiling.ceiling, 'silent for 200 ms: not yet').toBeNull();
    feed(ceiling, counts, t, 200, [2, 3, 0]);
    expect(ceiling.ceiling).toBe(1);
  });

  it('goes down two layers when both upper ones stop, and reports each change once', () => {
    const ceiling = new LayerCeiling(3, OPTIONS);
    const counts = [0, 0, 0];
    let t = feed(ceiling, counts, 0, 1000, [2, 3, 5]);
    const changes: (number | null)[] = [];
    for (const end = t + 1000; t < end; t += 100) {
      counts[0] = counts[0]! + 2;
      if (ceiling.sample(t, counts)) changes.push(ceiling.ceiling);
    }
    expect(changes).toEqual([0]);
  });

  it('lifts only after the stopped layer has flowed again for resumeAfterMs, so a flapping encoder is ignored', () => {
    const ceiling = new LayerCeiling(3, OPTIONS);
    const counts = [0, 0, 0];
    let t = feed(ceiling, counts, 0, 1000, [2, 3, 5]);
    t = feed(ceiling, counts, t, 500, [2, 3, 0]);
    expect(ceiling.ceiling).toBe(1);
    // On for 600 ms, off again: never long enough.
    t = feed(ceiling, counts, t, 600, [2, 3, 5]);
    t = feed(ceiling, counts, t, 500, [2, 3, 0]);
    expect(ceiling.ceiling).toBe(1);
    t = feed(ceiling, counts, t, 900, [2, 3, 5]);
    expect(ceiling.ceiling, 'flowing 900 ms').toBe(1);
    feed(ceiling, counts, t, 200, [2, 3, 5]);
    expect(ceiling.ceiling).toBeNull();
  });

  it('keeps its ceiling when nothing flows at all (paused, or the sender is cut off)', () => {
    const ceiling = new LayerCeiling(3, OPTIONS);
    const counts = [0, 0, 0];
    let t = feed(ceiling, counts, 0, 1000, [2, 3, 5]);
    t = feed(ceiling, counts, t, 500, [2, 3, 0]);
    feed(ceiling, counts, t, 3000, [0, 0, 0]);
    expect(ceiling.ceiling).toBe(1);
  });

  it('caps below a top layer that never started (a sender that began on a thin link)', () => {
    const ceiling = new LayerCeiling(3, OPTIONS);
    feed(ceiling, [0, 0, 0], 0, 1000, [2, 3, 0]);
    expect(ceiling.ceiling).toBe(1);
  });
});
