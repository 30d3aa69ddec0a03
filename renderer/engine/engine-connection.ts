import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import { Connector, type Credentials } from './connector';
import { InvalidStateError } from './errors';
import { createLogger } from './log';
import { Reconnector } from './reconnector';
import type { SignalingClient } from './signaling-client';
import type { AnyNotification, WebSocketCtor } from './signaling-types';
import type { EngineState } from './types';

const log = createLogger('core');

/** Options of the engine's connection (a subset of the engine's options). */
export interface EngineConnectionOptions {
  serverUrl: string;
  displayName: string;
  iceServers?: RTCIceServer[];
  WebSocket?: WebSocketCtor;
  requestTimeoutMs?: number;
  reconnect?: Partial<BackoffOptions>;
  random?: () => number;
}

/** What the connection tells the rest of the engine. */
export interface EngineConnectionHooks {
  notification(client: SignalingClient, n: AnyNotification): void;
  stateChanged(state: EngineState): void;
  /** The connection dropped; called before the state turns 'reconnecting'. */
  disconnected(): void;
  /** The state turned 'reconnecting'. */
  reconnecting(): void;
  /** A reconnect opened a new connection; `resumed` when the server still knew our identity. */
  reconnected(client: SignalingClient, resumed: boolean, previousPeerId: string | null): void;
  /** The rest of a reconnect attempt once connected (the room again); throws to be retried. */
  restore(): Promise<void>;
  reconnectAttempt(attempt: number, delayMs: number): void;
}

/**
 * The engine's one connection to the room server: connect and hello, the connection state, and a reconnect
 * loop that resumes our identity when the server still knows us.
 */
export class EngineConnection {
  private readonly connector: Connector;
  private readonly reconnector: Reconnector;
  private current: SignalingClient | null = null;
  private credentials: Credentials | null = null;
  private servers: RTCIceServer[] = [];
  private sfu = false;
  private currentState: EngineState = 'idle';
  private connecting: Promise<string> | null = null;
  private isClosed = false;

  constructor(
    private readonly options: EngineConnectionOptions,
    private readonly hooks: EngineConnectionHooks,
  ) {
    const { serverUrl, displayName, WebSocket, requestTimeoutMs: timeoutMs } = options;
    this.connector = new Connector({ serverUrl, displayName, WebSocket, timeoutMs });
    this.reconnector = new Reconnector({
      attempt: () => this.reconnectOnce(),
      backoff: { ...DEFAULT_BACKOFF, ...options.reconnect },
      random: options.random,
      onRetry: (attempt, delay) => hooks.reconnectAttempt(attempt, delay),
    });
  }

  /** Connection state. */
  get state(): EngineState {
    return this.currentState;
  }

  /** The open signaling client, or null while disconnected. */
  get client(): SignalingClient | null {
    return this.current;
  }

  /** This peer's id on the current connection. */
  get peerId(): string | null {
    return this.credentials?.peerId ?? null;
  }

  /** STUN/TURN: from the options when given, else the server's list. */
  get iceServers(): RTCIceServer[] {
    return this.servers;
  }

  /** Whether the server has a media server for 'sfu' and 'broadcast' rooms. */
  get sfuAvailable(): boolean {
    return this.sfu;
  }

  /** Whether `close()` was called. */
  get closed(): boolean {
    return this.isClosed;
  }

  /** Connects and says hello; resolves with this peer's id. Rejects (state back to 'idle') if that fails. */
  connect(): Promise<string> {
    this.assertOpen('connect');
    if (this.current && this.credentials) return Promise.resolve(this.credentials.peerId);
    if (this.connecting) return this.connecting;
    if (this.currentState === 'reconnecting') return Promise.reject(new InvalidStateError('connect() | reconnecting'));
    this.setState('connecting');
    const connecting = this.open().then(
      () => {
        this.setState('connected');
        return this.credentials?.peerId ?? '';
      },
      (error: unknown) => {
        if (!this.isClosed) this.setState('idle');
        throw error;
      },
    );
    this.connecting = connecting;
    void connecting.catch(() => undefined).finally(() => (this.connecting = null));
    return connecting;
  }

  /** The open client for `method`; throws InvalidStateError when closed or not connected. */
  require(method: string): SignalingClient {
    this.assertOpen(method);
    if (!this.current) throw new InvalidStateError(`${method}() | not connected (state: ${this.currentState})`);
    return this.current;
  }

  /** Throws InvalidStateError once closed. */
  assertOpen(method: string): void {
    if (this.isClosed) throw new InvalidStateError(`${method}() | the engine is closed`);
  }

  /** Marks the connection closed and stops reconnecting; false if it already was. */
  beginClose(): boolean {
    if (this.isClosed) return false;
    this.isClosed = true;
    this.reconnector.stop();
    return true;
  }

  /** Closes the socket and says 'closed' (after `beginClose()` and the engine's own clean-up). */
  finishClose(): void {
    const client = this.current;
    this.current = null;
    client?.close();
    this.setState('closed');
  }

  private async open(): Promise<SignalingClient> {
    const { client, hello } = await this.connector.connect(
      this.credentials,
      (c) => {
        c.on('notification', (n) => {
          if (c === this.current) this.hooks.notification(c, n);
        });
        c.on('close', () => this.onLost(c));
      },
      () => this.isClosed,
    );
    if (this.isClosed) {
      client.close();
      throw new InvalidStateError('connect() | closed while connecting');
    }
    this.current = client;
    this.credentials = { peerId: hello.peerId, secret: hello.secret };
    this.servers = this.options.iceServers?.length ? this.options.iceServers : hello.iceServers;
    this.sfu = hello.sfuAvailable;
    return client;
  }

  private onLost(client: SignalingClient): void {
    if (client !== this.current || this.isClosed) return;
    log.warn('connection lost [peer:%s]', this.peerId);
    this.current = null;
    this.hooks.disconnected();
    this.setState('reconnecting');
    this.hooks.reconnecting();
    this.reconnector.start();
  }

  /** One reconnect attempt: a connection (resumed if the server still knows us), then the room again. */
  private async reconnectOnce(): Promise<void> {
    if (this.isClosed) return;
    if (!this.current) {
      const before = this.peerId;
      const client = await this.open();
      this.hooks.reconnected(client, this.peerId === before, before);
      this.setState('connected');
    }
    await this.hooks.restore();
  }

  private setState(state: EngineState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.hooks.stateChanged(state);
  }
}
