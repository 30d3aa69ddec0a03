import type { PublishKind, RequestOf, ResponseOf, RoomExtras, RoomMode } from '../../common/protocol';
import { backoffDelay } from './backoff';
import { hasCode, InvalidStateError, toError } from './errors';
import type { LocalMedia } from './local-media';
import { createLogger } from './log';
import type { MediaSession, MediaSessionContext, MediaSessionFactory } from './media-session';
import { Presence } from './presence';
import { announcePublished, joinOpening, joinOrReplace, joinRequest, recreateLostRoom } from './room-entry';
import type { RoomRef } from './room-entry';
import type { SignalingClient } from './signaling-client';
import { buildRoomSession } from './room-session-builder';
import type { SignalingRelay } from './signaling-relay';
import type { AnyNotification } from './signaling-types';
import type { EngineEvents, JoinOptions, JoinResult, RoomState } from './types';

const log = createLogger('core');
/** How long joinRoom waits at most for the media session's first requests to be out (see join()). */
const FIRST_REQUESTS_WAIT_MS = 100;

type JoinResponse = ResponseOf<'joinRoom'>;

/** What a room membership needs from the engine around it. */
export interface RoomMembershipContext {
  emit<K extends keyof EngineEvents>(event: K, ...args: EngineEvents[K]): void;
  /** Media session per room mode. */
  factories: Partial<Record<RoomMode, MediaSessionFactory>>;
  /** ICE servers and WebRTC constructors for a new media session. */
  mediaContext(): Pick<MediaSessionContext, 'iceServers' | 'RTCPeerConnection' | 'MediaStream'>;
  /** What this peer publishes, sent into every new session. */
  local: Pick<LocalMedia, 'tracks' | 'kinds'>;
  sessionCreated(session: MediaSession): void;
  /** The engine's open signaling client, or null while disconnected (for a rejoin the media ladder asks for). */
  client(): SignalingClient | null;
  /** The room's extras from a join snapshot; none on leaving. */
  entered(extras?: RoomExtras): void;
}

/**
 * The engine's room: the join state machine, the media session of the room joined, presence, and getting back in
 * after a reconnect — resumed (same session, presence re-synced) or as a new peer (a new session, rejoined).
 */
export class RoomMembership {
  private readonly presence: Presence;
  private currentRoom: RoomRef | null = null;
  private currentSession: MediaSession | null = null;
  /** The session's signaling: it survives connections so a resumed reconnect keeps the session. */
  private relay: SignalingRelay | null = null;
  /** While a join is in flight, room notifications wait here for the session that will handle them. */
  private buffered: AnyNotification[] | null = null;
  private joinGeneration = 0;
  private currentState: RoomState = 'none';
  /** The session said its media is down: the UI shows "Reconnecting…" until it is back. */
  private mediaDown = false;

  constructor(private readonly context: RoomMembershipContext) {
    this.presence = new Presence(context.emit);
  }

  /** The room joined (or being rejoined), or null. */
  get room(): RoomRef | null {
    return this.currentRoom;
  }

  /** The media session of the room, or null. */
  get session(): MediaSession | null {
    return this.currentSession;
  }

  /** Room state ('waiting' = reconnected but the room is gone; the engine keeps trying). */
  get state(): RoomState {
    return this.currentState;
  }

  /** Whether a room is joined or a join is in flight. */
  get busy(): boolean {
    return this.currentRoom !== null || this.buffered !== null;
  }

  /** The other members of the room, as presence last told. */
  members(): ReturnType<Presence['list']> {
    return this.presence.list();
  }

