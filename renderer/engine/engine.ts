import { publishKind, type LobbyUser, type Member, type PublishKind, type ResponseOf, type RoomMode } from '../../common/protocol';
import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import { Emitter } from './emitter';
import { hasCode, InvalidStateError, UnsupportedError } from './errors';
import { LocalMedia, release, type EngineMedia, type LocalMediaOptions } from './local-media';
import { createLogger } from './log';
import type { MediaSession, MediaSessionFactory } from './media-session';
import { Reconnector } from './reconnector';
import { diffMembers, Roster } from './roster';
import { defaultSessionFactories } from './session-factories';
import { SignalingClient } from './signaling-client';
import type { AnyNotification, WebSocketCtor } from './signaling-types';
import type { RemoteStats } from './stats';
import { tracksFor } from './stream-kinds';
import type { EngineEvents, EngineState, JoinOptions, JoinResult, RoomState } from './types';

const log = createLogger('engine');

/** Options of a conference engine; everything platform-specific can be passed in. */
export interface EngineOptions {
  /** ws:// or wss:// address of the room server. */
  serverUrl: string;
  displayName: string;
  /** STUN/TURN from settings; when absent or empty the server's list (from `hello`) is used. */
  iceServers?: RTCIceServer[];
  /** How devices are opened (getUserMedia, and the bridge's getDisplayMedia with Moim's picker). */
  media: EngineMedia;
  WebSocket?: WebSocketCtor;
  RTCPeerConnection?: typeof RTCPeerConnection;
  MediaStream?: typeof MediaStream;
  /** Requests fail with TIMEOUT after this long (default 10 s). */
  requestTimeoutMs?: number;
  /** Spacing of reconnect attempts (default: 0.5 s doubling to 10 s, half jitter). */
  reconnect?: Partial<BackoffOptions>;
  /** Random source for the jitter (tests pass a fixed one). */
  random?: () => number;
  /** Media session per room mode; merged over the defaults (P2P now, SFU later). */
  sessions?: Partial<Record<RoomMode, MediaSessionFactory>>;
  constraints?: LocalMediaOptions['constraints'];
  screenAudio?: boolean;
}

/** Diagnostics of the engine, apart from the UI's events. */
export interface EngineObserverEvents {
  reconnectattempt: [attempt: number, delayMs: number];
  sessioncreated: [session: MediaSession];
}

type JoinResponse = ResponseOf<'joinRoom'>;
interface RoomRef {
  roomId: string;
  mode: RoomMode;
  role: Member['role'];
}

/**
 * Moim's conference engine (no DOM): one connection to the room server, one room at a time, local devices,
 * and a media session per room that subscribes to every remote feed. Survives connection loss by
 * reconnecting forever (resume, rejoin, republish) until `close()`.
 */
export class ConferenceEngine extends Emitter<EngineEvents> {
  /** Diagnostics for tests and tools; the UI listens to the engine itself. */
  readonly observer = new Emitter<EngineObserverEvents>();
  private readonly options: EngineOptions;
  private readonly local: LocalMedia;
  private readonly roster = new Roster();
  private readonly reconnector: Reconnector;
  private readonly sessions: Partial<Record<RoomMode, MediaSessionFactory>>;
  private client: SignalingClient | null = null;
  private credentials: { peerId: string; secret: string } | null = null;
  private iceServers: RTCIceServer[] = [];
  private sfu = false;
  private currentState: EngineState = 'idle';
  private currentRoomState: RoomState = 'none';
  private room: RoomRef | null = null;
  private session: MediaSession | null = null;
  /** While a joinRoom is in flight, room notifications wait here for the session that will handle them. */
  private buffered: AnyNotification[] | null = null;
  private joinGeneration = 0;
  private connecting: Promise<string> | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(options: EngineOptions) {
    super();
    if (!options || typeof options.serverUrl !== 'string') throw new TypeError('ConferenceEngine() | missing serverUrl');
    if (!options.media) throw new TypeError('ConferenceEngine() | missing media');
    this.options = options;
    this.local = new LocalMedia(options.media, { constraints: options.constraints, screenAudio: options.screenAudio });
    this.sessions = { ...defaultSessionFactories, ...options.sessions };
    this.reconnector = new Reconnector({
      attempt: () => this.reconnectOnce(),
      backoff: { ...DEFAULT_BACKOFF, ...options.reconnect },
      random: options.random,
      onRetry: (attempt, delay) => this.observer.emit('reconnectattempt', attempt, delay),
    });
  }

