import {
  describeIssue,
  methods,
  type MethodName,
  type NotificationName,
  type NotificationOf,
  type RequestOf,
  type ResponseOf,
} from '../../common/protocol';
import { Emitter } from './emitter';
import { SignalingError } from './errors';
import { parseIncoming } from './incoming';
import { createLogger } from './log';
import type { AnyNotification, SignalingPort, WebSocketCtor, WebSocketLike } from './signaling-types';

const log = createLogger('signaling');
const OPEN = 1;

/** Options of a signaling client. */
export interface SignalingClientOptions {
  url: string;
  /** Defaults to the platform's WebSocket; tests pass a fake. */
  WebSocket?: WebSocketCtor;
  /** A request (and the socket opening) fails with TIMEOUT after this long. */
  timeoutMs?: number;
}

/** Events of a signaling client. */
export interface SignalingClientEvents {
  /** A valid notification from the server. */
  notification: [notification: AnyNotification];
  /** The socket closed; `byClient` when `close()` closed it. Fires once. */
  close: [info: { code: number; reason: string; byClient: boolean }];
}

interface Pending {
  method: MethodName;
  resolve: (data: unknown) => void;
  reject: (error: SignalingError) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** One WebSocket to the room server: typed requests matched to responses by id, validated notifications. */
export class SignalingClient extends Emitter<SignalingClientEvents> implements SignalingPort {
  private readonly url: string;
  private readonly Ws: WebSocketCtor;
  private readonly timeoutMs: number;
  private socket: WebSocketLike | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closed = false;
  private wasOpen = false;

  constructor(options: SignalingClientOptions) {
    super();
    const Ws = options.WebSocket ?? (globalThis.WebSocket as WebSocketCtor | undefined);
    if (!Ws) throw new TypeError('SignalingClient() | no WebSocket on this platform; pass options.WebSocket');
    this.url = options.url;
    this.Ws = Ws;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** True when `open()` found its socket open already (opened ahead of the connection, see socket-warmer.ts). */
  get openedAhead(): boolean {
    return this.wasOpen;
  }

  /** True once the socket closed or `close()` was called; a closed client is never reused. */
  get isClosed(): boolean {
    return this.closed;
  }

  /** Opens the socket; rejects with CLOSED if it closes first, TIMEOUT if it takes too long. */
  open(): Promise<void> {
    if (this.socket || this.closed) return Promise.reject(new SignalingError('CLOSED', 'already opened', 'open'));
    const socket = new this.Ws(this.url);
    this.socket = socket;
    socket.onmessage = (event) => this.receive(event.data);
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new SignalingError('TIMEOUT', `no connection to ${this.url}`, 'open'));
        this.close();
      }, this.timeoutMs);
      socket.onopen = () => {
        clearTimeout(timer);
        log.debug('open() | connected [url:%s]', this.url);
        resolve();
      };
      socket.onerror = () => log.warn('socket error [url:%s]', this.url);
      socket.onclose = (event) => {
        clearTimeout(timer);
        reject(new SignalingError('CLOSED', `connection to ${this.url} closed (${event.code})`, 'open'));
        this.finish(event.code, event.reason, false);
      };
      // A socket opened ahead of time (socket-warmer.ts) may be open already: its open event has been and gone.
      this.wasOpen = socket.readyState === OPEN;
      if (this.wasOpen) socket.onopen(null);
    });
  }

  /** Sends `method` and resolves with the server's validated response, or rejects with a SignalingError. */
  request<M extends MethodName>(method: M, data: RequestOf<M>): Promise<ResponseOf<M>> {
    const socket = this.socket;
    if (this.closed || !socket || socket.readyState !== OPEN) {
      return Promise.reject(new SignalingError('CLOSED', `${method}: not connected`, method));
    }
    const id = this.nextId++;
    return new Promise<ResponseOf<M>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new SignalingError('TIMEOUT', `${method}: no response within ${this.timeoutMs} ms`, method));
      }, this.timeoutMs);
      this.pending.set(id, { method, resolve: resolve as (d: unknown) => void, reject, timer });
      try {
        socket.send(JSON.stringify({ id, method, data }));
      } catch (error) {
        this.settle(id)?.reject(new SignalingError('CLOSED', `${method}: send failed (${String(error)})`, method));
      }
    });
  }

  /** Calls `listener` with each valid `name` notification; returns the function that unsubscribes. */
  onNotification<N extends NotificationName>(name: N, listener: (data: NotificationOf<N>) => void): () => void {
    const wrapped = (n: AnyNotification) => {
      if (n.name === name) listener(n.data as NotificationOf<N>);
    };
    this.on('notification', wrapped);
    return () => this.off('notification', wrapped);
  }

  /** Closes the socket and fails every pending request with CLOSED; safe to call twice. */
  close(): void {
    if (this.closed) return;
    try {
      this.socket?.close(1000, 'bye');
    } catch (error) {
      log.warn('close() | socket.close threw: %o', error);
    }
    this.finish(1000, 'closed by client', true);
  }

  private finish(code: number, reason: string, byClient: boolean): void {
    if (this.closed) return;
    this.closed = true;
    if (this.socket) this.socket.onopen = this.socket.onclose = this.socket.onmessage = this.socket.onerror = null;
    for (const [id, p] of this.pending)
      this.settle(id)?.reject(new SignalingError('CLOSED', `${p.method}: connection closed`, p.method));
    log.debug('closed [code:%d, byClient:%s]', code, byClient);
    this.emit('close', { code, reason, byClient });
  }

  private settle(id: number): Pending | undefined {
    const p = this.pending.get(id);
    if (!p) return undefined;
    clearTimeout(p.timer);
    this.pending.delete(id);
    return p;
  }

  private receive(raw: unknown): void {
    const incoming = parseIncoming(raw);
    if (incoming.type === 'drop') return void log.warn('receive() | dropped a frame: %s', incoming.reason);
    if (incoming.type === 'notification') return void this.emit('notification', incoming.notification);
    const p = this.settle(incoming.id);
    if (!p) return void log.warn('receive() | response to no pending request [id:%d]', incoming.id);
    if (!incoming.ok) return p.reject(new SignalingError(incoming.error.code, incoming.error.message, p.method));
    // Empty responses may come without a data field.
    const data = methods[p.method].response.safeParse(incoming.data ?? {});
    if (!data.success) {
      return p.reject(new SignalingError('INVALID_RESPONSE', `${p.method}: ${describeIssue(data.error)}`, p.method));
    }
    p.resolve(data.data);
  }
}
