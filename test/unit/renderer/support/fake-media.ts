import type { MediaSession, MediaSessionContext } from '../../../../renderer/engine/media-session';
import { Emitter } from '../../../../renderer/engine/emitter';
import type { MediaSessionEvents } from '../../../../renderer/engine/media-session';
import type { AnyNotification } from '../../../../renderer/engine/signaling-types';
import type { Member, PublishKind } from '../../../../common/protocol';
import type { RemoteStats } from '../../../../renderer/engine/stats';

let nextId = 1;

/** A MediaStreamTrack stand-in: kind, id, stop(), and an `ended` event. */
export class FakeTrack extends EventTarget {
  readonly id = `t${nextId++}`;
  readyState: 'live' | 'ended' = 'live';
  contentHint = '';
  enabled = true;
  constructor(readonly kind: 'audio' | 'video') {
    super();
  }
  stop(): void {
    this.readyState = 'ended';
  }
  /** What the browser does when the user presses "stop sharing" or unplugs the device. */
  end(): void {
    this.readyState = 'ended';
    this.dispatchEvent(new Event('ended'));
  }
}

/** A MediaStream stand-in. */
export class FakeStream {
  readonly id = `s${nextId++}`;
  private readonly tracks: FakeTrack[];
  constructor(tracks: FakeTrack[] = []) {
    this.tracks = [...tracks];
  }
  getTracks(): FakeTrack[] {
    return [...this.tracks];
  }
  getVideoTracks(): FakeTrack[] {
    return this.tracks.filter((t) => t.kind === 'video');
  }
  getAudioTracks(): FakeTrack[] {
    return this.tracks.filter((t) => t.kind === 'audio');
  }
}

/** Media functions that hand out fake devices and record what was asked. */
export function fakeMedia() {
  const calls: { fn: 'getUserMedia' | 'getDisplayMedia'; arg: unknown }[] = [];
  const opened: FakeStream[] = [];
  return {
    calls,
    opened,
    media: {
      async getUserMedia(constraints: MediaStreamConstraints) {
        calls.push({ fn: 'getUserMedia', arg: constraints });
        const tracks = [
          ...(constraints.video ? [new FakeTrack('video')] : []),
          ...(constraints.audio ? [new FakeTrack('audio')] : []),
        ];
        const s = new FakeStream(tracks);
        opened.push(s);
        return s as unknown as MediaStream;
      },
      async getDisplayMedia(options: { audio: boolean }) {
        calls.push({ fn: 'getDisplayMedia', arg: options });
        const s = new FakeStream([new FakeTrack('video')]);
        opened.push(s);
        return s as unknown as MediaStream;
      },
    },
  };
}

/** A media session that records what the engine told it. */
export class RecordingSession extends Emitter<MediaSessionEvents> implements MediaSession {
  readonly calls: string[] = [];
  readonly notifications: AnyNotification[] = [];
  readonly started: { members: Member[]; local: Map<PublishKind, readonly MediaStreamTrack[]> }[] = [];
  closed = false;
  /** When set, publish() rejects with it. */
  publishError: Error | null = null;
  /** When set, start() resolves only once this does. */
  startGate: Promise<void> | null = null;

  constructor(readonly context: MediaSessionContext) {
    super();
  }
  async start(members: readonly Member[], local: ReadonlyMap<PublishKind, readonly MediaStreamTrack[]>): Promise<void> {
    this.started.push({ members: [...members], local: new Map(local) });
    this.calls.push(`start:${members.map((m) => m.peerId).join(',')}:${[...local.keys()].join(',')}`);
    await this.startGate;
  }
  peerJoined(member: Member): void {
    this.calls.push(`peerJoined:${member.peerId}`);
  }
  peerLeft(peerId: string): void {
    this.calls.push(`peerLeft:${peerId}`);
  }
  handleNotification(n: AnyNotification): void {
    this.notifications.push(n);
  }
  async publish(kind: PublishKind, tracks: readonly MediaStreamTrack[]): Promise<void> {
    this.calls.push(`publish:${kind}:${tracks.map((t) => t.kind).join(',')}`);
    if (this.publishError) throw this.publishError;
  }
  async unpublish(kind: PublishKind): Promise<void> {
    this.calls.push(`unpublish:${kind}`);
  }
  videoSendersOf(): RTCRtpSender[] {
    return [];
  }
  async getStats(): Promise<RemoteStats[]> {
    return [];
  }
  resumed(): void {
    this.calls.push('resumed');
  }
  networkReturned(): void {
    this.calls.push('networkReturned');
  }
  close(): void {
    if (!this.closed) this.calls.push('close');
    this.closed = true;
  }
}

/** A session factory that keeps every session it made. */
export function recordingSessions(startGate: () => Promise<void> | null = () => null) {
  const made: RecordingSession[] = [];
  return {
    made,
    factory: (context: MediaSessionContext) => {
      const s = new RecordingSession(context);
      s.startGate = startGate();
      made.push(s);
      return s;
    },
  };
}
