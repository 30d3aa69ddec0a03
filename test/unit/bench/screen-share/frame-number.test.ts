// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { BAND_ROWS, FRAME_NUMBER, readFrameNumber } from '../../../../bench/screen-share/frame-number';

const WIDTH = FRAME_NUMBER.bits * FRAME_NUMBER.block;

/** RGBA pixels of the band as drawFrameNumber paints it (bit blocks, complements below), in plain arrays. */
function band(n: number, paint: (bit: boolean, row: number) => number = (bit, row) => ((row === 0) === bit ? 255 : 0)) {
  const pixels = new Uint8ClampedArray(WIDTH * BAND_ROWS * 4);
  for (let y = 0; y < BAND_ROWS; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const i = Math.floor(x / FRAME_NUMBER.block);
      const bit = ((n >> (FRAME_NUMBER.bits - 1 - i)) & 1) === 1;
      const value = paint(bit, Math.floor(y / FRAME_NUMBER.block));
      pixels.set([value, value, value, 255], (y * WIDTH + x) * 4);
    }
  }
  return pixels;
}

describe('frame number band', () => {
  it('reads back every kind of number it was painted with', () => {
    for (const n of [0, 1, 2, 255, 4096, 43690, 65535]) expect(readFrameNumber(band(n), WIDTH, FRAME_NUMBER)).toBe(n);
  });

  it('reads a frame smeared between two numbers (bit and complement alike) as invalid, not as a wrong number', () => {
    const grey = band(1234, () => 128);
    expect(readFrameNumber(grey, WIDTH, FRAME_NUMBER)).toBeNull();
  });

  it('tolerates encoder noise that keeps black and white apart', () => {
    const noisy = band(777, (bit, row) => ((row === 0) === bit ? 200 : 60));
    expect(readFrameNumber(noisy, WIDTH, FRAME_NUMBER)).toBe(777);
  });
});
