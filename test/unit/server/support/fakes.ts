// Small fakes the server's units are driven through: a clock you advance, a link that records, a media service.
import type { NotificationName, NotificationOf } from '../../../../common/protocol';
import type { Clock, TimerHandle } from '../../../../server/clock';
import { Peer, type PeerLink } from '../../../../server/peers/peer';
import type { Room } from '../../../../server/rooms/room';
import type { MediaService, SfuHandlers } from '../../../../server/sfu/media-service';
import { UnavailableMediaService } from '../../../../server/sfu/unavailable-media-service';

/** A clock that only moves when told to; timers fire in order of their due time. */
export class FakeClock implements Clock {
  private time = 1_000;
  private readonly timers = new Map<TimerHandle, { at: number; fn: () => void }>();

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const handle = {};
    this.timers.set(handle, { at: this.time + ms, fn });
    return handle;
  }

  clearTimeout(handle: TimerHandle | null | undefined): void {
    if (handle) this.timers.delete(handle);
  }

  /** Moves time forward, firing every timer that comes due on the way. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      let next: [TimerHandle, { at: number; fn: () => void }] | undefined;
      for (const entry of this.timers) if (entry[1].at <= end && (!next || entry[1].at < next[1].at)) next = entry;
      if (!next) break;
      this.timers.delete(next[0]);
      this.time = next[1].at;
      next[1].fn();
    }
    this.time = end;
  }

  /** Timers still scheduled. */
  get pending(): number {
    return this.timers.size;
  }
}

/** A peer link that records what it was sent. */
export class FakeLink implements PeerLink {
  readonly received: { name: NotificationName; data: unknown }[] = [];
  closed: { code: number; reason: string } | null = null;

  deliver(name: NotificationName, data: unknown): void {
    this.received.push({ name, data });
  }

  close(code: number, reason: string): void {
    this.closed = { code, reason };
  }

  /** The data of every `name` notification, in order. */
  of<N extends NotificationName>(name: N): NotificationOf<N>[] {
    return this.received.filter((n) => n.name === name).map((n) => n.data as NotificationOf<N>);
  }

  /** Names of everything received, in order. */
  names(): NotificationName[] {
    return this.received.map((n) => n.name);
  }

  clear(): void {
    this.received.length = 0;
  }
}

let counter = 0;

/** A connected peer with a recording link. */
export function connectedPeer(displayName = `peer${++counter}`): { peer: Peer; link: FakeLink } {
  const peer = new Peer({ id: `p${++counter}`, secret: 'x'.repeat(32), displayName });
  const link = new FakeLink();
  peer.attach(link);
  return { peer, link };
}

/** A media service that records the hooks the room server calls, in order. */
export class RecordingMediaService implements MediaService {
  readonly available = true;
  readonly calls: string[] = [];
  failCreate = false;
  readonly handlers = new UnavailableMediaService().handlers as SfuHandlers;

  async onRoomCreated(room: Room): Promise<void> {
    if (this.failCreate) throw new Error('worker is dead');
    this.calls.push(`created:${room.id}`);
  }

  onPeerJoined(room: Room, peer: Peer): void {
    this.calls.push(`joined:${room.id}:${peer.id}`);
  }

  onPeerLeft(room: Room, peer: Peer): void {
    this.calls.push(`left:${room.id}:${peer.id}`);
  }

  onRoomClosed(room: Room): void {
    this.calls.push(`closed:${room.id}`);
  }

  async close(): Promise<void> {
    this.calls.push('close');
  }
}
