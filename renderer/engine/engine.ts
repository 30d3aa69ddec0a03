import type { LobbyUser, Member, PublishKind, RequestOf, ResponseOf, RoomMode } from '../../common/protocol';
import { AudioSessions, type JoinSessionResult } from './audio-session';
import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import { Connector, type Credentials } from './connector';
import { Emitter } from './emitter';
import { hasCode, InvalidStateError, UnsupportedError } from './errors';
import { LobbyRoster } from './lobby-roster';
import { LocalMedia, type EngineMedia, type LocalMediaOptions } from './local-media';
import { createLogger } from './log';
import type { MediaSession, MediaSessionFactory } from './media-session';
import { Presence } from './presence';
import { Publisher } from './publisher';
import { Reconnector } from './reconnector';
import { joinOrReplace, joinRequest, recreateLostRoom, type RoomRef } from './room-entry';
import { defaultSessionFactories } from './session-factories';
import { SignalingRelay } from './signaling-relay';
import type { SignalingClient } from './signaling-client';
import type { AnyNotification, WebSocketCtor } from './signaling-types';
import type { RemoteStats } from './stats';
import type { CreatedRoom, EngineEvents, EngineState, JoinOptions, JoinResult, RoomState } from './types';

const log = createLogger('core');

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
  /** Spacing of reconnect attempts (default: 0.5 s doubling to 10 s, half of it jitter). */
  reconnect?: Partial<BackoffOptions>;
  /** Random source for the jitter (tests pass a fixed one). */
  random?: () => number;
  /** Media session per room mode, merged over the defaults (P2P now; SFU and broadcast later). */
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

/**
 * Moim's conference engine (no DOM): one connection to the room server, one room at a time, local devices,
 * and a media session per room that subscribes to every remote feed. When the connection drops it reconnects
 * forever until `close()`: if the server still knows us (resume) the media session and its peer connections
 * carry on untouched and only presence is re-synced; otherwise it rejoins as a new peer with a new session.
 */
export class ConferenceEngine extends Emitter<EngineEvents> {
  /** Diagnostics for tests and tools; the UI listens to the engine itself. */
  readonly observer = new Emitter<EngineObserverEvents>();
  private readonly options: EngineOptions;
  private readonly connector: Connector;
  private readonly publisher: Publisher;
  private readonly lobby = new LobbyRoster();
  private readonly presence = new Presence((event, ...args) => this.emit(event, ...args));
  private readonly reconnector: Reconnector;
  private readonly sessions: Partial<Record<RoomMode, MediaSessionFactory>>;
  private client: SignalingClient | null = null;
  private credentials: Credentials | null = null;
  private iceServers: RTCIceServer[] = [];
  private sfu = false;
  private currentState: EngineState = 'idle';
  private currentRoomState: RoomState = 'none';
  private room: RoomRef | null = null;
  private session: MediaSession | null = null;
  /** The session's signaling: it survives connections so a resumed reconnect keeps the session. */
  private relay: SignalingRelay | null = null;
  /** While a join is in flight, room notifications wait here for the session that will handle them. */
  private buffered: AnyNotification[] | null = null;
  private joinGeneration = 0;
  private connecting: Promise<string> | null = null;
  private closed = false;
  /** The device audio session (answer-only), apart from rooms. */
  private readonly audio = new AudioSessions({
    events: this,
    linkContext: () => ({
      iceServers: this.iceServers,
      RTCPeerConnection: this.options.RTCPeerConnection ?? globalThis.RTCPeerConnection,
      MediaStream: this.options.MediaStream ?? globalThis.MediaStream,
    }),
    microphone: {
      current: () => this.publisher.local.get('mic')?.tracks[0] ?? null,
      open: () => this.publisher.local.open('mic'),
      release: () => this.publisher.unpublish('mic'),
    },
    inRoom: () => this.room !== null,
  });

