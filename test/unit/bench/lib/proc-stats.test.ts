// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { untilSettled } from '../../../../bench/lib/proc-stats';

/** A machine meter that reads `loads` one window after another (the last one forever), and a sleep that only counts. */
function scripted(loads: number[]) {
  let window = 0;
  let sleptMs = 0;
  return {
    meter: () => {
      const load = loads[Math.min(window++, loads.length - 1)]!;
      return { stop: () => load };
    },
    sleep: async (ms: number) => {
      sleptMs += ms;
    },
    windows: () => window,
    sleptMs: () => sleptMs,
  };
}

describe('untilSettled', () => {
  it('waits out a falling load and returns once four windows in a row agree', async () => {
    const machine = scripted([2, 2, 1.9, 1.5, 1.1, 0.8, 0.75, 0.7, 0.72, 0.71]);
    const settled = await untilSettled({ maxBusyCores: 1.7, timeoutMs: 60_000 }, machine.sleep, machine.meter);
    expect(settled).toMatchObject({ busyCores: 0.72, settled: true });
    expect(machine.windows()).toBe(9);
  });

  it('does not take a machine with every core busy for a settled one', async () => {
    const machine = scripted([2, 2, 2, 2, 2, 2, 1.2, 1.1, 1.15, 1.1]);
    const settled = await untilSettled({ maxBusyCores: 1.7, timeoutMs: 60_000 }, machine.sleep, machine.meter);
    expect(settled).toMatchObject({ busyCores: 1.1, settled: true });
    expect(machine.windows()).toBe(10);
  });

  it('gives up after the timeout on a load that never settles, and says so', async () => {
    let window = 0;
    const meter = () => ({ stop: () => (window++ % 2 ? 0.5 : 2) });
    let now = 0;
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => now);
    try {
      const settled = await untilSettled({ maxBusyCores: 1.7, timeoutMs: 2000 }, async (ms) => void (now += ms), meter);
      expect(settled.settled).toBe(false);
      expect(settled.waitedMs).toBe(2000);
    } finally {
      clock.mockRestore();
    }
  });
});
