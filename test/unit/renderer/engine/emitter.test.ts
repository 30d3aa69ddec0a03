// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { Emitter } from '../../../../renderer/engine/emitter';

interface Events {
  ping: [n: number, label: string];
  empty: [];
}

describe('Emitter', () => {
  it('calls each listener with the emitted arguments, in the order they were added', () => {
    const e = new Emitter<Events>();
    const seen: string[] = [];
    e.on('ping', (n, label) => seen.push(`a${n}${label}`));
    e.on('ping', (n, label) => seen.push(`b${n}${label}`));
    expect(e.emit('ping', 1, 'x')).toBe(true);
    expect(seen).toEqual(['a1x', 'b1x']);
  });

  it('emit() returns false when nobody listens', () => {
    expect(new Emitter<Events>().emit('empty')).toBe(false);
  });

  it('off() removes a listener; once() fires a single time and can be removed before it fires', () => {
    const e = new Emitter<Events>();
    const on = vi.fn();
    const once = vi.fn();
    const removedOnce = vi.fn();
    e.on('empty', on).once('empty', once).once('empty', removedOnce);
    e.off('empty', removedOnce);
    e.emit('empty');
    e.off('empty', on);
    e.emit('empty');
    expect(on).toHaveBeenCalledTimes(1);
    expect(once).toHaveBeenCalledTimes(1);
    expect(removedOnce).not.toHaveBeenCalled();
    expect(e.listenerCount('empty')).toBe(0);
  });

  it('a throwing listener does not stop the others, and is reported to onListenerError', () => {
    const reported: [string, unknown][] = [];
    const e = new Emitter<Events>({ onListenerError: (event, error) => reported.push([event, error]) });
    const after = vi.fn();
    const boom = new Error('boom');
    e.on('empty', () => {
      throw boom;
    });
    e.on('empty', after);
    expect(() => e.emit('empty')).not.toThrow();
    expect(after).toHaveBeenCalledTimes(1);
    expect(reported).toEqual([['empty', boom]]);
  });

  it('a listener whose promise rejects is reported too', async () => {
    const reported: unknown[] = [];
    const e = new Emitter<Events>({ onListenerError: (_event, error) => reported.push(error) });
    const fail = new Error('async boom');
    e.on('empty', (async () => {
      throw fail;
    }) as () => void);
    e.emit('empty');
    await new Promise((r) => setTimeout(r, 0));
    expect(reported).toEqual([fail]);
  });

  it('a listener added during emit is not called for that emit; one removed during emit still is', () => {
    const e = new Emitter<Events>();
    const late = vi.fn();
    const second = vi.fn();
    e.on('empty', () => {
      e.on('empty', late);
      e.off('empty', second);
    });
    e.on('empty', second);
    e.emit('empty');
    expect(late).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });
});
