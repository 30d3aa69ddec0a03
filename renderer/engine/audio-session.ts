import type { NotificationOf, PublishKind, ResponseOf, SessionEndReason } from '../../common/protocol';
import { AnswerOnlyLink } from './answer-only-link';
import type { Emitter } from './emitter';
import { hasCode, InvalidStateError, toError, UnsupportedError } from './errors';
import { createLogger } from './log';
import { SignalingRelay } from './signaling-relay';
import type { SignalingPort } from './signaling-types';
import type { RemoteStats } from './stats';
import type { EngineEvents } from './types';

const log = createLogger('audio');

/** What `joinSession` resolves with: the session, the appliance's peer id, and the server's idle limit. */
export type JoinSessionResult = ResponseOf<'joinSession'>;

/** How many ended session ids are remembered, so the server's own `sessionEnded` isn't reported twice. */
const REMEMBERED_ENDS = 16;

/** What the device audio session needs from the engine. */
export interface AudioSessionHost {
  /** The engine's events: the session emits `track`, `trackended`, `sessionended`, `error` and follows `localpublished`. */
  events: Pick<Emitter<EngineEvents>, 'on' | 'emit'>;
  /** ICE servers (settings, else the server's `hello`) and the platform's constructors, read when a link is made. */
  linkContext(): {
    iceServers: RTCIceServer[];
    RTCPeerConnection: typeof RTCPeerConnection | undefined;
    MediaStream: typeof MediaStream | undefined;
  };
  /** The microphone: the one published now (the app's choice), opening the device, unpublishing it. */
  microphone: {
    current(): MediaStreamTrack | null;
    open(): Promise<MediaStream>;
    release(): Promise<void>;
  };
  /** Whether the engine is in a room (whose signals are not the session's, and whose microphone stays). */
  inRoom(): boolean;
}

interface Active {
  joined: JoinSessionResult;
  link: AnswerOnlyLink;
  relay: SignalingRelay;
  /** The microphone the session opened itself because none was published; stopped once one is, or at the end. */
  own: MediaStream | null;
}

type SignalData = NotificationOf<'signal'>;

/**
 * The engine's device audio session (one at a time): `joinSession` with the appliance's id and token, then an
 * answer-only link to the appliance carrying our microphone out and its audio in; heartbeats and `endSession`
 * go to the server; the server's `sessionEnded` (or ours) closes the link and is reported once as `sessionended`.
 */
export class AudioSessions {
  private active: Active | null = null;
  /** While a join is in flight, signals that may be the appliance's first offer wait here. */
  private early: SignalData[] | null = null;
  private readonly reported: string[] = [];
  private closed = false;

  constructor(private readonly host: AudioSessionHost) {
    // A published microphone always wins (the app mutes it by disabling its track): it replaces our own.
    host.events.on('localpublished', (kind: PublishKind, stream: MediaStream) => {
      const active = this.active;
      if (kind !== 'mic' || !active) return;
      void active.link.setMicrophone(stream.getAudioTracks()[0] ?? null).then(() => stopOwn(active));
    });
    host.events.on('localunpublished', (kind: PublishKind) => {
      if (kind === 'mic') void this.active?.link.setMicrophone(null);
    });
  }

  /** The session joined, if any. */
  get current(): JoinSessionResult | null {
    return this.active?.joined ?? null;
  }

  /** Joins `sessionId` with `token`; the appliance's offer is answered as soon as it arrives. */
  async join(client: SignalingPort, sessionId: string, token: string): Promise<JoinSessionResult> {
    if (this.closed) throw new InvalidStateError('joinSession() | the engine is closed');
    if (typeof sessionId !== 'string' || !sessionId) throw new TypeError('joinSession() | missing sessionId');
    if (typeof token !== 'string' || !token) throw new TypeError('joinSession() | missing token');
    if (this.active?.joined.sessionId === sessionId) return this.active.joined;
    if (this.active || this.early) {
      throw new InvalidStateError(
        `joinSession() | already in a device session [session:${this.current?.sessionId ?? '…'}]`,
      );
    }
    const context = this.host.linkContext();
    const { RTCPeerConnection: PeerConnection, MediaStream: Stream } = context;
    if (!PeerConnection) throw new UnsupportedError('joinSession() | no RTCPeerConnection on this platform');
    const early: SignalData[] = [];
    this.early = early;
    let joined: JoinSessionResult;
    try {
      joined = await client.request('joinSession', { sessionId, token });
    } finally {
      this.early = null;
    }
    if (this.closed) throw new InvalidStateError('joinSession() | closed while joining');
    const relay = new SignalingRelay(client);
    const link: AnswerOnlyLink = new AnswerOnlyLink({
      peerId: joined.peerId,
      iceServers: context.iceServers,
      RTCPeerConnection: PeerConnection,
      MediaStream: Stream,
      microphone: () => this.microphone(active),
    });
    const to = joined.peerId;
    link.on('signal', (signal) => {
      relay
        .request('signal', { to, ...signal })
        .catch((error: unknown) => log.warn('signal not sent [peer:%s]: %o', to, error));
    });
    link.on('track', (remote) => this.host.events.emit('track', remote));
    link.on('trackended', (remote) => this.host.events.emit('trackended', remote));
    link.on('connectionstatechange', (state) => log.debug('connection %s [session:%s]', state, joined.sessionId));
    const active: Active = { joined, link, relay, own: null };
    this.active = active;
    log.debug('join() | joined, waiting for the offer [session:%s, peer:%s]', joined.sessionId, to);
    for (const signal of early) this.handleSignal(signal, false);
    return joined;
  }

