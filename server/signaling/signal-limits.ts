import { ProtocolError } from '../../common/protocol';
import type { Clock } from '../clock';
import type { ServerConfig } from '../config';
import type { Peer } from '../peers/peer';
import { TokenBucket } from './token-bucket';

/** Options for the relay limits of `signal`. */
export interface SignalLimitsOptions {
  clock: Clock;
  config: Pick<ServerConfig, 'maxSignalBytes' | 'signalBurstBytes' | 'signalBytesPerSecond' | 'peerBacklogBytes'>;
}

/**
 * What one peer may relay to another: a size cap per signal and a byte bucket per sender→receiver pair,
 * and nothing at all while the receiver has a backlog. Every refusal goes to the sender, so a flood
 * slows its sender down instead of getting the receiver disconnected for not keeping up.
 */
export class SignalLimits {
  private readonly buckets = new Map<string, Map<string, TokenBucket>>();

  constructor(private readonly options: SignalLimitsOptions) {}

  /** Throws TOO_LARGE or RATE_LIMITED unless `from` may relay `bytes` to `to` now. */
  admit(from: Peer, to: Peer, bytes: number): void {
    const { config, clock } = this.options;
    if (bytes > config.maxSignalBytes) {
      throw new ProtocolError('TOO_LARGE', `a signal may carry at most ${config.maxSignalBytes} bytes`);
    }
    if ((to.link?.backlog?.() ?? 0) > config.peerBacklogBytes) {
      throw new ProtocolError('RATE_LIMITED', 'the receiver is not keeping up; try again later');
    }
    let mine = this.buckets.get(from.id);
    if (!mine) this.buckets.set(from.id, (mine = new Map()));
    let bucket = mine.get(to.id);
    if (!bucket) {
      const now = () => clock.now();
      bucket = new TokenBucket({ capacity: config.signalBurstBytes, perSecond: config.signalBytesPerSecond, now });
      mine.set(to.id, bucket);
    }
    if (!bucket.take(bytes)) throw new ProtocolError('RATE_LIMITED', 'too much signaling to this peer; slow down');
  }

  /** Forgets every pair a departed peer was part of. */
  forget(peer: Peer): void {
    this.buckets.delete(peer.id);
    for (const mine of this.buckets.values()) mine.delete(peer.id);
  }
}
