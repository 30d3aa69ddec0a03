// @vitest-environment node
// A receive transport's estimate, from mediasoup's 'bwe' trace, shared among its video consumers.
import { EventEmitter } from 'node:events';
import type { types } from 'mediasoup';
import { describe, expect, it, vi } from 'vitest';
import { estimateOf } from '../../../../server/sfu/transport-estimate';
import { FakeConsumer } from '../support/sfu-fakes';

/** A transport that emits the trace events the test gives it. */
class TracingTransport extends EventEmitter {
  readonly id = 'transport-1';
  closed = false;
  readonly enableTraceEvent = vi.fn(async (_: types.TransportTraceEventType[]) => {});

  trace(type: 'bwe' | 'probation', info: object): void {
    this.emit('trace', { type, timestamp: 0, direction: 'out', info } satisfies types.TransportTraceEventData);
  }
}

describe('estimateOf', () => {
  it("follows the transport's bwe trace, asking for it once", () => {
    const transport = new TracingTransport();
    const estimate = estimateOf(transport);
    expect(estimateOf(transport), 'one estimate per transport').toBe(estimate);
    expect(transport.enableTraceEvent).toHaveBeenCalledTimes(1);
    expect(transport.enableTraceEvent).toHaveBeenCalledWith(['bwe']);
    expect(estimate.budgetBps(), 'before the first report').toBeNull();
    transport.trace('bwe', { availableBitrate: 310_000, desiredBitrate: 1_500_000 });
    expect(estimate.availableBps).toBe(310_000);
    transport.trace('probation', { availableBitrate: 9 });
    transport.trace('bwe', { desiredBitrate: 1 });
    expect(estimate.availableBps, 'other traces and reports without an estimate are ignored').toBe(310_000);
  });

  it('shares the estimate out like water: what one consumer does not want goes to the others', () => {
    const transport = new TracingTransport();
    const estimate = estimateOf(transport);
    transport.trace('bwe', { availableBitrate: 900_000 });
    expect(estimate.budgetBps(), 'no consumer yet: all of it').toBe(900_000);
    const [a, b, c] = [1, 2, 3].map(() => new FakeConsumer('producer', 'video', false, false));
    const wants = new Map([
      [a!, 1_000_000],
      [b!, 1_000_000],
      [c!, 1_000_000],
    ]);
    for (const consumer of [a!, b!, c!]) estimate.share(consumer, () => wants.get(consumer)!);
    expect(estimate.budgetBps(), 'all want more than a third: a third each').toBe(300_000);
    wants.set(a!, 100_000);
    expect(estimate.budgetBps(), 'a thumbnail wanting 100 kbit/s leaves 800 to two').toBe(400_000);
    wants.set(b!, 0);
    expect(estimate.budgetBps(), 'a paused one wants nothing').toBe(800_000);
    a!.close();
    b!.close();
    expect(estimate.budgetBps(), 'alone: all of it').toBe(900_000);
    wants.set(c!, 500_000);
    expect(estimate.budgetBps(), 'wanting less than there is, it may still take all').toBe(900_000);
  });

  it('works without traces on a transport that has none (test fakes, old workers)', () => {
    const estimate = estimateOf({ id: 'plain', closed: false });
    expect(estimate.budgetBps()).toBeNull();
  });
});