  /** Connection state. */
  get state(): EngineState {
    return this.currentState;
  }

  /** Room state ('waiting' = reconnected but the room is gone; the engine keeps trying). */
  get roomState(): RoomState {
    return this.currentRoomState;
  }

  /** This peer's id on the current connection (it changes if the server forgot us during a reconnect). */
  get peerId(): string | null {
    return this.credentials?.peerId ?? null;
  }

  /** The room joined (or being rejoined), or null. */
  get roomId(): string | null {
    return this.room?.roomId ?? null;
  }

  /** Whether the server has a media server for 'sfu' and 'broadcast' rooms. */
  get sfuAvailable(): boolean {
    return this.sfu;
  }

  /** The other members of the room, as presence last told. */
  get members(): Member[] {
    return this.roster.list();
  }

  /** What this engine publishes, by kind (the stream opened or passed to `publish`). */
  get localStreams(): Partial<Record<PublishKind, MediaStream>> {
    return this.local.streams();
  }

  /** Connects and says hello; resolves with this peer's id. Rejects (state back to 'idle') if that fails. */
  connect(): Promise<string> {
    this.assertOpen('connect');
    if (this.client && this.credentials && this.currentState === 'connected') return Promise.resolve(this.credentials.peerId);
    if (this.connecting) return this.connecting;
    if (this.currentState === 'reconnecting') return Promise.reject(new InvalidStateError('connect() | already reconnecting'));
    this.setState('connecting');
    this.connecting = this.openConnection()
      .then(
        (peerId) => {
          this.setState('connected');
          return peerId;
        },
        (error: unknown) => {
          if (!this.closed) this.setState('idle');
          throw error;
        },
      )
      .finally(() => (this.connecting = null));
    return this.connecting;
  }

  /** Creates a room; resolves with its id (join it with `joinRoom`). */
  async createRoom(options: { mode: RoomMode }): Promise<string> {
    const { roomId } = await this.requireClient('createRoom').request('createRoom', { mode: options.mode });
    return roomId;
  }

  /** Joins a room: media starts flowing to and from every member; anything already published goes out. */
  async joinRoom(roomId: string, options: JoinOptions = {}): Promise<JoinResult> {
    const client = this.requireClient('joinRoom');
    if (this.room || this.buffered) throw new InvalidStateError(`joinRoom() | already in a room [room:${this.room?.roomId ?? '…'}]`);
    const generation = ++this.joinGeneration;
    this.setRoomState('joining');
    let result: JoinResponse;
    try {
      result = await this.requestJoin(client, roomId, options.role);
    } catch (error) {
      if (generation === this.joinGeneration) this.setRoomState('none');
      throw error;
    }
    if (generation !== this.joinGeneration || this.closed) {
      void client.request('leaveRoom', {}).catch(() => undefined);
      throw new InvalidStateError(`joinRoom() | left before the join completed [room:${roomId}]`);
    }
    try {
      this.enterRoom(client, result, null);
    } catch (error) {
      this.resetRoom();
      this.setRoomState('none');
      void client.request('leaveRoom', {}).catch(() => undefined);
      throw error;
    }
    const { mode, self, viewerCount } = result;
    return { roomId: result.roomId, mode, self, members: this.roster.list(), viewerCount };
  }

  /**
   * Sends `kind`: the given stream, or else the device (camera, mic, or the screen picker; a screen gets
   * contentHint 'detail'). Publishing a kind again replaces its stream. Allowed before joining: it goes out
   * on join. Resolves with the stream sent. A screen share the user ends unpublishes itself.
   */
  publish(kind: PublishKind, stream?: MediaStream): Promise<MediaStream> {
    return this.serial(() => this.publishNow(kind, stream));
  }

  /** Stops sending `kind` and stops the device if the engine opened it; nothing to do if not published. */
  unpublish(kind: PublishKind): Promise<void> {
    return this.serial(() => this.unpublishNow(kind));
  }

  /** Leaves the room: remote media ends, local publishes are stopped. Nothing to do if not in a room. */
  async leaveRoom(): Promise<void> {
    if (!this.room && !this.buffered) return;
    const wasJoined = this.room !== null;
    this.resetRoom();
    for (const kind of this.local.kinds()) {
      release(this.local.take(kind));
      this.emit('localunpublished', kind);
    }
    this.setRoomState('none');
    if (wasJoined) this.emit('roomleft', 'left');
    await this.client?.request('leaveRoom', {}).catch((error: unknown) => log.warn('leaveRoom() | %o', error));
  }

