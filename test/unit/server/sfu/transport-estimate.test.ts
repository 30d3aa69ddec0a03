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

  it('gives each open video consumer an equal share', () => {
    const transport = new TracingTransport();
    const estimate = estimateOf(transport);
    transport.trace('bwe', { availableBitrate: 900_000 });
    const consumers = [1, 2, 3].map(() => new FakeConsumer('producer', 'video', false, false));
    expect(estimate.budgetBps(), 'no consumer yet: all of it').toBe(900_000);
    for (const consumer of consumers) estimate.share(consumer);
    expect(estimate.budgetBps()).toBe(300_000);
    consumers[0]!.close();
    expect(estimate.budgetBps()).toBe(450_000);
  });

  it('works without traces on a transport that has none (test fakes, old workers)', () => {
    const estimate = estimateOf({ id: 'plain', closed: false });
    expect(estimate.budgetBps()).toBeNull();
  });
});
