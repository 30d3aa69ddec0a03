import { WebSocket, type RawData } from 'ws';
import type { NotificationName, ResponseEnvelope } from '../../common/protocol';
import type { Clock, TimerHandle } from '../clock';
import type { ServerConfig } from '../config';
import { randomId } from '../ids';
import { createLogger } from '../log';
import type { Peer, PeerLink } from '../peers/peer';
import { errorResponse, type ConnectionContext, type Dispatcher } from './dispatcher';
import type { IpAccount } from './ip-accounts';
import { TokenBucket } from './token-bucket';

const log = createLogger('connection');

/** Requests queued on one connection at most; more are refused like any other flood. */
const MAX_PENDING = 32;
/** Unsent bytes a slow reader may pile up before it is cut off. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** How long a closing peer gets to answer our close frame before the socket is destroyed. */
const CLOSE_GRACE_MS = 2_000;

/** Options for one signaling connection. */
export interface SignalingConnectionOptions {
  socket: WebSocket;
  dispatcher: Dispatcher;
  clock: Clock;
  rateLimit: ServerConfig['rateLimit'];
  /** The account of the address this connection comes from; its bucket limits every connection from it. */
  account: IpAccount;
  /** The connection is closed (1008) unless it signs in with `hello` this soon. */
  helloTimeoutMs: number;
  /** The connection ended while bound to `peer`; `keepSeat` when it dropped without a close frame. */
  onPeerDisconnected(peer: Peer, keepSeat: boolean): void;
}

function text(raw: RawData): string {
  if (Array.isArray(raw)) return Buffer.concat(raw).toString('utf8');
  return Buffer.from(raw as ArrayBuffer).toString('utf8');
}

/**
 * One client WebSocket: rate-limits and parses frames, runs its requests one at a time through the
 * dispatcher, and delivers notifications. Notifications to this client that a request causes are
 * held until that request's response is sent, so a client always learns an id before news about it.
 */
export class SignalingConnection implements ConnectionContext, PeerLink {
  readonly id = randomId(6);
  peer: Peer | null = null;
  private readonly bucket: TokenBucket;
  private readonly strikes: TokenBucket;
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;
  private holding = false;
  private held: string[] = [];
  private alive = true;
  private lost = false;
  private ended = false;
  private readonly helloTimer: TimerHandle;

  constructor(private readonly options: SignalingConnectionOptions) {
    const { socket, clock, rateLimit } = options;
    const now = () => clock.now();
    this.bucket = new TokenBucket({ capacity: rateLimit.burst, perSecond: rateLimit.perSecond, now });
    this.strikes = new TokenBucket({ capacity: rateLimit.strikes, perSecond: rateLimit.strikesPerSecond, now });
    // An idle socket that never signs in would hold a connection slot for good.
    this.helloTimer = clock.setTimeout(() => {
      if (!this.peer) this.kick(1008, 'no hello in time');
    }, options.helloTimeoutMs);
    socket.on('message', (raw, isBinary) => this.onMessage(raw, isBinary));
    socket.on('pong', () => (this.alive = true));
    // Receiver errors (frame over maxPayload → 1009, bad UTF-8 → 1007) are the client's fault: ws closes
    // the socket itself; the peer is released at once rather than kept for a resume.
    socket.on('error', (error) => {
      log.debug('error [conn:%s]: %s', this.id, error.message);
      this.end(false);
    });
    socket.on('close', (code) => this.end(this.lost || code === 1006));
  }

  get link(): PeerLink {
    return this;
  }

  /** The address the connection comes from. */
  get remoteIp(): string {
    return this.options.account.ip;
  }

  /** Binds this connection to a signed-in peer. */
  bindPeer(peer: Peer): void {
    this.options.clock.clearTimeout(this.helloTimer);
    this.peer = peer;
  }

  /** Bytes sent to this client that it has not read yet (PeerLink). */
  backlog(): number {
    return this.options.socket.bufferedAmount;
  }