  /** Receive figures of every remote track (inbound-rtp): frames decoded, size, packets, audio level, bytes. */
  getStats(): Promise<RemoteStats[]> {
    return this.session ? this.session.getStats() : Promise.resolve([]);
  }

  /** Disconnects for good: leaves the room, stops devices the engine opened; safe to call twice. */
  close(): void {
    this.shutdown('closed');
  }

  /** Enters the lobby of callable users; later changes arrive as `lobby` events. */
  async enterLobby(): Promise<LobbyUser[]> {
    return (await this.requireClient('enterLobby').request('enterLobby', {})).users;
  }

  /** Leaves the lobby. */
  async leaveLobby(): Promise<void> {
    await this.requireClient('leaveLobby').request('leaveLobby', {});
  }

  /** Calls a user from the lobby; resolves with the call id (then `callringing`, `callaccepted` or `callended`). */
  async invite(peerId: string): Promise<string> {
    return (await this.requireClient('invite').request('invite', { to: peerId })).callId;
  }

  /** Accepts an incoming call; join the returned room to talk. */
  accept(callId: string): Promise<{ callId: string; roomId: string }> {
    return this.requireClient('accept').request('accept', { callId });
  }

  /** Declines an incoming call. */
  async decline(callId: string): Promise<void> {
    await this.requireClient('decline').request('decline', { callId });
  }

  /** Cancels a call this side started, while it rings. */
  async cancel(callId: string): Promise<void> {
    await this.requireClient('cancel').request('cancel', { callId });
  }

  /** Ends an accepted call. */
  async hangUp(callId: string): Promise<void> {
    await this.requireClient('hangUp').request('hangUp', { callId });
  }

  protected override listenerError(event: string, error: unknown): void {
    // A UI bug in one listener surfaces as an engine error (once: never for a throwing `error` listener).
    if (event !== 'error') this.emit('error', toError(error));
  }

  private async openConnection(): Promise<string> {
    const { serverUrl, WebSocket, requestTimeoutMs, displayName } = this.options;
    const client = new SignalingClient({ url: serverUrl, WebSocket, timeoutMs: requestTimeoutMs });
    client.on('notification', (n) => this.onNotification(client, n));
    client.on('close', () => this.onConnectionLost(client));
    try {
      await client.open();
      let hello: ResponseOf<'hello'> | null = null;
      if (this.credentials) {
        try {
          hello = await client.request('hello', { displayName, resume: this.credentials });
        } catch (error) {
          if (hasCode(error, 'CLOSED', 'TIMEOUT', 'RATE_LIMITED')) throw error;
          // The server forgot us (restart) or refused the secret: come back as a new peer.
          log.warn('openConnection() | resume refused (%s), connecting fresh', (error as Error).message);
          this.credentials = null;
        }
      }
      hello ??= await client.request('hello', { displayName });
      if (this.closed) throw new InvalidStateError('connect() | closed while connecting');
      this.client = client;
      this.credentials = { peerId: hello.peerId, secret: hello.secret };
      this.iceServers = this.options.iceServers?.length ? this.options.iceServers : hello.iceServers;
      this.sfu = hello.sfuAvailable;
      log.debug('connected [peer:%s]', hello.peerId);
      return hello.peerId;
    } catch (error) {
      client.close();
      throw error;
    }
  }

  private onConnectionLost(client: SignalingClient): void {
    if (client !== this.client || this.closed) return;
    this.client = null;
    log.warn('connection lost [peer:%s]', this.peerId);
    this.setState('reconnecting');
    this.dropSession();
    this.buffered = null;
    if (this.room) this.setRoomState('rejoining');
    this.reconnector.start();
  }

  /** One reconnect attempt: a connection (resumed if the server still knows us), then the room again. */
  private async reconnectOnce(): Promise<void> {
    if (this.closed) return;
    if (!this.client) {
      await this.openConnection();
      this.setState('connected');
    }
    const room = this.room;
    const client = this.client;
    if (!room || this.session || !client) return;
    const previous = this.roster.list();
    let result: JoinResponse;
    try {
      result = await this.requestJoin(client, room.roomId, room.role);
    } catch (error) {
      // The room is gone (server restart, everyone left): say so and keep trying the same id.
      if (hasCode(error, 'ROOM_NOT_FOUND') && this.room === room) this.setRoomState('waiting');
      throw error;
    }
    if (this.room !== room || this.client !== client) {
      this.buffered = null;
      if (!this.room) void client.request('leaveRoom', {}).catch(() => undefined);
      return;
    }
    this.enterRoom(client, result, previous);
  }

