import { ProtocolError, type LobbyUser } from '../../common/protocol';
import type { Peer } from '../peers/peer';

/**
 * Most people listed at once. Every change pushes the whole list to everyone, and the list has to
 * stay under the protocol's frame cap (64 KiB) for clients that enforce it on receive.
 */
export const LOBBY_LIMIT = 300;

/**
 * The opt-in list of people who can be called. Each member is pushed the full list (without itself)
 * whenever it changes: someone enters or leaves, or someone's busy flag flips (`changed`).
 */
export class Lobby {
  private readonly members = new Map<string, Peer>();

  /** True when the peer opted in. */
  has(peer: Peer): boolean {
    return this.members.get(peer.id) === peer;
  }

  /** Adds a peer (idempotent) and returns everyone else; the others are told. */
  enter(peer: Peer): LobbyUser[] {
    if (!this.has(peer)) {
      if (this.members.size >= LOBBY_LIMIT) throw new ProtocolError('RATE_LIMITED', 'the lobby is full');
      this.members.set(peer.id, peer);
      this.push(peer);
    }
    return this.listFor(peer);
  }

  /** Removes a peer; the others are told. Returns false when it was not in the lobby. */
  leave(peer: Peer): boolean {
    if (!this.has(peer)) return false;
    this.members.delete(peer.id);
    this.push();
    return true;
  }

  /** Pushes the list again because someone's busy flag may have changed. */
  changed(...peers: Peer[]): void {
    if (peers.some((p) => this.has(p))) this.push();
  }

  /** The list as `peer` sees it: everyone but itself. */
  listFor(peer: Peer): LobbyUser[] {
    const users: LobbyUser[] = [];
    for (const other of this.members.values()) {
      if (other !== peer) users.push({ peerId: other.id, displayName: other.displayName, busy: other.callId !== null });
    }
    return users;
  }

  private push(except?: Peer): void {
    for (const member of this.members.values()) {
      if (member !== except) member.notify('lobbyUsers', { users: this.listFor(member) });
    }
  }
}
