import type { LobbyUser, Member, PublishKind, RequestOf, ResponseOf, RoomMode } from '../../common/protocol';
import { AudioSessions, type JoinSessionResult } from './audio-session';
import { EngineConnection } from './engine-connection';
import type { EngineObserverEvents, EngineOptions } from './engine-options';
import { Emitter } from './emitter';
import { InvalidStateError, toError, UnsupportedError } from './errors';
import { LobbyRoster } from './lobby-roster';
import { LocalMedia } from './local-media';
import { createLogger } from './log';
import { Publisher } from './publisher';
import { RoomExtras } from './room-extras';
import { RoomMembership } from './room-membership';
import { createRoomStats } from './stats-sampler';
import { routeDirectNotification } from './direct-notifications';
import { defaultSessionFactories } from './session-factories';
import type { SignalingClient } from './signaling-client';
import type { AnyNotification } from './signaling-types';
import type { RemoteStats } from './stats';
import type { CreatedRoom, EngineEvents, EngineState, JoinOptions, JoinResult, MediaRepair, RoomState } from './types';
const log = createLogger('core');

/**
 * Moim's conference engine (no DOM): one server connection, one room at a time, local devices, a media session
 * per room subscribing to every remote feed. It reconnects until `close()`: resumed, the session carries on and
 * presence re-syncs; else it rejoins as a new peer. EngineConnection, RoomMembership and RoomExtras do the work.
 */
export class ConferenceEngine extends Emitter<EngineEvents> {
  /** Diagnostics for tests and tools; the UI listens to the engine itself. */
  readonly observer = new Emitter<EngineObserverEvents>();
  private readonly connection: EngineConnection;
  private readonly membership: RoomMembership;
  private readonly publisher: Publisher;
  private readonly lobby = new LobbyRoster();
  /** The device audio session (answer-only), apart from rooms. */
  private readonly audio: AudioSessions;
  /** Every stream's figures, sampled each second while in a room (stats panel, quality indicator). */
  readonly health = createRoomStats(this, () => ({ session: this.membership.session, local: this.publisher.local }));
  /** The room's recording, hands, reactions and chat. */
  readonly extras = new RoomExtras({ client: (m) => this.requireClient(m), emit: (e, ...a) => this.emit(e, ...a) });

  constructor(options: EngineOptions) {
    super();
    if (!options?.serverUrl) throw new TypeError('ConferenceEngine() | missing serverUrl');
    if (!options.media) throw new TypeError('ConferenceEngine() | missing media');
    const webrtc = () => ({
      iceServers: this.connection.iceServers,
      RTCPeerConnection: options.RTCPeerConnection ?? globalThis.RTCPeerConnection,
      MediaStream: options.MediaStream ?? globalThis.MediaStream,
    });
    const local = new LocalMedia(options.media, options);
    this.connection = new EngineConnection(options, {
      notification: (_client, n) => this.onNotification(n),
      stateChanged: (state) => this.emit('statechange', state),
      disconnected: () => (this.membership.disconnected(), this.audio.disconnected()),
      reconnecting: () => this.membership.reconnecting(),
      reconnected: (client, resumed, before) => {
        this.audio.reconnected(client, resumed);
        if (!resumed && this.membership.session)
          log.warn('reconnect | came back as a new peer [was:%s, now:%s]', before, this.peerId);
        this.membership.reconnected(client, resumed);
      },
      restore: () => this.restoreRoom(),
      reconnectAttempt: (attempt, delay) => this.observer.emit('reconnectattempt', attempt, delay),
      networkReturned: () => this.membership.session?.networkReturned?.(),
    });
    this.membership = new RoomMembership({
      emit: (event, ...args) => this.emit(event, ...args),
      factories: { ...defaultSessionFactories, ...options.sessions },
      mediaContext: webrtc,
      local,
      sessionCreated: (session) => this.observer.emit('sessioncreated', session),
      client: () => this.connection.client,
      entered: (extras) => this.extras.reset(extras),
    });
    this.publisher = new Publisher(local, {
      session: () => this.membership.session,
      announce: (kind, published) => this.membership.announce(this.connection.client, kind, published),
      isClosed: () => this.connection.closed,
      published: (kind, stream) => this.emit('localpublished', kind, stream),
      unpublished: (kind) => this.emit('localunpublished', kind),
    });
    this.audio = new AudioSessions({
      events: this,
      linkContext: webrtc,
      microphone: {
        current: () => local.get('mic')?.tracks[0] ?? null,
        open: () => local.open('mic'),
        release: () => this.publisher.unpublish('mic'),
      },
      inRoom: () => this.membership.room !== null,
    });
  }

  /** Connection state. */
  get state(): EngineState {
    return this.connection.state;
  }
  /** Room state ('waiting' = reconnected but the room is gone; the engine keeps trying). */
  get roomState(): RoomState {
    return this.membership.state;
  }

  /** This peer's id on the current connection (a new one if the server forgot us while we were away). */
  get peerId(): string | null {
    return this.connection.peerId;
  }

