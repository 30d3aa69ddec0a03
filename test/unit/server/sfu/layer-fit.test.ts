// @vitest-environment node
// Which simulcast layer fits a viewer's budget at full frame rate: starts on the lowest, moves only after a hold.
import { describe, expect, it } from 'vitest';
import { LayerFit } from '../../../../server/sfu/layer-fit';

const OPTIONS = { raiseAfterMs: 1000, lowerAfterMs: 500, headroom: 0.85 };
/** Moim's camera caps (sfu-encodings.ts): 150 / 500 / 1500 kbit/s. */
const NOMINAL = [150_000, 500_000, 1_500_000];
const MEASURED = [120_000, 400_000, 1_200_000];

/** Feeds `budget` every 100 ms from `start` for `ms`; returns the time after. */
function feed(fit: LayerFit, start: number, ms: number, budget: number, measured = MEASURED): number {
  for (let t = start; t < start + ms; t += 100) fit.update(t, budget, measured);
  return start + ms;
}

describe('LayerFit', () => {
  it('starts on the lowest layer and climbs to the top only after the budget has held it for raiseAfterMs', () => {
    const fit = new LayerFit(NOMINAL, OPTIONS);
    expect(fit.ceiling).toBe(0);
    const t = feed(fit, 0, 900, 3_000_000);
    expect(fit.ceiling, 'a 3 Mbit/s estimate for 0.9 s').toBe(0);
    feed(fit, t, 200, 3_000_000);
    expect(fit.ceiling).toBe(2);
  });

  it("keeps a 300 kbit/s viewer on the lowest layer, even though the next one's measured rate would fit", () => {
    const fit = new LayerFit(NOMINAL, OPTIONS);
    // An encoder that just started sends its middle layer far below its cap: the cap is what it will need.
    feed(fit, 0, 5000, 300_000, [60_000, 150_000, 300_000]);
    expect(fit.ceiling).toBe(0);
  });

  it("ignores the estimator's start value when feedback corrects it within the hold", () => {
    const fit = new LayerFit(NOMINAL, OPTIONS);
    const t = feed(fit, 0, 300, 3_000_000);
    feed(fit, t, 3000, 310_000);
    expect(fit.ceiling).toBe(0);
  });

  it('gives the highest layer whose full rate fits within the headroom', () => {
    const fit = new LayerFit(NOMINAL, OPTIONS);
    feed(fit, 0, 2000, 700_000);
    expect(fit.ceiling, '500 kbit/s ≤ 85 % of 700').toBe(1);
    const tight = new LayerFit(NOMINAL, OPTIONS);
    feed(tight, 0, 2000, 560_000);
    expect(tight.ceiling, '500 kbit/s > 85 % of 560').toBe(0);
  });

  it('moves down after lowerAfterMs of not fitting, and a brief dip changes nothing', () => {
    const fit = new LayerFit(NOMINAL, OPTIONS);
    let t = feed(fit, 0, 2000, 3_000_000);
    expect(fit.ceiling).toBe(2);
    t = feed(fit, t, 300, 400_000);
    t = feed(fit, t, 500, 3_000_000);
    expect(fit.ceiling, 'a 300 ms dip').toBe(2);
    t = feed(fit, t, 400, 400_000);
    expect(fit.ceiling).toBe(2);
    feed(fit, t, 200, 400_000);
    expect(fit.ceiling).toBe(0);
  });

  it('never climbs to a layer with neither a cap nor a measured rate', () => {
    const fit = new LayerFit([0, 0, 0], OPTIONS);
    feed(fit, 0, 3000, 10_000_000, [100_000, 0, 0]);
    expect(fit.ceiling).toBe(0);
    feed(fit, 3000, 3000, 10_000_000, [100_000, 400_000, 0]);
    expect(fit.ceiling).toBe(1);
  });

  it('reports a change only when the ceiling moves', () => {
    const fit = new LayerFit(NOMINAL, OPTIONS);
    const changes = Array.from({ length: 30 }, (_, i) => fit.update(i * 100, 3_000_000, MEASURED));
    expect(changes.filter(Boolean)).toHaveLength(1);
  });
});
