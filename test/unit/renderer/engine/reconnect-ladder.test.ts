// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  backAfterOutage,
  ReconnectLadder,
  worstLinkState,
  type LadderTimers,
  type LinkState,
} from '../../../../renderer/engine/reconnect-ladder';

/** Timers driven by hand: `advance(ms)` fires what is due, in order. */
function fakeTimers(): LadderTimers & { advance(ms: number): void; pending(): number } {
  let now = 0;
  let nextId = 1;
  const due = new Map<number, { at: number; callback: () => void }>();
  return {
    setTimeout: (callback, ms) => {
      const id = nextId++;
      due.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimeout: (handle) => void due.delete(handle as number),
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const first = [...due.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!first) break;
        due.delete(first[0]);
        now = first[1].at;
        first[1].callback();
      }
      now = end;
    },
    pending: () => due.size,
  };
}

function ladderWith(options: { failStep?: string } = {}) {
  const timers = fakeTimers();
  const ran: string[] = [];
  const health: boolean[] = [];
  const errors: string[] = [];
  const step = (name: string) => ({
    name,
    run: () => {
      ran.push(name);
      if (name === options.failStep) return Promise.reject(new Error(`${name} broke`));
      return undefined;
    },
  });
  const ladder = new ReconnectLadder({
    steps: [step('restartIce'), step('recreate'), step('rejoin')],
    graceMs: 2000,
    stepTimeoutMs: 5000,
    timers,
    onHealth: (healthy) => health.push(healthy),
    onStepError: (s, error) => errors.push(`${s.name}: ${(error as Error).message}`),
  });
  return { ladder, timers, ran, health, errors };
}

describe('ReconnectLadder', () => {
  it('lets a short disconnection heal by itself within the grace, without any repair or state change', () => {
    const { ladder, timers, ran, health } = ladderWith();
    ladder.update('connected');
    ladder.update('disconnected');
    timers.advance(1900);
    ladder.update('connected');
    timers.advance(60_000);
    expect(ran).toEqual([]);
    expect(health).toEqual([]);
  });

  it('restarts ICE after the grace, then recreates, then rejoins, and repeats the rejoin while still down', () => {
    const { ladder, timers, ran, health } = ladderWith();
    ladder.update('disconnected');
    timers.advance(2000);
    expect(ran).toEqual(['restartIce']);
    expect(health).toEqual([false]);
    expect(ladder.unhealthy).toBe(true);
    timers.advance(5000);
    expect(ran).toEqual(['restartIce', 'recreate']);
    timers.advance(10_000);
    expect(ran).toEqual(['restartIce', 'recreate', 'rejoin', 'rejoin']);
  });

  it('repairs at once when the network comes back (nudge), not after the rest of the grace; never while suspended', () => {
    const { ladder, timers, ran } = ladderWith();
    ladder.update('disconnected');
    timers.advance(500);
    ladder.suspend();
    ladder.nudge();
    expect(ran).toEqual([]);
    ladder.retry();
    expect(ran).toEqual(['restartIce']);
    ladder.update('connected');
    ladder.nudge();
    expect(ran).toEqual(['restartIce']);
    ladder.update('disconnected');
    ladder.nudge();
    expect(ran).toEqual(['restartIce', 'restartIce']);
    // The nudged step gets its full time before the next one.
    timers.advance(4999);
    expect(ran).toEqual(['restartIce', 'restartIce']);
    timers.advance(1);
    expect(ran).toEqual(['restartIce', 'restartIce', 'recreate']);
  });

  it("starts at once on 'failed', and a step's own state changes don't restart its wait", () => {
    const { ladder, timers, ran } = ladderWith();
    ladder.update('failed');
    expect(ran).toEqual(['restartIce']);
    ladder.update('new');
    ladder.update('connecting');
    ladder.update('failed');
    timers.advance(4999);
    expect(ran).toEqual(['restartIce']);
    timers.advance(1);
    expect(ran).toEqual(['restartIce', 'recreate']);
  });

  it("reports health back and starts from the lightest step again once 'connected' returns", () => {
    const { ladder, timers, ran, health } = ladderWith();
    ladder.update('failed');
    timers.advance(5000);
    ladder.update('connected');
    expect(health).toEqual([false, true]);
    expect(timers.pending()).toBe(0);
    ladder.update('failed');
    expect(ran).toEqual(['restartIce', 'recreate', 'restartIce']);
  });

  it('retry() after signaling came back starts over from the ICE restart, only while the media is down', () => {
    const { ladder, timers, ran } = ladderWith();
    ladder.retry();
    expect(ran).toEqual([]);
    ladder.update('failed');
    timers.advance(5000);
    expect(ran).toEqual(['restartIce', 'recreate']);
    ladder.retry();
    expect(ran).toEqual(['restartIce', 'recreate', 'restartIce']);
    timers.advance(5000);
    expect(ran.at(-1)).toBe('recreate');
  });

  it('a step that rejects is reported and the ladder still moves on when its time is up', async () => {
    const { ladder, timers, ran, errors } = ladderWith({ failStep: 'restartIce' });
    ladder.update('failed');
    await Promise.resolve();
    expect(errors).toEqual(['restartIce: restartIce broke']);
    timers.advance(5000);
    expect(ran).toEqual(['restartIce', 'recreate']);
  });

  it('suspend() while signaling is down stops the climb; retry() resumes it from the first step', () => {
    const { ladder, timers, ran } = ladderWith();
    ladder.update('disconnected');
    ladder.suspend();
    ladder.update('failed');
    timers.advance(60_000);
    expect(ran).toEqual([]);
    ladder.retry();
    expect(ran).toEqual(['restartIce']);
  });

  it("a step's own waitMs overrides the ladder's step time", () => {
    const timers = fakeTimers();
    const ran: string[] = [];
    const ladder = new ReconnectLadder({
      steps: [
        { name: 'quick', run: () => ran.push('quick'), waitMs: 1000 },
        { name: 'slow', run: () => ran.push('slow') },
      ],
      stepTimeoutMs: 9000,
      timers,
    });
    ladder.update('failed');
    timers.advance(1000);
    expect(ran).toEqual(['quick', 'slow']);
  });

  it('does nothing after close()', () => {
    const { ladder, timers, ran } = ladderWith();
    ladder.update('disconnected');
    ladder.close();
    ladder.close();
    timers.advance(60_000);
    ladder.update('failed');
    expect(ran).toEqual([]);
  });

  it('worstLinkState() says a session is down when any of its transports is', () => {
    expect(worstLinkState(['connected', 'disconnected'])).toBe('disconnected');
    expect(worstLinkState(['failed', 'disconnected', 'connected'])).toBe('failed');
    expect(worstLinkState(['connected', 'connected'])).toBe('connected');
    expect(worstLinkState([])).toBe('closed');
  });
});

