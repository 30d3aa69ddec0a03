import { ProtocolError, type LobbyUser, type NotificationOf } from '../../common/protocol';
import type { Peer } from '../peers/peer';

type LobbyNotification = 'lobbyUserJoined' | 'lobbyUserLeft' | 'lobbyUserChanged';

/** How a lobby takes part in a cluster: users elsewhere join its list, its own changes go out. */
export interface LobbyClusterLink {
  remoteUsers(): LobbyUser[];
  changed<N extends LobbyNotification>(name: N, data: NotificationOf<N>): void;
}

/**
 * Most people listed at once: the list in `enterLobby`'s response has to stay under the protocol's
 * frame cap (64 KiB) for clients that enforce it on receive.
 */
export const LOBBY_LIMIT = 300;

/**
 * The opt-in list of people who can be called. A member gets the whole list once, in the response to
 * entering, and afterwards only what changed: someone entered, left, or became busy or free. Pushing
 * deltas keeps one change costing one small message per member instead of the whole list each.
 */
export class Lobby {
  private readonly members = new Map<string, Peer>();
  private readonly perIp = new Map<string, number>();
  /** Users signed in on other servers of a cluster, and where this lobby's own changes are announced. */
  private cluster: LobbyClusterLink | null = null;

  /** `maxPerIp` bounds the members from one address, so one client can't fill the lobby for everyone. */
  constructor(private readonly maxPerIp: number = LOBBY_LIMIT) {}

  /** Shares this lobby with the other servers of a cluster. */
  linkCluster(link: LobbyClusterLink): void {
    this.cluster = link;
  }

  /** Every member on this server, as the others see them (for the cluster directory). */
  localUsers(): LobbyUser[] {
    return [...this.members.values()].map((peer) => this.entry(peer));
  }

  /** Tells every member here about a change on another server. */
  announce<N extends LobbyNotification>(name: N, data: NotificationOf<N>): void {
    for (const member of this.members.values()) member.notify(name, data);
  }

  /** True when the peer opted in. */
  has(peer: Peer): boolean {
    return this.members.get(peer.id) === peer;
  }

  /** Adds a peer (idempotent) and returns everyone else; the others are told. */
  enter(peer: Peer): LobbyUser[] {
    if (!this.has(peer)) {
      if (this.members.size >= LOBBY_LIMIT) throw new ProtocolError('RATE_LIMITED', 'the lobby is full');
      const fromIp = this.perIp.get(peer.ip) ?? 0;
      if (fromIp >= this.maxPerIp) throw new ProtocolError('RATE_LIMITED', 'too many lobby members from your address');
      this.members.set(peer.id, peer);
      this.perIp.set(peer.ip, fromIp + 1);
      this.pushExcept(peer, 'lobbyUserJoined', { user: this.entry(peer) });
    }
    return this.listFor(peer);
  }

  /** Removes a peer; the others are told. Returns false when it was not in the lobby. */
  leave(peer: Peer): boolean {
    if (!this.has(peer)) return false;
    this.members.delete(peer.id);
    const left = (this.perIp.get(peer.ip) ?? 1) - 1;
    if (left > 0) this.perIp.set(peer.ip, left);
    else this.perIp.delete(peer.ip);
    this.pushExcept(peer, 'lobbyUserLeft', { peerId: peer.id });
    return true;
  }

  /** Tells the others that these peers' busy flags may have changed. */
  changed(...peers: Peer[]): void {
    for (const peer of peers) {
      if (this.has(peer)) this.pushExcept(peer, 'lobbyUserChanged', { user: this.entry(peer) });
    }
  }

  /** The list as `peer` sees it: everyone but itself. */
  listFor(peer: Peer): LobbyUser[] {
    const users: LobbyUser[] = [];
    for (const other of this.members.values()) if (other !== peer) users.push(this.entry(other));
    return this.cluster ? [...users, ...this.cluster.remoteUsers()] : users;
  }

  private entry(peer: Peer): LobbyUser {
    return { peerId: peer.id, displayName: peer.displayName, busy: peer.callId !== null };
  }

  private pushExcept<N extends LobbyNotification>(except: Peer, name: N, data: NotificationOf<N>): void {
    for (const member of this.members.values()) if (member !== except) member.notify(name, data);
    this.cluster?.changed(name, data);
  }
}
