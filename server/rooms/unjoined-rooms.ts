import { ProtocolError } from '../../common/protocol';
import type { Clock, TimerHandle } from '../clock';

/** Rooms one peer may have created and not yet joined, so one client can't use up the server's rooms. */
export const UNJOINED_PER_CREATOR = 5;

interface Entry {
  timer: TimerHandle;
  creatorId: string | null;
}

/** Rooms created but not joined yet: each expires after a TTL, and each creator may hold only a few. */
export class UnjoinedRooms {
  private readonly entries = new Map<string, Entry>();
  private readonly perCreator = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
  ) {}

  /** Throws RATE_LIMITED when `creatorId` already holds the most unjoined rooms allowed. */
  checkCreator(creatorId: string | null): void {
    if (creatorId !== null && (this.perCreator.get(creatorId) ?? 0) >= UNJOINED_PER_CREATOR) {
      throw new ProtocolError('RATE_LIMITED', 'too many rooms created and not joined yet');
    }
  }

  /** Starts the TTL of a new room; `expire` runs if nobody joined it in time. */
  add(roomId: string, creatorId: string | null, expire: () => void): void {
    const timer = this.clock.setTimeout(() => {
      this.settle(roomId);
      expire();
    }, this.ttlMs);
    this.entries.set(roomId, { timer, creatorId });
    if (creatorId !== null) this.perCreator.set(creatorId, (this.perCreator.get(creatorId) ?? 0) + 1);
  }

  /** The room was joined or closed: it no longer counts or expires. */
  settle(roomId: string): void {
    const entry = this.entries.get(roomId);
    if (!entry) return;
    this.entries.delete(roomId);
    this.clock.clearTimeout(entry.timer);
    if (entry.creatorId === null) return;
    const left = (this.perCreator.get(entry.creatorId) ?? 1) - 1;
    if (left > 0) this.perCreator.set(entry.creatorId, left);
    else this.perCreator.delete(entry.creatorId);
  }
}