  constructor(options: EngineOptions) {
    super();
    if (typeof options?.serverUrl !== 'string') throw new TypeError('ConferenceEngine() | missing serverUrl');
    if (!options.media) throw new TypeError('ConferenceEngine() | missing media');
    this.options = options;
    const { serverUrl, displayName, WebSocket, requestTimeoutMs: timeoutMs } = options;
    this.connector = new Connector({ serverUrl, displayName, WebSocket, timeoutMs });
    this.sessions = { ...defaultSessionFactories, ...options.sessions };
    this.publisher = new Publisher(new LocalMedia(options.media, options), {
      session: () => this.session,
      announce: (kind, published) => this.announce(kind, published),
      isClosed: () => this.closed,
      published: (kind, stream) => this.emit('localpublished', kind, stream),
      unpublished: (kind) => this.emit('localunpublished', kind),
    });
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

  /** This peer's id on the current connection (a new one if the server forgot us while we were away). */
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
    return this.presence.list();
  }

  /** What this engine publishes, by kind (the stream opened or passed to `publish`). */
  get localStreams(): Partial<Record<PublishKind, MediaStream>> {
    return this.publisher.local.streams();
  }

  /** Connects and says hello; resolves with this peer's id. Rejects (state back to 'idle') if that fails. */
  connect(): Promise<string> {
    this.assertOpen('connect');
    if (this.client && this.credentials) return Promise.resolve(this.credentials.peerId);
    if (this.connecting) return this.connecting;
    if (this.currentState === 'reconnecting') return Promise.reject(new InvalidStateError('connect() | reconnecting'));
    this.setState('connecting');
    const connecting = this.openConnection().then(
      () => {
        this.setState('connected');
        return this.credentials?.peerId ?? '';
      },
      (error: unknown) => {
        if (!this.closed) this.setState('idle');
        throw error;
      },
    );
    this.connecting = connecting;
    void connecting.catch(() => undefined).finally(() => (this.connecting = null));
    return connecting;
  }

  /** Creates a room; resolves with its id and key (join with both to present in a broadcast). */
  createRoom(options: { mode: RoomMode }): Promise<CreatedRoom> {
    return this.requireClient('createRoom').request('createRoom', { mode: options.mode });
  }

  /** Joins a room: media starts flowing to and from every member; anything already published goes out. */
  async joinRoom(roomId: string, options: JoinOptions = {}): Promise<JoinResult> {
    const client = this.requireClient('joinRoom');
    if (this.room || this.buffered) throw new InvalidStateError(`joinRoom() | already in a room [room:${roomId}]`);
    const generation = ++this.joinGeneration;
    this.setRoomState('joining');
    let result: JoinResponse;
    try {
      result = await this.requestJoin(client, joinRequest({ roomId, ...options }));
    } catch (error) {
      if (generation === this.joinGeneration) this.setRoomState('none');
      throw error;
    }
    try {
      if (generation !== this.joinGeneration || this.client !== client) {
        throw new InvalidStateError(`joinRoom() | left or disconnected before the join completed [room:${roomId}]`);
      }
      const { role, presenterKey = result.presenterKey } = options;
      this.enterRoom(client, result, { roomId: result.roomId, mode: result.mode, role, presenterKey }, false);
    } catch (error) {
      if (generation === this.joinGeneration) this.resetRoom();
      void client.request('leaveRoom', {}).catch(() => undefined);
      throw error;
    }
    const { mode, self, viewerCount } = result;
    return { roomId: result.roomId, mode, self, members: this.presence.list(), viewerCount };
  }

  /**
   * Sends `kind`: the given stream, or else the device (camera, mic, or the screen picker; a screen gets
   * contentHint 'detail'). Publishing a kind again replaces its stream. Allowed before joining: it goes out
   * on join. Resolves with the stream sent. A screen share the user ends unpublishes itself.
   */
  publish(kind: PublishKind, stream?: MediaStream): Promise<MediaStream> {
    return this.publisher.publish(kind, stream);
  }

