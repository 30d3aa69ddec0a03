import { JoinTokens } from './auth/join-tokens';
import { CallManager } from './calls/call-manager';
import { Lobby } from './calls/lobby';
import type { Clock } from './clock';
import type { ServerConfig } from './config';
import { createLogger } from './log';
import type { Peer } from './peers/peer';
import { OutboxBudget } from './peers/outbox-budget';
import { PeerRegistry } from './peers/peer-registry';
import { RoomRegistry } from './rooms/room-registry';
import { SessionManager } from './sessions/session-manager';
import type { MediaService } from './sfu/media-service';
import { SignalLimits } from './signaling/signal-limits';
import { UnavailableMediaService } from './sfu/unavailable-media-service';

const log = createLogger('services');

/** Options for the server's state. */
export interface ServicesOptions {
  config: ServerConfig;
  clock: Clock;
  /** The SFU; without one, SFU methods answer MEDIA_SERVER_UNAVAILABLE. */
  media?: MediaService;
}

/**
 * All room-server state behind the handlers — peers, rooms, lobby, calls, sessions, media — and the
 * one place that knows what leaving the server means for each of them.
 */
export class Services {
  readonly config: ServerConfig;
  readonly clock: Clock;
  readonly peers: PeerRegistry;
  readonly rooms: RoomRegistry;
  readonly lobby: Lobby;
  readonly calls: CallManager;
  readonly sessions: SessionManager;
  readonly media: MediaService;
  readonly signalLimits: SignalLimits;
  readonly outboxBudget: OutboxBudget;
  /** The cluster this server is part of (`--redis`); null = a server on its own. */
  cluster: { peerGone(peer: Peer): void } | null = null;
  /** Signed join tokens, when the server runs with an auth secret; null = room ids and presenter keys. */
  readonly tokens: JoinTokens | null;

  constructor(options: ServicesOptions) {
    const { config, clock } = options;
    this.config = config;
    this.clock = clock;
    this.tokens = config.authSecret ? new JoinTokens(config.authSecret) : null;
    this.outboxBudget = new OutboxBudget({
      perPeerBytes: config.ghostQueueBytes,
      totalBytes: config.ghostQueueTotalBytes,
    });
    this.peers = new PeerRegistry({
      clock,
      outboxBudget: this.outboxBudget,
      // Released on the next tick: the overflow happens inside someone else's broadcast loop.
      onOutboxOverflow: (peer) => queueMicrotask(() => this.expireGhost(peer)),
    });
    this.signalLimits = new SignalLimits({ clock, config });
    this.media = options.media ?? new UnavailableMediaService();
    this.rooms = new RoomRegistry({
      clock,
      media: this.media,
      maxPeersPerRoom: config.maxPeersPerRoom,
      maxRooms: config.maxRooms,
      emptyRoomTtlMs: config.emptyRoomTtlMs,
      maxUnjoinedPerIp: config.maxUnjoinedRoomsPerIp,
    });
    this.lobby = new Lobby(config.maxLobbyPerIp);
    this.calls = new CallManager({
      clock,
      peers: this.peers,
      rooms: this.rooms,
      lobby: this.lobby,
      ringTimeoutMs: config.ringTimeoutMs,
    });
    this.sessions = new SessionManager({ clock, idleMs: config.sessionIdleMs });
  }

  /**
   * A peer's connection ended. A drop without a close frame (network loss, missed pings) keeps the
   * peer — room seat, call, session — for the reconnect grace so `hello.resume` can pick it up with
   * no churn for the others; a clean close or a kick releases it at once.
   */
  disconnected(peer: Peer, keepSeat: boolean): void {
    peer.detach();
    const graceMs = this.config.reconnectGraceMs;
    if (keepSeat && graceMs > 0) {
      log.debug('disconnected() | keeping seat [peer:%s, ms:%d]', peer.id, graceMs);
      this.peers.startGrace(peer, graceMs, (p) => this.release(p));
    } else {
      this.release(peer);
    }
  }

  /** Ends a dropped peer's grace early: what was kept for it overflowed, so it will rejoin as a new peer. */
  private expireGhost(peer: Peer): void {
    if (peer.link || this.peers.get(peer.id) !== peer) return;
    log.warn('expireGhost() | kept notifications overflowed, releasing [peer:%s]', peer.id);
    this.release(peer);
  }

  /** Removes a peer from everything it is part of and forgets it. */
  release(peer: Peer): void {
    // First: a room or call hosted on another server is left there, and forgotten here.
    this.cluster?.peerGone(peer);
    this.signalLimits.forget(peer);
    this.calls.peerGone(peer);
    this.sessions.peerGone(peer);
    this.lobby.leave(peer);
    if (peer.roomId !== null) this.rooms.leave(peer);
    this.peers.remove(peer);
    log.debug('release() | peer gone [peer:%s]', peer.id);
  }

  /** Tears everything down (server shutdown): timers stop, rooms close, the media service closes. */
  async close(): Promise<void> {
    this.calls.closeAll();
    this.sessions.closeAll();
    for (const peer of this.peers.all()) this.peers.remove(peer);
    this.rooms.closeAll();
    await this.media.close();
  }
}
