import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff';
import { Connector, type Credentials } from './connector';
import { InvalidStateError } from './errors';
import { createLogger } from './log';
import { Reconnector } from './reconnector';
import { ServerRotation } from './server-rotation';
import type { SignalingClient } from './signaling-client';
import type { AnyNotification, WebSocketCtor } from './signaling-types';
import type { EngineState } from './types';

const log = createLogger('core');

/** Options of the engine's connection (a subset of the engine's options). */
export interface EngineConnectionOptions {
  /** One server address, or a server list (comma-separated or an array) tried in order. */
  serverUrl: string | readonly string[];
  displayName: string;
  iceServers?: RTCIceServer[];
  WebSocket?: WebSocketCtor;
  requestTimeoutMs?: number;
  reconnect?: Partial<BackoffOptions>;
  random?: () => number;
  /** Where the device says its network came back ('online'); the page's window by default, none in Node. */
  network?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null;
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
  /** The device's network came back while this connection stayed up. */
  networkReturned(): void;
}

/**
 * The engine's one connection to a room server: connect and hello, the connection state, and a reconnect loop that
 * resumes our identity when the server still knows us. A server that does not answer is left for the next one of
 * the server list (a new identity there; the room is joined again by id).
 */
export class EngineConnection {
  private readonly connector: Connector;
  private readonly reconnector: Reconnector;
  private readonly rotation: ServerRotation;
  private current: SignalingClient | null = null;
  private credentials: Credentials | null = null;
  private servers: RTCIceServer[] = [];
  private sfu = false;
  private currentState: EngineState = 'idle';
  private connecting: Promise<string> | null = null;
  private isClosed = false;
  private readonly network: EngineConnectionOptions['network'];
  private readonly onOnline = () => this.networkReturned();

  constructor(
    private readonly options: EngineConnectionOptions,
    private readonly hooks: EngineConnectionHooks,
  ) {
    const { displayName, WebSocket, requestTimeoutMs: timeoutMs } = options;
    this.rotation = new ServerRotation(options.serverUrl);
    this.connector = new Connector({ serverUrl: () => this.rotation.current, displayName, WebSocket, timeoutMs });
    this.reconnector = new Reconnector({
      attempt: () => this.reconnectOnce(),
      backoff: { ...DEFAULT_BACKOFF, ...options.reconnect },
      random: options.random,
      onRetry: (attempt, delay) => hooks.reconnectAttempt(attempt, delay),
    });
    this.network = options.network === undefined ? defaultNetwork() : options.network;
    this.network?.addEventListener('online', this.onOnline);
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
    const connecting = this.openAny().then(
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
    this.network?.removeEventListener('online', this.onOnline);
    return true;
  }

  /** Closes the socket and says 'closed' (after `beginClose()` and the engine's own clean-up). */
  finishClose(): void {
    const client = this.current;
    this.current = null;
    client?.close();
    this.setState('closed');
  }

  /** The first connect: each server of the list once, in order; rejects with the last one's error. */
  private async openAny(): Promise<SignalingClient> {
    for (let tried = 1; ; tried++) {
      try {
        return await this.open();
      } catch (error) {
        if (this.isClosed || tried >= this.rotation.list.length) throw error;
        this.moveOn(error);
      }
    }
  }

  /** The current server did not let us sign in: the next attempt goes to the next one of the list. */
  private moveOn(error: unknown): void {
    const from = this.rotation.current;
    const to = this.rotation.failed();
    if (to === from) return;
    log.warn('no answer from %s (%s): trying %s', from, error instanceof Error ? error.message : String(error), to);
    // Another server cannot resume an identity it never gave out.
    this.credentials = null;
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
    this.rotation.learn(hello.servers ?? []);
    return client;
  }

  /**
   * A link that was down is up again (Wi-Fi back, cable in): a reconnect waiting out its backoff goes now, and a
   * connection that survived lets the media sessions repair at once what went down with the link.
   */
  private networkReturned(): void {
    if (this.isClosed) return;
    log.debug('network back [state:%s]', this.currentState);
    if (this.currentState === 'reconnecting') this.reconnector.hurry();
    else if (this.current) this.hooks.networkReturned();
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
      const client = await this.open().catch((error: unknown) => {
        if (!this.isClosed) this.moveOn(error);
        throw error;
      });
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

/** The page's window, where the browser says 'online' (none outside a page: Node tests pass their own). */
function defaultNetwork(): EngineConnectionOptions['network'] {
  return typeof window !== 'undefined' && typeof window.addEventListener === 'function' ? window : null;
}
