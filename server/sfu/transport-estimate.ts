import { createLogger } from '../log';
import type { SfuConsumer, SfuTransport } from './mediasoup-types';

const log = createLogger('sfu:estimate');

/** A receive transport as far as its estimate goes: mediasoup's 'bwe' trace (fakes may leave it out). */
export type EstimatedTransport = Pick<SfuTransport, 'id' | 'closed' | 'enableTraceEvent' | 'on'>;

/**
 * What mediasoup estimates one receive transport can carry to its viewer, and the simulcast consumers steered by it
 * (single-layer ones, a screen share, have nothing to choose and are left out of the split).
 * mediasoup reports the estimate in its 'bwe' trace whenever it redistributes it (on a clear change, and at least
 * every second), so nothing is polled.
 */
export class TransportEstimate {
  /** Bits per second, or null before mediasoup's first report. */
  availableBps: number | null = null;
  private readonly consumers = new Set<SfuConsumer>();

  /** Counts `consumer` among the transport's simulcast consumers that share its estimate. */
  share(consumer: SfuConsumer): void {
    this.consumers.add(consumer);
  }

  /**
   * One consumer's budget: an equal share of the estimate among the transport's open simulcast consumers (mediasoup
   * splits it by its own rules, but an equal share is what keeps every tile at full frame rate). Null while unknown.
   */
  budgetBps(): number | null {
    if (this.availableBps === null) return null;
    for (const consumer of this.consumers) if (consumer.closed) this.consumers.delete(consumer);
    return this.availableBps / Math.max(1, this.consumers.size);
  }
}

const estimates = new WeakMap<EstimatedTransport, TransportEstimate>();

/** The estimate of `transport`, following mediasoup's 'bwe' trace from the first call on. */
export function estimateOf(transport: EstimatedTransport): TransportEstimate {
  let estimate = estimates.get(transport);
  if (estimate) return estimate;
  const created = (estimate = new TransportEstimate());
  estimates.set(transport, created);
  transport.on?.('trace', (trace) => {
    const available = (trace.info as { availableBitrate?: unknown } | undefined)?.availableBitrate;
    if (trace.type === 'bwe' && typeof available === 'number') created.availableBps = available;
  });
  transport.enableTraceEvent?.(['bwe']).catch((error: unknown) => {
    if (!transport.closed) log.warn('estimateOf() | no bwe trace [transport:%s]: %o', transport.id, error);
  });
  return created;
}
