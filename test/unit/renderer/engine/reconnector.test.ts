// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Reconnector } from '../../../../renderer/engine/reconnector';

const BACKOFF = { initialMs: 1000, maxMs: 1000, factor: 2, jitter: 0 };

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('Reconnector.hurry', () => {
  it('cuts a backoff wait short: the next attempt goes at once', async () => {
    const attempts: number[] = [];
    const reconnector = new Reconnector({ attempt: async (n) => void attempts.push(n), backoff: BACKOFF });
    reconnector.start();
    await vi.advanceTimersByTimeAsync(100);
    expect(attempts).toEqual([]);
    reconnector.hurry();
    await vi.advanceTimersByTimeAsync(0);
    expect(attempts).toEqual([0]);
    expect(reconnector.running).toBe(false);
  });

  it('while an attempt is out, the one after it goes without waiting; later ones wait again', async () => {
    const attempts: number[] = [];
    let fail: (() => void) | null = null;
    const reconnector = new Reconnector({
      attempt: (n) => {
        attempts.push(n);
        return new Promise<void>((_, reject) => (fail = () => reject(new Error('no network'))));
      },
      backoff: BACKOFF,
    });
    reconnector.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(attempts).toEqual([0]);
    reconnector.hurry();
    fail!();
    await vi.advanceTimersByTimeAsync(0);
    expect(attempts).toEqual([0, 1]);
    fail!();
    await vi.advanceTimersByTimeAsync(999);
    expect(attempts).toEqual([0, 1]);
    await vi.advanceTimersByTimeAsync(1);
    expect(attempts).toEqual([0, 1, 2]);
    reconnector.stop();
  });

  it('does nothing when no reconnect is running', async () => {
    const attempt = vi.fn(async () => undefined);
    const reconnector = new Reconnector({ attempt, backoff: BACKOFF });
    reconnector.hurry();
    reconnector.start();
    await vi.advanceTimersByTimeAsync(999);
    expect(attempt).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(attempt).toHaveBeenCalledTimes(1);
  });
});