  /** Stops sending `kind`, and stops the device if the engine opened it; nothing to do if not published. */
  unpublish(kind: PublishKind): Promise<void> {
    return this.publisher.unpublish(kind);
  }

  /** Leaves the room: remote media ends, local publishes stop. Nothing to do if not in a room. */
  async leaveRoom(): Promise<void> {
    if (!this.room && !this.buffered) return;
    const wasJoined = this.room !== null;
    this.resetRoom();
    this.publisher.releaseAll(true);
    if (wasJoined) this.emit('roomleft', 'left');
    await this.client?.request('leaveRoom', {}).catch((error: unknown) => log.warn('leaveRoom() | %o', error));
  }

  /** Receive figures of every remote track (inbound-rtp): frames decoded, size, packets, audio level, bytes. */
  async getStats(): Promise<RemoteStats[]> {
    const [room, device] = await Promise.all([this.session?.getStats() ?? [], this.audio.getStats()]);
    return [...room, ...device];
  }

  /**
   * Tells the engine how wide (device pixels) `peerId`'s `kind` video is shown: in an SFU room the server then
   * forwards the simulcast layer that fits. Nothing happens in other rooms or when not in a room.
   */
  setVideoSize(peerId: string, kind: PublishKind, width: number): void {
    this.session?.setVideoSize?.(peerId, kind, width);
  }

  /** SFU rooms: receive `peerId`'s `kind` video at this spatial layer (0 = smallest) until told otherwise. */
  async setPreferredLayers(
    peerId: string,
    kind: PublishKind,
    spatialLayer: number,
    temporalLayer?: number,
  ): Promise<void> {
    const session = this.session;
    if (!session) throw new InvalidStateError('setPreferredLayers() | not in a room');
    if (!session.setPreferredLayers) throw new UnsupportedError('setPreferredLayers() | only SFU rooms have layers');
    await session.setPreferredLayers(peerId, kind, spatialLayer, temporalLayer);
  }

  /** A page of the broadcast's viewers (presenters only; FORBIDDEN for viewers): pass `next` as `after`. */
  listViewers(page: RequestOf<'listViewers'> = {}): Promise<ResponseOf<'listViewers'>> {
    return this.requireClient('listViewers').request('listViewers', page);
  }

  /** Disconnects for good: leaves the room, stops the devices the engine opened; safe to call twice. */
  close(): void {
    this.shutdown('closed');
  }

  /** Enters the lobby of callable users; later changes arrive as `lobby` events. */
  async enterLobby(): Promise<LobbyUser[]> {
    return this.lobby.reset((await this.requireClient('enterLobby').request('enterLobby', {})).users);
  }

