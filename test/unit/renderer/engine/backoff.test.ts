// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { backoffDelay, DEFAULT_BACKOFF } from '../../../../renderer/engine/backoff';

describe('reconnect backoff', () => {
  const noJitter = { ...DEFAULT_BACKOFF, jitter: 0 };

  it('doubles from the initial delay and stays at the cap forever', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, noJitter))).toEqual([
      500, 1000, 2000, 2000, 2000, 2000, 2000,
    ]);
    expect(backoffDelay(10_000, noJitter)).toBe(2000);
  });

  it('jitter only shortens a delay, by at most the jitter fraction', () => {
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0)).toBe(2000);
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0.999999)).toBe(1000);
    for (let i = 0; i < 100; i++) {
      const d = backoffDelay(20, DEFAULT_BACKOFF);
      expect(d).toBeGreaterThanOrEqual(1000);
      expect(d).toBeLessThanOrEqual(2000);
    }
  });

  it('never returns NaN or a negative delay for odd inputs', () => {
    for (const n of [-1, 0.5, Number.MAX_SAFE_INTEGER, Infinity]) {
      const d = backoffDelay(n, { initialMs: 100, maxMs: 1000, factor: 3, jitter: 2 }, () => 1);
      expect(Number.isFinite(d) && d >= 0).toBe(true);
    }
  });
});