  /** The room joined (or being rejoined), or null. */
  get roomId(): string | null {
    return this.membership.room?.roomId ?? null;
  }

  /** Whether the server has a media server for 'sfu' and 'broadcast' rooms. */
  get sfuAvailable(): boolean {
    return this.connection.sfuAvailable;
  }

  /** The other members of the room, as presence last told. */
  get members(): Member[] {
    return this.membership.members();
  }

  /** What this engine publishes, by kind (the stream opened or passed to `publish`). */
  get localStreams(): Partial<Record<PublishKind, MediaStream>> {
    return this.publisher.local.streams();
  }

  /** Connects and says hello; resolves with this peer's id. Rejects (state back to 'idle') if that fails. */
  connect(): Promise<string> {
    return this.connection.connect();
  }

  /** Creates a room; resolves with its id and key (join with both to present in a broadcast). */
  createRoom(options: { mode: RoomMode }): Promise<CreatedRoom> {
    return this.requireClient('createRoom').request('createRoom', { mode: options.mode });
  }

  /** Joins a room: media starts flowing to and from every member; anything already published goes out. */
  async joinRoom(roomId: string, options: JoinOptions = {}): Promise<JoinResult> {
    const client = this.requireClient('joinRoom');
    return this.membership.join(client, roomId, options, () => this.connection.client === client);
  }

  /**
   * Sends `kind`: the given stream, or else the device (camera, mic, screen picker). Again replaces it (no
   * renegotiation). Before joining it goes out on join. A screen share the user ends unpublishes itself.
   */
  publish(kind: PublishKind, stream?: MediaStream): Promise<MediaStream> {
    return this.publisher.publish(kind, stream);
  }

  /** The running screen share: its content profile ('text' | 'motion') and pause, applied without renegotiation. */
  get screen() {
    return this.publisher.screen;
  }

  /** Stops sending `kind`, and stops the device if the engine opened it; nothing to do if not published. */
  unpublish(kind: PublishKind): Promise<void> {
    return this.publisher.unpublish(kind);
  }

  /** Leaves the room: remote media ends, local publishes stop. Nothing to do if not in a room. */
  async leaveRoom(): Promise<void> {
    if (!this.membership.busy) return;
    const wasJoined = this.membership.room !== null;
    this.membership.reset();
    this.publisher.releaseAll(true);
    if (wasJoined) this.emit('roomleft', 'left');
    await this.connection.client
      ?.request('leaveRoom', {})
      .catch((error: unknown) => log.warn('leaveRoom() | %o', error));
  }

  /** Receive figures of every remote track (inbound-rtp): frames decoded, size, packets, audio level, bytes. */
  async getStats(): Promise<RemoteStats[]> {
    return (await Promise.all([this.membership.session?.getStats() ?? [], this.audio.getStats()])).flat();
  }

  /** How wide (device pixels) `peerId`'s `kind` video is shown: SFU rooms then forward the layer that fits. */
  setVideoSize(peerId: string, kind: PublishKind, width: number): void {
    this.membership.session?.setVideoSize?.(peerId, kind, width);
  }

  /** Repairs the room's media on request (the kiosk watchdog): consume everything again, or new transports. */
  repairMedia(step: MediaRepair): void {
    this.membership.session?.repair?.(step);
  }

  /** SFU rooms: receive `peerId`'s `kind` video at this spatial layer (0 = smallest) until told otherwise. */
  async setPreferredLayers(peerId: string, kind: PublishKind, spatialLayer: number, temporal?: number): Promise<void> {
    const session = this.membership.session;
    if (!session) throw new InvalidStateError('setPreferredLayers() | not in a room');
    if (!session.setPreferredLayers) throw new UnsupportedError('setPreferredLayers() | only SFU rooms have layers');
    await session.setPreferredLayers(peerId, kind, spatialLayer, temporal);
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
   * Joins a device's audio session (id + token), then only answers its offers with the microphone (the
   * published one, else opened); its audio arrives as a `track`. FORBIDDEN for a wrong, expired or taken token.
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

  /** The rest of a reconnect attempt once connected: the room again. */
  private async restoreRoom(): Promise<void> {
    const client = this.connection.client;
    if (client) await this.membership.restore(client, () => this.connection.client === client);
  }

  private onNotification(n: AnyNotification): void {
    const direct = routeDirectNotification(n, {
      emit: (event, ...args) => this.emit(event, ...args),
      lobby: this.lobby,
      audio: this.audio,
      replaced: () => {
        log.warn('replaced by a newer connection with our peer id; closing');
        this.shutdown('replaced');
      },
    });
    if (!direct && !this.extras.handle(n)) this.membership.handle(n, this.peerId);
  }

  private shutdown(reason: 'closed' | 'replaced'): void {
    if (!this.connection.beginClose()) return;
    this.audio.close();
    const wasInRoom = this.membership.room !== null;
    this.membership.reset();
    this.publisher.releaseAll(false);
    if (wasInRoom) this.emit('roomleft', reason);
    this.connection.finishClose();
  }

  private requireClient(method: string): SignalingClient {
    return this.connection.require(method);
  }
}
