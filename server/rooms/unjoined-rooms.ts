import { ProtocolError } from '../../common/protocol';
import type { Clock, TimerHandle } from '../clock';

/** Rooms one peer may have created and not yet joined, so one client can't use up the server's rooms. */
export const UNJOINED_PER_CREATOR = 5;

/** Who asked for a room: the peer, and the address it came from (every connection is a new peer). */
export interface RoomCreator {
  peerId: string | null;
  ip: string | null;
}

interface Entry {
  timer: TimerHandle;
  keys: string[];
}

/**
 * Rooms created but not joined yet: each expires after a TTL, and each creator may hold only a few —
 * counted per peer and per address, so "hello, create, close" in a loop can't fill the server.
 */
export class UnjoinedRooms {
  private readonly entries = new Map<string, Entry>();
  private readonly held = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
    private readonly perIp: number = Number.POSITIVE_INFINITY,
  ) {}

  /** Throws RATE_LIMITED when the creator (peer or address) already holds the most unjoined rooms allowed. */
  checkCreator(creator: RoomCreator): void {
    const byPeer = creator.peerId === null ? 0 : (this.held.get(`peer:${creator.peerId}`) ?? 0);
    const byIp = creator.ip === null ? 0 : (this.held.get(`ip:${creator.ip}`) ?? 0);
    if (byPeer >= UNJOINED_PER_CREATOR || byIp >= this.perIp) {
      throw new ProtocolError('RATE_LIMITED', 'too many rooms created and not joined yet');
    }
  }

  /** Starts the TTL of a new room; `expire` runs if nobody joined it in time. */
  add(roomId: string, creator: RoomCreator, expire: () => void): void {
    const timer = this.clock.setTimeout(() => {
      this.settle(roomId);
      expire();
    }, this.ttlMs);
    const keys: string[] = [];
    if (creator.peerId !== null) keys.push(`peer:${creator.peerId}`);
    if (creator.ip !== null) keys.push(`ip:${creator.ip}`);
    for (const key of keys) this.held.set(key, (this.held.get(key) ?? 0) + 1);
    this.entries.set(roomId, { timer, keys });
  }

  /** The room was joined or closed: it no longer counts or expires. */
  settle(roomId: string): void {
    const entry = this.entries.get(roomId);
    if (!entry) return;
    this.entries.delete(roomId);
    this.clock.clearTimeout(entry.timer);
    for (const key of entry.keys) {
      const left = (this.held.get(key) ?? 1) - 1;
      if (left > 0) this.held.set(key, left);
      else this.held.delete(key);
    }
  }
}
