// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KioskWatchdog } from '../../../../renderer/lib/kiosk-watchdog';

function watchdog() {
  const done: string[] = [];
  const lines: string[] = [];
  const dog = new KioskWatchdog({
    repairs: {
      resubscribe: () => done.push('resubscribe'),
      recreate: () => done.push('recreate'),
      reload: () => done.push('reload'),
    },
    stallMs: 4000,
    stepMs: 5000,
    log: (line) => lines.push(line),
  });
  return { dog, done, lines };
}

const live = { presenterLive: true, connected: true, framePresented: true };

describe('KioskWatchdog', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('re-subscribes, then recreates the transport, then reloads the view while the picture stays stalled', () => {
    const { dog, done, lines } = watchdog();
    dog.check({ ...live, frameAgeMs: 4001 });
    expect(done).toEqual(['resubscribe']);
    expect(dog.repairing).toBe(true);
    dog.check({ ...live, frameAgeMs: 6000 });
    vi.advanceTimersByTime(5000);
    expect(done).toEqual(['resubscribe', 'recreate']);
    vi.advanceTimersByTime(5000);
    expect(done).toEqual(['resubscribe', 'recreate', 'reload']);
    expect(lines).toEqual([
      'kiosk watchdog: no new frame',
      'kiosk watchdog: step 1: re-subscribe',
      'kiosk watchdog: step 2: recreate transport',
      'kiosk watchdog: step 3: reload view',
    ]);
  });

  it('does nothing while the picture moves, while no presenter is live, or while the engine is reconnecting', () => {
    const { dog, done } = watchdog();
    dog.check({ ...live, frameAgeMs: 100 });
    dog.check({ ...live, presenterLive: false, frameAgeMs: 60_000 });
    dog.check({ ...live, connected: false, frameAgeMs: 60_000 });
    vi.advanceTimersByTime(60_000);
    expect(done).toEqual([]);
  });

  it('a picture that moves again stops the repairs and the next stall starts from re-subscribing', () => {
    const { dog, done, lines } = watchdog();
    dog.check({ ...live, frameAgeMs: 5000 });
    dog.check({ ...live, frameAgeMs: 50 });
    expect(lines.at(-1)).toBe('kiosk watchdog: video is back');
    vi.advanceTimersByTime(60_000);
    dog.check({ ...live, frameAgeMs: 5000 });
    expect(done).toEqual(['resubscribe', 'resubscribe']);
    dog.close();
  });

  it('keeps climbing when a repair replaces the video: a moment without it, or a fresh one with no frame, is no recovery', () => {
    const { dog, done, lines } = watchdog();
    dog.check({ ...live, frameAgeMs: 4001 });
    expect(done).toEqual(['resubscribe']);
    // The re-subscribe replaces the stream: a second with no video, then a fresh one that shows nothing yet.
    dog.check({ ...live, presenterLive: false, frameAgeMs: 0 });
    vi.advanceTimersByTime(1000);
    dog.check({ ...live, frameAgeMs: 50, framePresented: false });
    vi.advanceTimersByTime(4000);
    expect(done).toEqual(['resubscribe', 'recreate']);
    expect(lines).not.toContain('kiosk watchdog: video is back');
  });

  it('stops repairing when the presenter has been gone longer than the stall time', () => {
    const { dog, done, lines } = watchdog();
    dog.check({ ...live, frameAgeMs: 4001 });
    dog.check({ ...live, presenterLive: false, frameAgeMs: 0 });
    vi.advanceTimersByTime(4001);
    dog.check({ ...live, presenterLive: false, frameAgeMs: 0 });
    expect(lines.at(-1)).toBe('kiosk watchdog: video is back');
    vi.advanceTimersByTime(60_000);
    expect(done).toEqual(['resubscribe']);
  });
});
