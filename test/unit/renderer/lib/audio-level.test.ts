// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { meterLevel, rms, smoothLevel } from '../../../../renderer/lib/audio-level';

describe('audio level', () => {
  it('measures RMS and maps it to a 0–1 decibel scale', () => {
    expect(rms([])).toBe(0);
    expect(rms([0.5, -0.5, 0.5, -0.5])).toBeCloseTo(0.5);
    expect(meterLevel(0)).toBe(0);
    expect(meterLevel(1)).toBe(1);
    expect(meterLevel(0.001)).toBe(0);
    expect(meterLevel(0.1)).toBeCloseTo(2 / 3);
  });

  it('rises at once and falls slowly', () => {
    expect(smoothLevel(0.2, 0.9)).toBe(0.9);
    expect(smoothLevel(0.9, 0)).toBeCloseTo(0.82);
  });
});
