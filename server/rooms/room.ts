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
import { RoomExtrasState } from './room-extras';
import { keyOpens } from './room-keys';

/** Viewers a presenter gets per `listViewers` page unless it asks for fewer. */
const VIEWER_PAGE = 50;

/** Options for a new room. */
export interface RoomOptions {
  id: string;
  mode: RoomMode;
  maxPeers: number;
  /** When set, only these peers may join (a direct call's private room). */
  allowedPeerIds?: readonly string[];
  /** A meeting room's key, handed to every member so any of them can re-create the room after a restart. */
  key?: string;
}

/**
 * One room and its peers, and the presence rules between them. In a 'broadcast' room viewers are
 * invisible to each other (only a viewer count is pushed), so thousands of viewers don't flood each other's
 * presence; presenters may page through them with `listViewers`. In meeting rooms ('p2p', 'sfu') everyone is a
 * member everyone sees, watchers (role viewer) included, so nobody listens in unseen.
 */
export class Room {
  readonly id: string;
  readonly mode: RoomMode;
  private readonly maxPeers: number;
  private readonly peers = new Map<string, Peer>();
  private allowed: Set<string> | null;
  private readonly key: string | null;
  /** Join order of the peers in the room, the cursor of `listViewers`. */
  private readonly joinSeq = new Map<string, number>();
  private nextSeq = 1;
  private viewers = 0;
  /** Recording, raised hands and recent chat: handed to every joiner with its snapshot. */
  readonly extras = new RoomExtrasState();
  closed = false;

  constructor(options: RoomOptions) {
    this.id = options.id;
    this.mode = options.mode;
    this.maxPeers = options.maxPeers;
    this.allowed = options.allowedPeerIds ? new Set(options.allowedPeerIds) : null;
    this.key = options.mode === 'broadcast' ? null : (options.key ?? null);
  }

  get size(): number {
    return this.peers.size;
  }

  /** True for a room only some peers may join (a direct call's). */
  get isPrivate(): boolean {
    return this.allowed !== null;
  }

  /** The peers a private room admits (null for an open room). */
  get allowedPeerIds(): string[] | null {
    return this.allowed && [...this.allowed];
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

  /**
   * The role a joining peer gets; the asked-for role is only a wish. In a broadcast only the presenter key makes a
   * presenter (without it, or with a wrong one, you are a viewer); in a meeting room everyone present publishes
   * unless they chose to watch.
   */
  grantRole(wish: Role | undefined, presenterKey: string | undefined): Role {
    if (this.mode !== 'broadcast') return wish ?? 'presenter';
    return wish !== 'viewer' && keyOpens(this.id, this.mode, presenterKey) ? 'presenter' : 'viewer';
  }

  /** Stops anyone else from joining (a direct call that ended). */
  seal(): void {
    this.allowed = new Set();
  }

  /** Adds a peer and tells the others; the caller checked `admits` and that the peer is in no room. */
  add(peer: Peer, role: Role): ResponseOf<'joinRoom'> {
    if (this.peers.size >= this.maxPeers) throw new ProtocolError('FORBIDDEN', `room ${this.id} is full`);
    this.peers.set(peer.id, peer);
    this.joinSeq.set(peer.id, this.nextSeq++);
    peer.roomId = this.id;
    peer.role = role;
    peer.published.clear();
    peer.paused.clear();
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
    const { id: roomId, mode, viewers: viewerCount } = this;
    const snapshot = {
      roomId,
      mode,
      self: peer.member(),
      members,
      viewerCount,
      extras: this.extras.snapshot((id) => this.seesHandOf(peer, id)),
    };
    return this.key === null ? snapshot : { ...snapshot, presenterKey: this.key };
  }

  /** One page of the room's viewers in join order, after the cursor `after`; the caller checked it may ask. */
  listViewers(after = 0, limit = VIEWER_PAGE): ResponseOf<'listViewers'> {
    const viewers: ResponseOf<'listViewers'>['viewers'] = [];
    let next: number | null = null;
    for (const peer of this.peers.values()) {
      const seq = this.joinSeq.get(peer.id) ?? 0;
      if (peer.role !== 'viewer' || seq <= after) continue;
      if (viewers.length === limit) {
        next = this.joinSeq.get(viewers[viewers.length - 1]!.peerId) ?? null;
        break;
      }
      viewers.push({ peerId: peer.id, displayName: peer.displayName });
    }
    return { viewers, total: this.viewers, next };
  }

  /** Removes a peer and tells the others. */
  remove(peer: Peer): void {
    if (this.peers.get(peer.id) !== peer) return;
    this.peers.delete(peer.id);
    this.joinSeq.delete(peer.id);
    const hidden = this.isHidden(peer);
    if (peer.role === 'viewer') this.viewers--;
    peer.roomId = null;
    peer.published.clear();
    peer.paused.clear();
    if (hidden) this.notifyAll('viewerCount', { count: this.viewers });
    else this.notifyAll('peerLeft', { peerId: peer.id });
    // Members drop the hand of a peer that left; a hidden viewer's is lowered for the presenters explicitly.
    if (this.extras.hands.delete(peer.id) && hidden) {
      this.notifyGesture(peer, 'handChanged', { peerId: peer.id, displayName: peer.displayName, raised: false });
    }
    peer.role = 'presenter';
  }

  /** Records what a peer publishes and tells the others; viewers never publish. */
  setPublished(peer: Peer, kind: PublishKind, published: boolean): void {
    if (peer.role === 'viewer') throw new ProtocolError('FORBIDDEN', 'viewers cannot publish');
    if (peer.published.has(kind) === published) return;
    if (published) peer.published.add(kind);
    else peer.published.delete(kind);
    peer.paused.delete(kind);
    this.notifyAll(published ? 'published' : 'unpublished', { peerId: peer.id, kind }, peer);
  }

  /** Records that a peer paused or resumed something it publishes and tells the others. */
  setPaused(peer: Peer, kind: PublishKind, paused: boolean): void {
    if (peer.role === 'viewer') throw new ProtocolError('FORBIDDEN', 'viewers publish nothing to pause');
    if (!peer.published.has(kind)) throw new ProtocolError('INVALID_STATE', `setPaused: ${kind} is not published`);
    if (peer.paused.has(kind) === paused) return;
    if (paused) peer.paused.add(kind);
    else peer.paused.delete(kind);
    this.notifyAll('pausedChanged', { peerId: peer.id, kind, paused }, peer);
  }

  /** Sends a notification to every peer in the room except `except` (usually the one who caused it). */
  notifyAll<N extends NotificationName>(name: N, data: NotificationOf<N>, except?: Peer): void {
    for (const peer of this.peers.values()) {
      if (peer !== except) peer.notify(name, data);
    }
  }

  /** True when `observer` is told about `target`'s hand and reactions: presenters hear from hidden viewers too. */
  seesGestureOf(observer: Peer, target: Peer): boolean {
    return observer.role === 'presenter' || this.canSee(observer, target);
  }

  /** Sends a notification to every peer that may see `from`'s hand and reactions, `from` included. */
  notifyGesture<N extends NotificationName>(from: Peer, name: N, data: NotificationOf<N>): void {
    for (const peer of this.peers.values()) if (this.seesGestureOf(peer, from)) peer.notify(name, data);
  }

  private seesHandOf(observer: Peer, peerId: string): boolean {
    const target = this.peers.get(peerId);
    return target !== undefined && this.seesGestureOf(observer, target);
  }

  private isHidden(peer: Peer): boolean {
    return this.mode === 'broadcast' && peer.role === 'viewer';
  }
}