  /** Leaves the lobby. */
  async leaveLobby(): Promise<void> {
    await this.requireClient('leaveLobby').request('leaveLobby', {});
    this.lobby.reset([]);
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

  /**
   * Joins a device's audio session with its id and token, then only answers: the device's offers are answered
   * with the microphone (the published one, else the engine opens it), its audio arrives as a `track`.
   * Rejects with FORBIDDEN for a wrong, expired or taken token.
   */
  joinSession(sessionId: string, token: string): Promise<JoinSessionResult> {
    return this.audio.join(this.requireClient('joinSession'), sessionId, token);
  }

  /** Keeps a device audio session past the server's idle limit. */
  heartbeat(sessionId: string): Promise<void> {
    return this.audio.heartbeat(this.requireClient('heartbeat'), sessionId);
  }

  /** Ends a device audio session for both sides (`sessionended` with 'ended' follows). */
  endSession(sessionId: string): Promise<void> {
    return this.audio.end(this.requireClient('endSession'), sessionId);
  }

  protected override listenerError(event: string, error: unknown): void {
    // A throwing UI listener surfaces as an engine error (but a throwing `error` listener can't loop).
    if (event !== 'error') this.emit('error', toError(error));
  }

  private async openConnection(): Promise<SignalingClient> {
    const { client, hello } = await this.connector.connect(
      this.credentials,
      (c) => {
        c.on('notification', (n) => this.onNotification(c, n));
        c.on('close', () => this.onConnectionLost(c));
      },
      () => this.closed,
    );
    if (this.closed) {
      client.close();
      throw new InvalidStateError('connect() | closed while connecting');
    }
    this.client = client;
    this.credentials = { peerId: hello.peerId, secret: hello.secret };
    this.iceServers = this.options.iceServers?.length ? this.options.iceServers : hello.iceServers;
    this.sfu = hello.sfuAvailable;
    return client;
  }

  private onConnectionLost(client: SignalingClient): void {
    if (client !== this.client || this.closed) return;
    log.warn('connection lost [peer:%s]', this.peerId);
    this.client = null;
    this.buffered = null;
    // Media between peers doesn't need the server: keep it flowing, hold the session's requests.
    this.relay?.detach();
    this.audio.disconnected();
    this.setState('reconnecting');
    if (this.room) this.setRoomState('rejoining');
    this.reconnector.start();
  }

  /** One reconnect attempt: a connection (resumed if the server still knows us), then the room again. */
  private async reconnectOnce(): Promise<void> {
    if (this.closed) return;
    if (!this.client) {
      const before = this.peerId;
      const client = await this.openConnection();
      this.audio.reconnected(client, this.peerId === before);
      if (this.peerId === before && this.relay) {
        this.relay.attach(client);
      } else if (this.session) {
        // A new identity: the server released our seat and our peers dropped their connections to us.
        log.warn('reconnect | came back as a new peer [was:%s, now:%s]', before, this.peerId);
        this.dropSession();
      }
      this.setState('connected');
    }
    const { room, client } = this;
    if (!room || !client) return;
    try {
      if (this.session) await this.resync(client, room);
      else await this.rejoin(client, room);
    } catch (error) {
      // The room is gone (server restart, everyone left): say so, and keep trying the same id.
      if (hasCode(error, 'ROOM_NOT_FOUND') && this.room === room) {
        this.dropSession();
        this.setRoomState('waiting');
      }
      throw error;
    }
  }

  /** After a resumed reconnect: the same session carries on; presence and our announcements are re-synced. */
  private async resync(client: SignalingClient, room: RoomRef): Promise<void> {
    // Joining the room we are in returns a fresh snapshot.
    const result = await client.request('joinRoom', joinRequest(room));
    const session = this.session;
    if (this.room !== room || this.client !== client || !session)
      throw new InvalidStateError('resync() | changed meanwhile');
    // The server leaves the caller out of `members` (room.ts snapshotFor): the one place that filters it.
    this.presence.reset(result.members, true, session);
    const local = this.publisher.local.kinds();
    for (const kind of local) if (!result.self.published.includes(kind)) void this.announceSafely(kind, true);
    for (const kind of result.self.published) if (!local.includes(kind)) void this.announceSafely(kind, false);
    session.resumed?.();
    this.setRoomState('joined');
  }

  /**
   * After a reconnect as a new peer (or a room that came back): join again with a new session. A room the
   * server lost (a restart) is re-created under its id by a key holder, so a kiosk and its presenter meet again.
   */
  private async rejoin(client: SignalingClient, room: RoomRef): Promise<void> {
    const result = await this.requestJoin(client, joinRequest(room)).catch(async (error: unknown) => {
      await recreateLostRoom(client, room, error);
      return this.requestJoin(client, joinRequest(room));
    });
    if (this.room !== room || this.client !== client) {
      if (!this.room) void client.request('leaveRoom', {}).catch(() => undefined);
      throw new InvalidStateError('rejoin() | the room or connection changed meanwhile');
    }
    this.enterRoom(client, result, room, true);
  }

  /** Joins (see joinOrReplace) while room notifications wait in `buffered` for the session being built. */
  private async requestJoin(client: SignalingClient, request: RequestOf<'joinRoom'>): Promise<JoinResponse> {
    this.buffered = [];
    try {
      return await joinOrReplace(client, request);
    } catch (error) {
      this.buffered = null;
      throw error;
    }
  }

  /** Builds the media session of a joined room, then replays the notifications that arrived meanwhile. */
  private enterRoom(client: SignalingClient, result: JoinResponse, room: RoomRef, rejoin: boolean): void {
    const factory = this.sessions[result.mode];
    if (!factory)
      throw new UnsupportedError(`joinRoom() | this client has no media session for '${result.mode}' rooms`);
    const selfId = result.self.peerId;
    const { members } = result;
    const relay = new SignalingRelay(client);
    const session = factory({
      selfId,
      roomId: result.roomId,
      mode: result.mode,
      role: result.self.role,
      signaling: relay,
      iceServers: this.iceServers,
      RTCPeerConnection: this.options.RTCPeerConnection ?? globalThis.RTCPeerConnection,
      MediaStream: this.options.MediaStream ?? globalThis.MediaStream,
    });
    session.on('track', (remote) => this.emit('track', remote));
    session.on('trackended', (remote) => this.emit('trackended', remote));
    session.on('error', (error) => this.emit('error', error));
    this.room = room;
    this.session = session;
    this.relay = relay;
    this.observer.emit('sessioncreated', session);
    this.presence.reset(members, rejoin);
    session.start(members, this.publisher.local.tracks()).catch((error: unknown) => this.emit('error', toError(error)));
    const buffered = this.buffered ?? [];
    this.buffered = null;
    for (const n of buffered) this.presence.handle(n, selfId, session);
    for (const kind of this.publisher.local.kinds()) void this.announceSafely(kind, true);
    this.setRoomState('joined');
  }

  private onNotification(client: SignalingClient, n: AnyNotification): void {
    if (client !== this.client) return;
    switch (n.name) {
      case 'replaced':
        log.warn('replaced by a newer connection with our peer id; closing');
        return this.shutdown('replaced');
      case 'lobbyUserJoined':
      case 'lobbyUserLeft':
      case 'lobbyUserChanged':
        return void this.emit('lobby', this.lobby.apply(n));
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
        return this.audio.onEnded(n.data);
      case 'signal':
        if (this.audio.handleSignal(n.data)) return;
    }
    if (this.buffered) this.buffered.push(n);
    else if (this.room) this.presence.handle(n, this.peerId, this.session);
  }

  /** Tells the room what we publish; a dropped connection is not a failure (the rejoin announces again). */
  private async announce(kind: PublishKind, published: boolean): Promise<void> {
    const client = this.client;
    if (!client || !this.session) return;
    try {
      await client.request('setPublished', { kind, published });
    } catch (error) {
      if (!hasCode(error, 'CLOSED', 'TIMEOUT')) throw error;
      log.warn('announce() | %s=%s not sent: %s', kind, published, (error as Error).message);
    }
  }

  /** `announce` for re-syncs, where a refusal is reported as an `error` event rather than thrown. */
  private async announceSafely(kind: PublishKind, published: boolean): Promise<void> {
    await this.announce(kind, published).catch((error: unknown) => this.emit('error', toError(error)));
  }

  private shutdown(reason: 'closed' | 'replaced'): void {
    if (this.closed) return;
    this.closed = true;
    this.reconnector.stop();
    this.audio.close();
    const wasInRoom = this.room !== null;
    this.resetRoom();
    this.publisher.releaseAll(false);
    const client = this.client;
    this.client = null;
    client?.close();
    if (wasInRoom) this.emit('roomleft', reason);
    this.setState('closed');
  }

  private resetRoom(): void {
    this.joinGeneration++;
    this.room = null;
    this.buffered = null;
    this.dropSession();
    this.presence.clear();
    this.setRoomState('none');
  }

  private dropSession(): void {
    const session = this.session;
    this.session = null;
    this.relay?.discard();
    this.relay = null;
    session?.close();
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
