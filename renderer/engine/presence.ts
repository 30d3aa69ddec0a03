import type { Member } from '../../common/protocol';
import type { MediaSession } from './media-session';
import { diffMembers, Roster } from './roster';
import type { AnyNotification } from './signaling-types';
import type { EngineEvents } from './types';

type Emit = <K extends keyof EngineEvents>(event: K, ...args: EngineEvents[K]) => void;

/**
 * The room's members as the UI hears of them: turns presence notifications into engine events, keeps the
 * media session told of arrivals and departures, and after a rejoin reports only what actually changed.
 */
export class Presence {
  private readonly roster = new Roster();

  constructor(private readonly emit: Emit) {}

  /** The other members, as presence last told. */
  list(): Member[] {
    return this.roster.list();
  }

  /**
   * Starts over with the members a join returned. After a rejoin (`reportChanges`) it emits only the
   * differences from before, and tells `session` (one kept across a resumed reconnect) who came and went.
   */
  reset(members: Member[], reportChanges: boolean, session?: MediaSession): void {
    const previous = this.roster.list();
    this.roster.reset(members);
    if (!reportChanges) return;
    const diff = diffMembers(previous, members);
    for (const id of diff.left) {
      session?.peerLeft(id);
      this.emit('peerleft', id);
    }
    for (const m of diff.joined) {
      session?.peerJoined(m);
      this.emit('peerjoined', m);
    }
    for (const [id, kind] of diff.unpublished) this.emit('unpublished', id, kind);
    for (const [id, kind] of diff.published) this.emit('published', id, kind);
  }

  /** Forgets everyone (left the room). */
  clear(): void {
    this.roster.reset([]);
  }

  /** Handles one room notification; passes what isn't presence on to the session. */
  handle(n: AnyNotification, selfId: string | null, session: MediaSession | null): void {
    switch (n.name) {
      case 'peerJoined': {
        const member = n.data.member;
        if (member.peerId === selfId) return;
        const isNew = this.roster.upsert(member);
        // Someone already here joining again has a new connection: drop the old media first.
        if (!isNew) session?.peerLeft(member.peerId);
        session?.peerJoined(member);
        if (isNew) this.emit('peerjoined', member);
        return;
      }
      case 'peerLeft':
        session?.peerLeft(n.data.peerId);
        if (this.roster.remove(n.data.peerId)) this.emit('peerleft', n.data.peerId);
        return;
      case 'published':
      case 'unpublished':
        if (this.roster.setPublished(n.data.peerId, n.data.kind, n.name === 'published')) {
          this.emit(n.name, n.data.peerId, n.data.kind);
        }
        break;
      case 'pausedChanged':
        if (this.roster.setPaused(n.data.peerId, n.data.kind, n.data.paused)) {
          this.emit('pausedchange', n.data.peerId, n.data.kind, n.data.paused);
        }
        break;
      case 'viewerCount':
        this.emit('viewercount', n.data.count);
        break;
      case 'activeSpeaker':
        this.emit('activespeaker', n.data.peerId);
        break;
    }
    session?.handleNotification(n);
  }
}