  /** Joins a room over `client`; `stillCurrent` says whether the connection is still the engine's. */
  async join(
    client: SignalingClient,
    roomId: string,
    options: JoinOptions,
    stillCurrent: () => boolean,
  ): Promise<JoinResult> {
    if (this.busy) throw new InvalidStateError(`joinRoom() | already in a room [room:${roomId}]`);
    const generation = ++this.joinGeneration;
    this.setState('joining');
    let result: JoinResponse;
    try {
      const request = joinRequest({ roomId, ...options });
      result = await joinOpening(client, roomId, options.token, () => this.requestJoin(client, request));
    } catch (error) {
      if (generation === this.joinGeneration) this.setState('none');
      throw error;
    }
    try {
      if (generation !== this.joinGeneration || !stillCurrent()) {
        throw new InvalidStateError(`joinRoom() | left or disconnected before the join completed [room:${roomId}]`);
      }
      const { role, presenterKey = result.presenterKey, token } = options;
      // The caller renders the room once this resolves (~40 ms of main thread): the first offers go out before it.
      await this.enter(client, result, { roomId: result.roomId, mode: result.mode, role, presenterKey, token }, false);
    } catch (error) {
      if (generation === this.joinGeneration) this.reset();
      void client.request('leaveRoom', {}).catch(() => undefined);
      throw error;
    }
    const { mode, self, viewerCount } = result;
    return { roomId: result.roomId, mode, self, members: this.presence.list(), viewerCount };
  }

  /**
   * Routes a room notification: held while a join is in flight, else to presence and the session. `roomLost` (the
   * server hosting the room elsewhere in the cluster is gone) joins again at once, re-homing the room with its key.
   */
  handle(n: AnyNotification, selfId: string | null): void {
    if (n.name === 'roomLost') {
      if (n.data.roomId === this.currentRoom?.roomId) void this.rejoinFresh(this.currentSession);
    } else if (this.buffered) this.buffered.push(n);
    else if (this.currentRoom) this.presence.handle(n, selfId, this.currentSession);
  }

  /** The connection dropped: media between peers carries on, the session's requests are held. */
  disconnected(): void {
    this.buffered = null;
    this.relay?.detach();
    this.currentSession?.suspended?.();
  }

  /** The engine is reconnecting: a room we are in is being rejoined. */
  reconnecting(): void {
    if (this.currentRoom) this.setState('rejoining');
  }

  /** A new connection: a resumed identity keeps the session; a new one drops it (our peers dropped us). */
  reconnected(client: SignalingClient, resumed: boolean): void {
    if (resumed && this.relay) this.relay.attach(client);
    else if (this.currentSession) this.dropSession();
  }

  /** Gets back into the room after a reconnect: re-syncs a kept session, else joins again; throws to be retried. */
  async restore(client: SignalingClient, stillCurrent: () => boolean): Promise<void> {
    const room = this.currentRoom;
    if (!room) return;
    try {
      if (this.currentSession) await this.resync(client, room, stillCurrent);
      else await this.rejoin(client, room, stillCurrent);
    } catch (error) {
      // The room is gone (server restart, everyone left): say so, and keep trying the same id.
      if (hasCode(error, 'ROOM_NOT_FOUND') && this.currentRoom === room) {
        this.dropSession();
        this.setState('waiting');
      }
      throw error;
    }
  }

  /** Tells the room what we publish; a dropped connection is not a failure (the rejoin announces again). */
  async announce(client: SignalingClient | null, kind: PublishKind, published: boolean): Promise<void> {
    if (client && this.currentSession) await announcePublished(client, kind, published);
  }

  /** Forgets the room and closes its session (the caller tells the server, if it can). */
  reset(): void {
    this.joinGeneration++;
    this.currentRoom = null;
    this.buffered = null;
    this.dropSession();
    this.presence.clear();
    this.context.entered();
    this.setState('none');
  }

  /** After a resumed reconnect: the same session carries on; presence and our announcements are re-synced. */
  private async resync(client: SignalingClient, room: RoomRef, stillCurrent: () => boolean): Promise<void> {
    // Joining the room we are in returns a fresh snapshot.
    const result = await client.request('joinRoom', joinRequest(room));
    const session = this.currentSession;
    if (this.currentRoom !== room || !stillCurrent() || !session)
      throw new InvalidStateError('resync() | changed meanwhile');
    // The server leaves the caller out of `members` (room.ts snapshotFor): the one place that filters it.
    this.presence.reset(result.members, true, session);
    this.context.entered(result.extras);
    const local = this.context.local.kinds();
    for (const kind of local) if (!result.self.published.includes(kind)) void this.announceSafely(client, kind, true);
    for (const kind of result.self.published) if (!local.includes(kind)) void this.announceSafely(client, kind, false);
    session.resumed?.();
    this.setState('joined');
  }