  private async requestJoin(client: SignalingClient, roomId: string, role: JoinOptions['role']): Promise<JoinResponse> {
    this.buffered = [];
    try {
      try {
        return await client.request('joinRoom', { roomId, role });
      } catch (error) {
        if (!hasCode(error, 'ALREADY_IN_ROOM')) throw error;
        // A resumed connection the server still counts as in the room: leave, so the others drop our old media.
        await client.request('leaveRoom', {});
        return await client.request('joinRoom', { roomId, role });
      }
    } catch (error) {
      this.buffered = null;
      throw error;
    }
  }

  /** Builds the media session for a joined room, then replays what arrived meanwhile; `previous` on rejoin. */
  private enterRoom(client: SignalingClient, result: JoinResponse, previous: Member[] | null): void {
    const selfId = result.self.peerId;
    const members = result.members.filter((m) => m.peerId !== selfId);
    const factory = this.sessions[result.mode];
    if (!factory) throw new UnsupportedError(`joinRoom() | this client has no media session for '${result.mode}' rooms`);
    const session = factory({
      selfId,
      roomId: result.roomId,
      mode: result.mode,
      role: result.self.role,
      signaling: client,
      iceServers: this.iceServers,
      RTCPeerConnection: this.options.RTCPeerConnection ?? globalThis.RTCPeerConnection,
      MediaStream: this.options.MediaStream ?? globalThis.MediaStream,
    });
    session.on('track', (remote) => this.emit('track', remote));
    session.on('trackended', (remote) => this.emit('trackended', remote));
    session.on('error', (error) => this.emit('error', error));
    this.room = { roomId: result.roomId, mode: result.mode, role: result.self.role };
    this.session = session;
    this.roster.reset(members);
    this.observer.emit('sessioncreated', session);
    session.start(members, this.local.tracks()).catch((error: unknown) => this.emit('error', toError(error)));
    const buffered = this.buffered ?? [];
    this.buffered = null;
    if (previous) this.emitDiff(previous, members);
    for (const n of buffered) this.handleRoomNotification(n);
    for (const kind of this.local.kinds()) {
      this.announce(kind, true).catch((error: unknown) => this.emit('error', toError(error)));
    }
    this.setRoomState('joined');
  }

  private emitDiff(previous: Member[], members: Member[]): void {
    const diff = diffMembers(previous, members);
    for (const id of diff.left) this.emit('peerleft', id);
    for (const m of diff.joined) this.emit('peerjoined', m);
    for (const [id, kind] of diff.unpublished) this.emit('unpublished', id, kind);
    for (const [id, kind] of diff.published) this.emit('published', id, kind);
  }

  private onNotification(client: SignalingClient, n: AnyNotification): void {
    if (client !== this.client) return;
    switch (n.name) {
      case 'replaced':
        log.warn('replaced by a newer connection with our peer id; closing');
        return this.shutdown('replaced');
      case 'lobbyUsers':
        return void this.emit('lobby', n.data.users);
      case 'incomingCall':
        return void this.emit('incomingcall', n.data);
      case 'callRinging':
        return void this.emit('callringing', n.data.callId);
      case 'callAccepted':
        return void this.emit('callaccepted', n.data);
      case 'callEnded':
        return void this.emit('callended', n.data);
      case 'sessionJoined':
        return void this.emit('sessionjoined', n.data);
      case 'sessionEnded':
        return void this.emit('sessionended', n.data);
    }
    if (this.buffered) this.buffered.push(n);
    else this.handleRoomNotification(n);
  }

  private handleRoomNotification(n: AnyNotification): void {
    if (!this.room) return;
    const selfId = this.peerId;
    switch (n.name) {
      case 'peerJoined': {
        const member = n.data.member;
        if (member.peerId === selfId) return;
        const isNew = this.roster.upsert(member);
        // Someone already here joining again has a new connection: drop the old media first.
        if (!isNew) this.session?.peerLeft(member.peerId);
        this.session?.peerJoined(member);
        if (isNew) this.emit('peerjoined', member);
        return;
      }
      case 'peerLeft':
        this.session?.peerLeft(n.data.peerId);
        if (this.roster.remove(n.data.peerId)) this.emit('peerleft', n.data.peerId);
        return;
      case 'published':
      case 'unpublished':
        if (this.roster.setPublished(n.data.peerId, n.data.kind, n.name === 'published')) {
          this.emit(n.name, n.data.peerId, n.data.kind);
        }
        break;
      case 'viewerCount':
        this.emit('viewercount', n.data.count);
        break;
      case 'activeSpeaker':
        this.emit('activespeaker', n.data.peerId);
        break;
    }
    this.session?.handleNotification(n);
  }

