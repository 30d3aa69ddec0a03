// @vitest-environment node
import { ssim } from 'ssim.js';
import { describe, expect, it } from 'vitest';
import { frameSsim, type Rgba, type SsimFn } from '../../../../bench/screen-share/ssim-compare';

const W = 96;
const H = 64;

/** A picture of 1 px black lines on white (like thin text strokes), optionally blurred horizontally. */
function lines(blur = false): Rgba {
  const data = new Uint8ClampedArray(W * H * 4);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let v = x % 4 === 0 || y % 6 === 0 ? 0 : 255;
      if (blur) v = x % 4 === 0 ? 128 : x % 4 === 1 || x % 4 === 3 ? 192 : v;
      data.set([v, v, v, 255], (y * W + x) * 4);
    }
  }
  return { data, width: W, height: H };
}

const run = ssim as unknown as SsimFn;

describe('frameSsim', () => {
  it('is 1 for a frame identical to its source', () => {
    expect(frameSsim(run, lines(), lines(), 8)).toBe(1);
  });

  it('drops well below 1 when thin lines are blurred (no downsampling hides them)', () => {
    expect(frameSsim(run, lines(true), lines(), 8)).toBeLessThan(0.9);
  });

  it('leaves the frame-number band out: a difference only there does not count', () => {
    const marked = lines();
    marked.data.fill(0, 0, 8 * W * 4);
    expect(frameSsim(run, marked, lines(), 8)).toBe(1);
    expect(frameSsim(run, marked, lines(), 0)).toBeLessThan(1);
  });

  it('refuses frames of different sizes (a smaller delivered frame must be scaled to the source first)', () => {
    const small = { ...lines(), height: H / 2, data: lines().data.subarray(0, (W * H * 4) / 2) };
    expect(() => frameSsim(run, small, lines(), 0)).toThrow(/96×32 vs 96×64/);
  });
});
