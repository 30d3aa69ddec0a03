// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../../server/signaling/token-bucket';

function bucket(capacity: number, perSecond: number) {
  let now = 0;
  const b = new TokenBucket({ capacity, perSecond, now: () => now });
  return { take: () => b.take(), advance: (ms: number) => (now += ms) };
}

function takeMany(b: { take: () => boolean }, n: number): number {
  let ok = 0;
  for (let i = 0; i < n; i++) if (b.take()) ok++;
  return ok;
}

describe('TokenBucket', () => {
  it('allows a burst of exactly its capacity, then refuses', () => {
    const b = bucket(5, 1);
    expect(takeMany(b, 5)).toBe(5);
    expect(b.take()).toBe(false);
  });

  it('refills at its rate per second', () => {
    const b = bucket(5, 10);
    takeMany(b, 5);
    b.advance(250);
    expect(takeMany(b, 10)).toBe(2);
  });

  it('never refills beyond its capacity after a long quiet spell', () => {
    const b = bucket(3, 100);
    takeMany(b, 3);
    b.advance(60_000);
    expect(takeMany(b, 10)).toBe(3);
  });

  it('holds a sustained flood to its rate', () => {
    const b = bucket(10, 100);
    let ok = 0;
    for (let ms = 0; ms < 1000; ms++) {
      b.advance(1);
      ok += takeMany(b, 10);
    }
    expect(ok).toBeGreaterThanOrEqual(100);
    expect(ok).toBeLessThanOrEqual(110);
  });
});
