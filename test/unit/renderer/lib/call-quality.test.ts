// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { classifyQuality, QualityTracker, worseQuality } from '../../../../renderer/lib/call-quality';

// Figures as the stats sampler reports them on loopback, on a busy Wi-Fi, and on a failing path.
const loopback = { rttMs: 1, lossPct: 0, jitterMs: 2, availableKbps: 3000, frameAgeMs: 50 };
const wifi = { rttMs: 180, lossPct: 0.5, jitterMs: 12, availableKbps: 1200, frameAgeMs: 60 };
const failing = { rttMs: 120, lossPct: 9, jitterMs: 30, availableKbps: 400, frameAgeMs: 200 };

describe('classifyQuality', () => {
  it('calls a loopback feed excellent, a slower path good and a lossy one poor', () => {
    expect(classifyQuality(loopback)).toBe('excellent');
    expect(classifyQuality(wifi)).toBe('good');
    expect(classifyQuality(failing)).toBe('poor');
  });

  it('judges each figure on its own: high RTT, jitter, low bandwidth or a stalled picture alone drop the level', () => {
    expect(classifyQuality({ ...loopback, rttMs: 500 })).toBe('poor');
    expect(classifyQuality({ ...loopback, jitterMs: 30 })).toBe('good');
    expect(classifyQuality({ ...loopback, availableKbps: 100 })).toBe('poor');
    expect(classifyQuality({ ...loopback, frameAgeMs: 3000 })).toBe('poor');
  });

  it('calls a feed lost when no frame came for over 6 s, whatever the other figures say', () => {
    expect(classifyQuality({ ...loopback, frameAgeMs: 6500 })).toBe('lost');
  });

  it('does not hold missing figures against a feed (audio has no frames, receivers often no bandwidth estimate)', () => {
    expect(classifyQuality({})).toBe('excellent');
    expect(classifyQuality({ rttMs: null, lossPct: 0, jitterMs: null, availableKbps: null })).toBe('excellent');
  });
});

describe('worseQuality', () => {
  it('returns the worse of two levels', () => {
    expect(worseQuality('good', 'poor')).toBe('poor');
    expect(worseQuality('lost', 'excellent')).toBe('lost');
    expect(worseQuality('excellent', 'excellent')).toBe('excellent');
  });
});

describe('QualityTracker', () => {
  it('shows a worse level at once', () => {
    const tracker = new QualityTracker(3000);
    expect(tracker.update(loopback, 0)).toBe('excellent');
    expect(tracker.update(failing, 1000)).toBe('poor');
  });

  it('does not flicker when loss hovers at a limit: it stays poor while poor samples keep coming', () => {
    const tracker = new QualityTracker(3000);
    const shown = [];
    for (let t = 0; t < 10; t++) shown.push(tracker.update(t % 2 ? loopback : failing, t * 1000));
    expect(new Set(shown)).toEqual(new Set(['poor']));
  });

  it('recovers only after the better level held for the recovery time, to the worst level seen meanwhile', () => {
    const tracker = new QualityTracker(3000);
    tracker.update(failing, 0);
    expect(tracker.update(loopback, 1000)).toBe('poor');
    expect(tracker.update(wifi, 2000)).toBe('poor');
    expect(tracker.update(loopback, 3000)).toBe('poor');
    expect(tracker.update(loopback, 4000)).toBe('good');
    expect(tracker.update(loopback, 5000)).toBe('good');
    expect(tracker.update(loopback, 8000)).toBe('excellent');
  });
});