  /**
   * After a reconnect as a new peer (or a room that came back): join again with a new session. A room the
   * server lost (a restart) is re-created under its id by a key holder, so a kiosk and its presenter meet again.
   */
  private async rejoin(client: SignalingClient, room: RoomRef, stillCurrent: () => boolean): Promise<void> {
    const result = await this.requestJoin(client, joinRequest(room)).catch(async (error: unknown) => {
      await recreateLostRoom(client, room, error);
      return this.requestJoin(client, joinRequest(room));
    });
    if (this.currentRoom !== room || !stillCurrent()) {
      if (!this.currentRoom) void client.request('leaveRoom', {}).catch(() => undefined);
      throw new InvalidStateError('rejoin() | the room or connection changed meanwhile');
    }
    void this.enter(client, result, room, true);
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

  /**
   * Builds and starts the media session of a joined room, then replays the notifications that arrived meanwhile;
   * resolves once the session started (its failures become `error` events), or after FIRST_REQUESTS_WAIT_MS.
   */
  private enter(client: SignalingClient, result: JoinResponse, room: RoomRef, rejoin: boolean): Promise<void> {
    const { session, relay } = buildRoomSession(this.context, client, result);
    const selfId = result.self.peerId;
    session.on('mediastate', (healthy) => this.setMediaDown(!healthy));
    session.on('rejoinneeded', () => void this.rejoinFresh(session));
    this.currentRoom = room;
    this.currentSession = session;
    this.relay = relay;
    this.context.sessionCreated(session);
    this.presence.reset(result.members, rejoin);
    this.setMediaDown(false);
    this.context.entered(result.extras);
    const started = session
      .start(result.members, this.context.local.tracks())
      .catch((error: unknown) => this.context.emit('error', toError(error)));
    const buffered = this.buffered ?? [];
    this.buffered = null;
    for (const n of buffered) this.presence.handle(n, selfId, session);
    for (const kind of this.context.local.kinds()) void this.announceSafely(client, kind, true);
    this.setState('joined');
    return Promise.race([started, new Promise<void>((resolve) => setTimeout(resolve, FIRST_REQUESTS_WAIT_MS))]);
  }

  /** `announce` for re-syncs, where a refusal is reported as an `error` event rather than thrown. */
  private async announceSafely(client: SignalingClient, kind: PublishKind, published: boolean): Promise<void> {
    await this.announce(client, kind, published).catch((error: unknown) => this.context.emit('error', toError(error)));
  }

  /**
   * The media ladder's top (`session` beyond repair) or `roomLost`: leave, join again with a new session and the same
   * local tracks (no new prompt), retried with the reconnect backoff. A signaling reconnect may win the race.
   */
  private async rejoinFresh(session: MediaSession | null, room = this.currentRoom, attempt = 0): Promise<void> {
    const client = this.context.client();
    if (!client || !room || this.currentRoom !== room || this.currentSession !== session || this.buffered) return;
    if (session) {
      log.warn('rejoinFresh() | media beyond repair or room lost: joining again [room:%s]', room.roomId);
      this.dropSession();
      this.setState('rejoining');
      this.setMediaDown(true);
    }
    try {
      await client.request('leaveRoom', {}).catch(() => undefined);
      await this.rejoin(client, room, () => this.context.client() === client);
    } catch (error) {
      const delay = backoffDelay(attempt);
      log.warn('rejoinFresh() | failed, trying again in %d ms: %o', delay, error);
      if (hasCode(error, 'ROOM_NOT_FOUND') && this.currentRoom === room) this.setState('waiting');
      setTimeout(() => void this.rejoinFresh(null, room, attempt + 1), delay);
    }
  }

  private setMediaDown(down: boolean): void {
    if (down === this.mediaDown) return;
    this.mediaDown = down;
    this.context.emit('mediastate', down ? 'reconnecting' : 'connected');
  }

  private dropSession(): void {
    const session = this.currentSession;
    this.currentSession = null;
    this.setMediaDown(false);
    this.relay?.discard();
    this.relay = null;
    session?.close();
  }

  private setState(state: RoomState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.context.emit('roomstate', state);
  }
}