  /** Sends a notification now, or after the response of the request being handled. */
  deliver(name: NotificationName, data: unknown): void {
    const frame = JSON.stringify({ method: name, data });
    if (this.holding) this.held.push(frame);
    else this.send(frame);
  }

  /** Closes the socket after the peer moved to another connection (PeerLink). */
  close(code: number, reason: string): void {
    this.peer = null;
    // Whatever was held for this client (e.g. `replaced`) goes out before the close frame.
    this.holding = false;
    const held = this.held;
    this.held = [];
    for (const frame of held) this.send(frame);
    this.closeSocket(code, reason);
  }

  /** Called every ping interval: a connection that missed the last pong is lost (half-open TCP). */
  ping(): void {
    if (this.ended) return;
    if (!this.alive) {
      this.lost = true;
      this.options.socket.terminate();
      return;
    }
    this.alive = false;
    this.options.socket.ping();
  }

  /** Closes the connection for misbehaving; its peer is released now, with no seat kept. */
  kick(code: number, reason: string): void {
    log.warn('kick() | closing [conn:%s, peer:%s, code:%d]: %s', this.id, this.peer?.id ?? '-', code, reason);
    this.closeSocket(code, reason);
    this.end(false);
  }

  private onMessage(raw: RawData, isBinary: boolean): void {
    if (this.ended) return;
    this.alive = true;
    // The address's bucket is shared by all its connections, so reconnecting does not refill it.
    if (!this.bucket.take() || !this.options.account.bucket.take() || this.pending >= MAX_PENDING) {
      this.refuse(raw);
      return;
    }
    this.pending++;
    this.queue = this.queue
      .then(() => this.handle(raw, isBinary))
      .catch((error: unknown) => log.error('handle() | failed [conn:%s]: %o', this.id, error))
      .finally(() => this.pending--);
  }

  private refuse(raw: RawData): void {
    let id: number | null = null;
    try {
      const parsed = JSON.parse(text(raw)) as { id?: unknown };
      if (typeof parsed?.id === 'number' && Number.isSafeInteger(parsed.id) && parsed.id >= 0) id = parsed.id;
    } catch {
      // Unparseable frames are answered with id null like any malformed one.
    }
    this.respond(errorResponse(id, 'RATE_LIMITED', 'too many messages; slow down'));
    if (!this.strikes.take()) this.kick(1008, 'rate limit exceeded');
  }

  private async handle(raw: RawData, isBinary: boolean): Promise<void> {
    if (this.ended) return;
    if (isBinary) return this.respond(errorResponse(null, 'BAD_REQUEST', 'binary frames are not accepted'));
    let message: unknown;
    try {
      message = JSON.parse(text(raw));
    } catch {
      return this.respond(errorResponse(null, 'BAD_REQUEST', 'malformed JSON'));
    }
    this.holding = true;
    try {
      this.respond(await this.options.dispatcher.dispatch(this, message));
    } finally {
      this.holding = false;
      const held = this.held;
      this.held = [];
      for (const frame of held) this.send(frame);
    }
  }

  private respond(response: ResponseEnvelope): void {
    this.send(JSON.stringify(response));
  }

  private send(frame: string): void {
    const { socket } = this.options;
    if (this.ended || socket.readyState !== WebSocket.OPEN) return;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.kick(1008, 'not reading its messages');
      return;
    }
    socket.send(frame);
  }

  private closeSocket(code: number, reason: string): void {
    const { socket, clock } = this.options;
    if (socket.readyState === WebSocket.OPEN) socket.close(code, reason);
    // A client that never answers the close frame must not hold the socket for ws's 30 s default.
    clock.setTimeout(() => socket.terminate(), CLOSE_GRACE_MS);
  }

  private end(keepSeat: boolean): void {
    if (this.ended) return;
    this.ended = true;
    this.options.clock.clearTimeout(this.helloTimer);
    this.held = [];
    const peer = this.peer;
    this.peer = null;
    if (peer && peer.link === this) this.options.onPeerDisconnected(peer, keepSeat);
  }
}
