import type { Clock, TimerHandle } from '../clock';
import { randomId, randomSecret, secretMatches } from '../ids';
import type { OutboxBudget } from './outbox-budget';
import { Peer } from './peer';

/** Options for the peer registry. */
export interface PeerRegistryOptions {
  clock: Clock;
  /** Bounds what is kept for dropped peers; unbounded in bytes without one. */
  outboxBudget?: OutboxBudget;
  /** A dropped peer's kept notifications overflowed. */
  onOutboxOverflow?: (peer: Peer) => void;
}

/** Every signed-in peer by id, including those waiting out their reconnect grace. */
export class PeerRegistry {
  private readonly peers = new Map<string, Peer>();
  private readonly graceTimers = new Map<string, TimerHandle>();
  private readonly clock: Clock;

  constructor(private readonly options: PeerRegistryOptions) {
    this.clock = options.clock;
  }

  get size(): number {
    return this.peers.size;
  }

  /** Creates a peer with a fresh id and resume secret; the secret is returned once and only hashed here. */
  create(displayName: string, ip?: string): { peer: Peer; secret: string } {
    let id = randomId(9);
    while (this.peers.has(id)) id = randomId(9);
    const secret = randomSecret();
    const { outboxBudget, onOutboxOverflow } = this.options;
    const peer = new Peer({ id, secret, displayName, ip, outboxBudget, onOutboxOverflow });
    this.peers.set(id, peer);
    return { peer, secret };
  }

  /** The peer with this id, if signed in. */
  get(peerId: string): Peer | undefined {
    return this.peers.get(peerId);
  }

  /**
   * The peer a `hello.resume` names, only when the secret matches; an unknown id and a wrong secret
   * look the same to the caller (both get a fresh identity), so ids can't be probed.
   */
  resume(peerId: string, secret: string): Peer | undefined {
    const peer = this.peers.get(peerId);
    if (!peer || !secretMatches(secret, peer.secretHash)) return undefined;
    this.cancelGrace(peer);
    return peer;
  }

  /** Keeps a disconnected peer for `graceMs`, then calls `expire` unless it resumed meanwhile. */
  startGrace(peer: Peer, graceMs: number, expire: (peer: Peer) => void): void {
    this.cancelGrace(peer);
    const timer = this.clock.setTimeout(() => {
      this.graceTimers.delete(peer.id);
      if (this.peers.get(peer.id) === peer && !peer.link) expire(peer);
    }, graceMs);
    this.graceTimers.set(peer.id, timer);
  }

  /** Stops a running grace timer. */
  cancelGrace(peer: Peer): void {
    this.clock.clearTimeout(this.graceTimers.get(peer.id));
    this.graceTimers.delete(peer.id);
  }

  /** Forgets a peer. */
  remove(peer: Peer): void {
    this.cancelGrace(peer);
    peer.dropOutbox();
    if (this.peers.get(peer.id) === peer) this.peers.delete(peer.id);
  }

  /** A snapshot of every peer (for shutdown). */
  all(): Peer[] {
    return [...this.peers.values()];
  }
}
