import {
  ProtocolError,
  type Member,
  type NotificationName,
  type NotificationOf,
  type PublishKind,
  type ResponseOf,
  type Role,
  type RoomMode,
} from '../../common/protocol';
import type { Peer } from '../peers/peer';

/** Options for a new room. */
export interface RoomOptions {
  id: string;
  mode: RoomMode;
  maxPeers: number;
  /** When set, only these peers may join (a direct call's private room). */
  allowedPeerIds?: readonly string[];
}

/**
 * One room and its peers, and the presence rules between them. In a 'broadcast' room viewers are
 * invisible to everyone else (only a viewer count is shared), so thousands of viewers don't flood
 * each other's presence and presenters never learn viewer identities.
 */
export class Room {
  readonly id: string;
  readonly mode: RoomMode;
  private readonly maxPeers: number;
  private readonly peers = new Map<string, Peer>();
  private allowed: Set<string> | null;
  private viewers = 0;
  closed = false;

  constructor(options: RoomOptions) {
    this.id = options.id;
    this.mode = options.mode;
    this.maxPeers = options.maxPeers;
    this.allowed = options.allowedPeerIds ? new Set(options.allowedPeerIds) : null;
  }

  get size(): number {
    return this.peers.size;
  }

  /** True for a room only some peers may join (a direct call's). */
  get isPrivate(): boolean {
    return this.allowed !== null;
  }

  /** Every peer in the room (members and viewers). */
  all(): Peer[] {
    return [...this.peers.values()];
  }

  /** The peer with this id, if it is in the room. */
  get(peerId: string): Peer | undefined {
    return this.peers.get(peerId);
  }

  /** True when `observer` may know that `target` is here (and so exchange signals with it). */
  canSee(observer: Peer, target: Peer): boolean {
    return observer === target || !this.isHidden(target);
  }

  /** True when `peer` may enter (ignoring capacity), so private rooms can answer like unknown ones. */
  admits(peer: Peer): boolean {
    return !this.closed && (this.allowed === null || this.allowed.has(peer.id));
  }

  /** Stops anyone else from joining (a direct call that ended). */
  seal(): void {
    this.allowed = new Set();
  }

  /** Adds a peer and tells the others; the caller checked `admits` and that the peer is in no room. */
  add(peer: Peer, role: Role): ResponseOf<'joinRoom'> {
    if (this.peers.size >= this.maxPeers) throw new ProtocolError('FORBIDDEN', `room ${this.id} is full`);
    this.peers.set(peer.id, peer);
    peer.roomId = this.id;
    peer.role = role;
    peer.published.clear();
    if (this.isHidden(peer)) {
      this.viewers++;
      this.notifyAll('viewerCount', { count: this.viewers }, peer);
    } else {
      if (role === 'viewer') this.viewers++;
      this.notifyAll('peerJoined', { member: peer.member() }, peer);
    }
    return this.snapshotFor(peer);
  }

  /** What a (re)joining peer is told: itself, the members it can see, the viewer count. */
  snapshotFor(peer: Peer): ResponseOf<'joinRoom'> {
    const members: Member[] = [];
    for (const other of this.peers.values()) {
      if (other !== peer && this.canSee(peer, other)) members.push(other.member());
    }
    return { roomId: this.id, mode: this.mode, self: peer.member(), members, viewerCount: this.viewers };
  }

  /** Removes a peer and tells the others. */
  remove(peer: Peer): void {
    if (this.peers.get(peer.id) !== peer) return;
    this.peers.delete(peer.id);
    const hidden = this.isHidden(peer);
    if (peer.role === 'viewer') this.viewers--;
    peer.roomId = null;
    peer.published.clear();
    if (hidden) this.notifyAll('viewerCount', { count: this.viewers });
    else this.notifyAll('peerLeft', { peerId: peer.id });
    peer.role = 'presenter';
  }

  /** Records what a peer publishes and tells the others; viewers never publish. */
  setPublished(peer: Peer, kind: PublishKind, published: boolean): void {
    if (peer.role === 'viewer') throw new ProtocolError('FORBIDDEN', 'viewers cannot publish');
    if (peer.published.has(kind) === published) return;
    if (published) peer.published.add(kind);
    else peer.published.delete(kind);
    this.notifyAll(published ? 'published' : 'unpublished', { peerId: peer.id, kind }, peer);
  }

  /** Sends a notification to every peer in the room except `except` (usually the one who caused it). */
  notifyAll<N extends NotificationName>(name: N, data: NotificationOf<N>, except?: Peer): void {
    for (const peer of this.peers.values()) {
      if (peer !== except) peer.notify(name, data);
    }
  }

  private isHidden(peer: Peer): boolean {
    return this.mode === 'broadcast' && peer.role === 'viewer';
  }
}