  private async publishNow(kind: PublishKind, given: MediaStream | undefined): Promise<MediaStream> {
    this.assertOpen('publish');
    if (!publishKind.safeParse(kind).success) throw new TypeError(`publish() | unknown kind '${String(kind)}'`);
    const stream = given ?? (await this.local.open(kind));
    const owned = given === undefined;
    const stopIfOwned = () => owned && stream.getTracks().forEach((t) => t.stop());
    if (tracksFor(kind, stream.getTracks()).length === 0) {
      stopIfOwned();
      throw new TypeError(`publish() | the stream has no ${kind === 'mic' ? 'audio' : 'video'} track for '${kind}'`);
    }
    if (this.closed) {
      stopIfOwned();
      throw new InvalidStateError('publish() | closed while opening the device');
    }
    if (kind === 'screen') for (const t of stream.getTracks()) if (t.kind === 'video') t.contentHint = 'detail';
    const { entry, previous } = this.local.set(kind, stream, owned, () => this.onLocalEnded(kind, stream));
    const session = this.session;
    try {
      if (session) {
        await session.publish(kind, entry.tracks);
        await this.announce(kind, true);
      }
    } catch (error) {
      // Undo: the previous stream (if any) goes back on the wire, the new one is released.
      if (previous) this.local.restore(kind, previous, () => this.onLocalEnded(kind, previous.stream));
      else this.local.take(kind);
      release(entry);
      if (session && session === this.session) {
        await (previous ? session.publish(kind, previous.tracks) : session.unpublish(kind)).catch(() => undefined);
      }
      throw error;
    }
    if (previous && previous.stream !== stream) release(previous);
    this.emit('localpublished', kind, stream);
    return stream;
  }

  private async unpublishNow(kind: PublishKind): Promise<void> {
    if (this.closed) return;
    const entry = this.local.take(kind);
    if (!entry) return;
    await this.session?.unpublish(kind).catch((error: unknown) => log.warn('unpublish() | session: %o', error));
    release(entry);
    await this.announce(kind, false).catch((error: unknown) => log.warn('unpublish() | setPublished: %o', error));
    this.emit('localunpublished', kind);
  }

  private onLocalEnded(kind: PublishKind, stream: MediaStream): void {
    if (this.local.get(kind)?.stream !== stream) return;
    this.unpublish(kind).catch((error: unknown) => log.warn('onLocalEnded() | %o', error));
  }

  /** Tells the room what we publish; a dropped connection is not a failure (the rejoin announces again). */
  private async announce(kind: PublishKind, published: boolean): Promise<void> {
    const client = this.client;
    if (!client || !this.session) return;
    try {
      await client.request('setPublished', { kind, published });
    } catch (error) {
      if (!hasCode(error, 'CLOSED', 'TIMEOUT')) throw error;
      log.warn('announce() | %s %s not sent: %s', kind, published, (error as Error).message);
    }
  }

  private shutdown(reason: 'closed' | 'replaced'): void {
    if (this.closed) return;
    this.closed = true;
    this.reconnector.stop();
    const wasInRoom = this.room !== null;
    this.resetRoom();
    for (const kind of this.local.kinds()) release(this.local.take(kind));
    const client = this.client;
    this.client = null;
    client?.close();
    this.setRoomState('none');
    if (wasInRoom) this.emit('roomleft', reason);
    this.setState('closed');
  }

  private resetRoom(): void {
    this.joinGeneration++;
    this.room = null;
    this.buffered = null;
    this.dropSession();
    this.roster.reset([]);
  }

  private dropSession(): void {
    const session = this.session;
    this.session = null;
    session?.close();
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task, task);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private requireClient(method: string): SignalingClient {
    this.assertOpen(method);
    if (!this.client) throw new InvalidStateError(`${method}() | not connected (state: ${this.currentState})`);
    return this.client;
  }

  private assertOpen(method: string): void {
    if (this.closed) throw new InvalidStateError(`${method}() | the engine is closed`);
  }

  private setState(state: EngineState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.emit('statechange', state);
  }

  private setRoomState(state: RoomState): void {
    if (state === this.currentRoomState) return;
    this.currentRoomState = state;
    this.emit('roomstate', state);
  }
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