describe('backAfterOutage', () => {
  /** Feeds `states` to a fresh watcher and returns its answers, in order. */
  function answers(states: LinkState[]): boolean[] {
    const isBack = backAfterOutage();
    return states.map((state) => isBack(state));
  }

  it("the first 'connected' of a new connection is no comeback", () => {
    expect(answers(['new', 'connecting', 'connected'])).toEqual([false, false, false]);
  });

  it("answers true on 'connected' after 'disconnected' and after 'failed'", () => {
    expect(answers(['connected', 'disconnected', 'connected'])).toEqual([false, false, true]);
    expect(answers(['connected', 'failed', 'connected'])).toEqual([false, false, true]);
  });

  it("counts an outage seen before the first 'connected'", () => {
    expect(answers(['connecting', 'failed', 'connected'])).toEqual([false, false, true]);
  });

  it("ignores 'new', 'connecting' and 'closed' between the outage and the comeback", () => {
    expect(answers(['connected', 'disconnected', 'connecting', 'connected'])).toEqual([false, false, false, true]);
    expect(answers(['connected', 'failed', 'closed', 'new', 'connecting', 'connected'])).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
  });

  it("answers true once per outage, however many 'connected' follow", () => {
    expect(answers(['connected', 'disconnected', 'failed', 'connected', 'connected'])).toEqual([
      false,
      false,
      false,
      true,
      false,
    ]);
    expect(answers(['connected', 'failed', 'connected', 'disconnected', 'connected'])).toEqual([
      false,
      false,
      true,
      false,
      true,
    ]);
  });

  it('each watcher keeps its own connection apart', () => {
    const first = backAfterOutage();
    const second = backAfterOutage();
    first('connected');
    first('disconnected');
    second('connected');
    expect(second('connected')).toBe(false);
    expect(first('connected')).toBe(true);
  });
});
