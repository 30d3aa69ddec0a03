import { ProtocolError, type ResponseOf, type SessionEndReason } from '../../common/protocol';
import type { Clock, TimerHandle } from '../clock';
import { hashSecret, randomId, randomSecret, secretMatches } from '../ids';
import { createLogger } from '../log';
import type { Peer } from '../peers/peer';

const log = createLogger('session');

/** One answer for every failed join, so a guess learns nothing about which part was wrong. */
const REFUSED = 'the session cannot be joined with this token';
/** Compared against when the session is unknown, so that case costs the same as a wrong token. */
const NO_SESSION_HASH = hashSecret(randomSecret());

interface AudioSession {
  id: string;
  tokenHash: Buffer;
  creator: Peer;
  joiner: Peer | null;
  idleTimer: TimerHandle | null;
}

/** Options for the session manager. */
export interface SessionManagerOptions {
  clock: Clock;
  idleMs: number;
  maxSessions?: number;
}

/**
 * Device audio sessions: an appliance creates one (id + token), Moim joins with the token, and the two
 * signal each other. A session with no heartbeat or signal from either side for `idleMs` ends ('idle');
 * both parties get every sessionEnded, the one who ended it after its response.
 */
export class SessionManager {
  private readonly sessions = new Map<string, AudioSession>();

  constructor(private readonly options: SessionManagerOptions) {}

  /** Opens a session owned by `peer`; the token is returned once and only its hash is kept. */
  create(peer: Peer): ResponseOf<'createSession'> {
    if (peer.sessionId !== null) throw new ProtocolError('INVALID_STATE', `already in session ${peer.sessionId}`);
    if (this.sessions.size >= (this.options.maxSessions ?? 10_000)) {
      throw new ProtocolError('RATE_LIMITED', 'the server has too many sessions');
    }
    let id = randomId();
    while (this.sessions.has(id)) id = randomId();
    const token = randomSecret();
    const session: AudioSession = { id, tokenHash: hashSecret(token), creator: peer, joiner: null, idleTimer: null };
    this.sessions.set(id, session);
    peer.sessionId = id;
    this.touch(session);
    log.debug('create() | session created [session:%s, peer:%s]', id, peer.id);
    return { sessionId: id, token, idleTimeoutMs: this.options.idleMs };
  }

  /** Joins with the token; unknown, expired, taken or wrong all get the same FORBIDDEN. */
  join(peer: Peer, sessionId: string, token: string): ResponseOf<'joinSession'> {
    const session = this.sessions.get(sessionId);
    if (peer.sessionId !== null) {
      if (session && session.joiner === peer) return this.joinedAnswer(session);
      throw new ProtocolError('INVALID_STATE', `already in session ${peer.sessionId}`);
    }
    const tokenOk = secretMatches(token, session?.tokenHash ?? NO_SESSION_HASH);
    if (!session || !tokenOk || session.joiner !== null) throw new ProtocolError('FORBIDDEN', REFUSED);
    session.joiner = peer;
    peer.sessionId = session.id;
    this.touch(session);
    session.creator.notify('sessionJoined', { sessionId, peerId: peer.id, displayName: peer.displayName });
    return this.joinedAnswer(session);
  }

  /** Keeps a session alive. */
  heartbeat(peer: Peer, sessionId: string): void {
    this.touch(this.find(peer, sessionId));
  }

  /** Either side ends the session; both are told ('ended'). */
  end(peer: Peer, sessionId: string): void {
    this.finish(this.find(peer, sessionId), 'ended');
  }

  /** True when `from` and `to` are the two sides of one session; a relayed signal counts as activity. */
  relay(from: Peer, to: Peer): boolean {
    const session = from.sessionId === null ? undefined : this.sessions.get(from.sessionId);
    if (!session || !session.joiner) return false;
    const pair =
      (session.creator === from && session.joiner === to) || (session.joiner === from && session.creator === to);
    if (pair) this.touch(session);
    return pair;
  }

  /** A peer left the server: its session ends and the other side gets 'peerLeft'. */
  peerGone(peer: Peer): void {
    const session = peer.sessionId === null ? undefined : this.sessions.get(peer.sessionId);
    if (session) this.finish(session, 'peerLeft');
  }

  /** Drops every session without telling anyone (server shutdown). */
  closeAll(): void {
    for (const session of this.sessions.values()) this.options.clock.clearTimeout(session.idleTimer);
    this.sessions.clear();
  }

  private find(peer: Peer, sessionId: string): AudioSession {
    const session = this.sessions.get(sessionId);
    if (!session || (session.creator !== peer && session.joiner !== peer)) {
      throw new ProtocolError('SESSION_NOT_FOUND', `session ${sessionId} not found`);
    }
    return session;
  }

  private joinedAnswer(session: AudioSession): ResponseOf<'joinSession'> {
    return { sessionId: session.id, peerId: session.creator.id, idleTimeoutMs: this.options.idleMs };
  }

  private touch(session: AudioSession): void {
    const { clock, idleMs } = this.options;
    clock.clearTimeout(session.idleTimer);
    session.idleTimer = clock.setTimeout(() => this.finish(session, 'idle'), idleMs);
  }

  private finish(session: AudioSession, reason: SessionEndReason): void {
    if (this.sessions.get(session.id) !== session) return;
    this.sessions.delete(session.id);
    this.options.clock.clearTimeout(session.idleTimer);
    for (const party of [session.creator, session.joiner]) {
      if (!party) continue;
      if (party.sessionId === session.id) party.sessionId = null;
      party.notify('sessionEnded', { sessionId: session.id, reason });
    }
    log.debug('finish() | session ended [session:%s, reason:%s]', session.id, reason);
  }
}
