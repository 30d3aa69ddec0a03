import { createLogger } from '../log';
import type { SfuConsumer, SfuTransport } from './mediasoup-types';

const log = createLogger('sfu:estimate');

/** A receive transport as far as its estimate goes: mediasoup's 'bwe' trace (fakes may leave it out). */
export type EstimatedTransport = Pick<SfuTransport, 'id' | 'closed' | 'enableTraceEvent' | 'on'>;

/**
 * What mediasoup estimates one receive transport can carry to its viewer, and what the simulcast consumers steered
 * by it want (single-layer ones, a screen share, have nothing to choose and are left out). mediasoup reports the
 * estimate in its 'bwe' trace whenever it redistributes it (on a clear change, and at least every second), so
 * nothing is polled.
 */
export class TransportEstimate {
  /** Bits per second, or null before mediasoup's first report. */
  availableBps: number | null = null;
  /** Each consumer's demand: the budget its wanted layer needs (0 while its producer is paused). */
  private readonly demands = new Map<SfuConsumer, () => number>();

  /** Counts `consumer` among those sharing the estimate; `demand` tells what it wants at the moment. */
  share(consumer: SfuConsumer, demand: () => number): void {
    this.demands.set(consumer, demand);
  }

  /**
   * One consumer's budget, the same for all: the estimate shared out as water fills vessels, so a consumer that wants
   * less than an equal share (a thumbnail on its small layer) leaves the rest to the others (the stage), and those
   * wanting more split what is left equally. Null while mediasoup has not reported an estimate yet.
   */
  budgetBps(): number | null {
    if (this.availableBps === null) return null;
    for (const consumer of this.demands.keys()) if (consumer.closed) this.demands.delete(consumer);
    const wants = [...this.demands.values()].map((demand) => demand()).sort((a, b) => a - b);
    let remaining = this.availableBps;
    let sharing = wants.length;
    for (const want of wants) {
      if (want > remaining / sharing) return remaining / sharing;
      remaining -= want;
      sharing--;
    }
    // Everyone's demand fits: any of them may take what is left besides its own.
    return remaining + (wants[wants.length - 1] ?? 0);
  }
}

const estimates = new WeakMap<EstimatedTransport, TransportEstimate>();

/** The estimate of `transport`, following mediasoup's 'bwe' trace from the first call on. */
export function estimateOf(transport: EstimatedTransport): TransportEstimate {
  const known = estimates.get(transport);
  if (known) return known;
  const created = new TransportEstimate();
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
