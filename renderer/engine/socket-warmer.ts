import { createLogger } from './log';
import type { WebSocketCtor, WebSocketLike } from './signaling-types';

const log = createLogger('signaling');
const CONNECTING = 0;
const OPEN = 1;

/**
 * A warm socket is handed over only this young: the server closes a connection that has not said hello after
 * 10 s by default (`--hello-timeout-ms`), and one closed under the hello would fail the join it was meant to speed up.
 */
export const WARM_MAX_AGE_MS = 5000;

/** Options of a socket warmer. */
export interface SocketWarmerOptions {
  /** The platform's WebSocket (a fake in tests). */
  WebSocket?: WebSocketCtor;
  maxAgeMs?: number;
}

/**
 * Opens the signaling WebSocket while the user is still on the way to a join (typing the room, pressing the button),
 * so the click does not wait for TCP, TLS and the upgrade: one socket, for one server, handed to the next connection
 * made to that server. Nothing is said on it (the hello carries the name, known only at the click), and a socket
 * nobody takes is closed once it is too old to hand over.
 */
export class SocketWarmer {
  #socket: WebSocketLike | null = null;
  #url = '';
  #openedAt = 0;
  #expiry: ReturnType<typeof setTimeout> | null = null;
  readonly #maxAgeMs: number;

  constructor(private readonly options: SocketWarmerOptions = {}) {
    this.#maxAgeMs = options.maxAgeMs ?? WARM_MAX_AGE_MS;
  }

  /** Makes sure a fresh socket to `url` is opening or open; does nothing when one already is. */
  warm(url: string): void {
    if (this.#usable(url)) return;
    const Ws = this.#platform();
    if (!Ws) return;
    this.discard();
    try {
      const socket = new Ws(url);
      // A failure here is the join's to report, with a fresh socket: a warm one that fails is simply not used.
      socket.onerror = () => log.debug('warm socket error [url:%s]', url);
      socket.onclose = () => this.#socket === socket && this.discard();
      this.#socket = socket;
      this.#url = url;
      this.#openedAt = Date.now();
      this.#expiry = setTimeout(() => this.discard(), this.#maxAgeMs);
    } catch (error) {
      log.debug('warm() | %o [url:%s]', error, url);
    }
  }

  /** The warm socket to `url` when there is a fresh one (it is then the caller's), else null. */
  take(url: string): WebSocketLike | null {
    if (!this.#usable(url)) return null;
    const socket = this.#socket!;
    this.#release();
    socket.onerror = socket.onclose = null;
    log.debug('take() | using a socket opened ahead [url:%s, state:%d]', url, socket.readyState);
    return socket;
  }

  /** A WebSocket constructor that hands out the warm socket to its server when there is one, else opens a new one. */
  constructorFor(): WebSocketCtor | undefined {
    const Ws = this.#platform();
    if (!Ws) return undefined;
    const take = (url: string) => this.take(url);
    // A constructor returning an object makes `new` yield that object: the warm socket, or a new one.
    return function WarmWebSocket(url: string) {
      return take(url) ?? new Ws(url);
    } as unknown as WebSocketCtor;
  }

  /** Closes the warm socket, if any. */
  discard(): void {
    const socket = this.#socket;
    this.#release();
    if (socket) {
      socket.onerror = socket.onclose = null;
      socket.close();
    }
  }

  #usable(url: string): boolean {
    const socket = this.#socket;
    if (!socket || this.#url !== url || Date.now() - this.#openedAt >= this.#maxAgeMs) return false;
    return socket.readyState === CONNECTING || socket.readyState === OPEN;
  }

  #release(): void {
    if (this.#expiry) clearTimeout(this.#expiry);
    this.#expiry = null;
    this.#socket = null;
    this.#url = '';
  }

  #platform(): WebSocketCtor | undefined {
    return this.options.WebSocket ?? (globalThis.WebSocket as WebSocketCtor | undefined);
  }
}