  /** Keeps the session past the server's idle limit. */
  async heartbeat(client: SignalingPort, sessionId: string): Promise<void> {
    await client.request('heartbeat', { sessionId });
  }

  /**
   * Ends the session for both sides. Our side closes even if the request fails (it is rethrown then), except
   * SESSION_NOT_FOUND: the session is over already.
   */
  async end(client: SignalingPort, sessionId: string): Promise<void> {
    let failure: unknown = null;
    try {
      await client.request('endSession', { sessionId });
    } catch (error) {
      if (!hasCode(error, 'SESSION_NOT_FOUND')) failure = error;
    }
    this.finish(sessionId, 'ended');
    if (failure !== null) throw failure;
  }

  /** Takes a `signal` notification if it is the appliance's (or may be, while joining); false: not ours. */
  handleSignal(signal: SignalData, inRoom = this.host.inRoom()): boolean {
    if (this.early && !inRoom) {
      this.early.push(signal);
      return true;
    }
    const active = this.active;
    if (!active || signal.from !== active.joined.peerId) return false;
    active.link.handleSignal(signal).catch((error: unknown) => {
      log.error('handleSignal() | %o [session:%s]', error, active.joined.sessionId);
      this.host.events.emit('error', toError(error));
    });
    return true;
  }

  /** The server's `sessionEnded`: closes the link (if it is ours) and reports it, once. */
  onEnded(data: NotificationOf<'sessionEnded'>): void {
    if (this.active?.joined.sessionId === data.sessionId) this.finish(data.sessionId, data.reason);
    else if (!this.reported.includes(data.sessionId)) this.report(data.sessionId, data.reason);
  }

  /** Receive figures of the appliance's audio. */
  getStats(): Promise<RemoteStats[]> {
    return this.active ? this.active.link.getStats().catch(() => []) : Promise.resolve([]);
  }

  /** The connection dropped: signals wait for a resumed one (media between the peers carries on). */
  disconnected(): void {
    this.active?.relay.detach();
  }

  /** A new connection: the same identity keeps the session; a new one means the server ended it ('peerLeft'). */
  reconnected(client: SignalingPort, resumed: boolean): void {
    const active = this.active;
    if (!active) return;
    if (resumed) return active.relay.attach(client);
    log.warn('reconnected as a new peer: the session is over [session:%s]', active.joined.sessionId);
    this.finish(active.joined.sessionId, 'peerLeft');
  }

  /** The engine closes: the link goes without a report (the server tells the appliance). Safe to call twice. */
  close(): void {
    this.closed = true;
    this.early = null;
    const active = this.active;
    this.active = null;
    if (!active) return;
    active.relay.discard();
    active.link.close();
    stopOwn(active);
  }

  private finish(sessionId: string, reason: SessionEndReason): void {
    const active = this.active;
    if (!active || active.joined.sessionId !== sessionId) return;
    this.active = null;
    active.relay.discard();
    active.link.close();
    stopOwn(active);
    // Outside a room the microphone was the session's: it goes with it.
    if (!this.host.inRoom() && this.host.microphone.current()) {
      this.host.microphone
        .release()
        .catch((error: unknown) => log.warn('finish() | releasing the microphone: %o', error));
    }
    log.debug('finish() | ended (%s) [session:%s]', reason, sessionId);
    this.report(sessionId, reason);
  }

  private report(sessionId: string, reason: SessionEndReason): void {
    this.reported.push(sessionId);
    if (this.reported.length > REMEMBERED_ENDS) this.reported.shift();
    this.host.events.emit('sessionended', { sessionId, reason });
  }

  /** The microphone for the first answer: the published one, else the session opens the device itself. */
  private async microphone(active: Active): Promise<MediaStreamTrack | null> {
    const live = () => {
      const track = this.host.microphone.current();
      return track && track.readyState !== 'ended' ? track : null;
    };
    const published = live();
    if (published) return published;
    let stream: MediaStream;
    try {
      stream = await this.host.microphone.open();
    } catch (error) {
      // Answer anyway: the device is still heard, and a microphone published later is sent then.
      log.warn('microphone() | could not open the microphone: %o', error);
      this.host.events.emit('error', toError(error));
      return null;
    }
    const meanwhile = live();
    if (meanwhile || this.active !== active) {
      for (const track of stream.getTracks()) track.stop();
      return meanwhile;
    }
    active.own = stream;
    return stream.getAudioTracks()[0] ?? null;
  }
}

function stopOwn(active: Active): void {
  for (const track of active.own?.getTracks() ?? []) track.stop();
  active.own = null;
}
