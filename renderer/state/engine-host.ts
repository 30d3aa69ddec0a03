import { createLogger } from '../../common/log';
import type { EngineFactory, EngineMedia, EnginePort, EngineState } from '../services/engine-port';
import { Store } from './store';

const log = createLogger('ui', 'engine-host');

/** What the app needs to reach a room server as someone. */
export interface EngineParams {
  serverUrl: string;
  displayName: string;
  iceServers: RTCIceServer[];
}

/** The current engine, its connection state and the last error worth showing. */
export interface EngineHostState {
  engine: EnginePort | null;
  /** Our peer id on the server, once connected. */
  peerId: string | null;
  state: EngineState;
  /** Connected, but the room's media is down and being repaired (the reconnect ladder): show "Reconnecting…". */
  mediaDown: boolean;
  error: unknown;
}

/** Failure to reach the room server at all (the engine's own errors keep their protocol codes). */
export class ConnectionError extends Error {
  constructor(
    readonly serverUrl: string,
    options?: { cause?: unknown },
  ) {
    super(`could not connect to ${serverUrl}`, options);
    this.name = 'ConnectionError';
  }
}

/**
 * Owns the one conference engine the app uses: creates it on demand for a server and name, reuses it while those
 * stay the same, replaces it when they change. Exposed as `window.moim.engine` through `onEngine`.
 */
export class EngineHost extends Store<EngineHostState> {
  #key = '';
  #pending: Promise<EnginePort> | null = null;

  constructor(
    private readonly factory: EngineFactory,
    private readonly media: EngineMedia,
    private readonly onEngine: (engine: EnginePort | null) => void = () => {},
  ) {
    super({ engine: null, peerId: null, mediaDown: false, state: 'idle', error: null });
  }

  /** The connected engine for `params`, connecting (or replacing the old engine) first when needed. */
  acquire(params: EngineParams): Promise<EnginePort> {
    const key = JSON.stringify([params.serverUrl, params.displayName, params.iceServers]);
    if (key === this.#key && this.#pending) return this.#pending;
    this.release();
    this.#key = key;
    const pending = this.#start(params);
    this.#pending = pending;
    pending.catch(() => {
      if (this.#pending === pending) {
        this.#pending = null;
        this.#key = '';
      }
    });
    return pending;
  }

  async #start(params: EngineParams): Promise<EnginePort> {
    const key = this.#key;
    this.set({ engine: null, peerId: null, mediaDown: false, state: 'connecting', error: null });
    let engine: EnginePort | null = null;
    try {
      engine = await this.factory({ ...params, media: this.media });
      const onState = (state: EngineState) => {
        if (this.value.engine !== engine) return;
        // An engine that gave up is not reused: the next acquire() builds a new one.
        if (state === 'closed') {
          this.#pending = null;
          this.#key = '';
        }
        this.set({ ...this.value, state });
      };
      const onError = (error: Error) => {
        if (this.value.engine === engine) this.set({ ...this.value, error });
      };
      const onMedia = (media: 'connected' | 'reconnecting') => {
        if (this.value.engine === engine) this.set({ ...this.value, mediaDown: media === 'reconnecting' });
      };
      engine.on('statechange', onState);
      engine.on('mediastate', onMedia);
      engine.on('error', onError);
      this.set({ engine, peerId: null, mediaDown: false, state: 'connecting', error: null });
      this.onEngine(engine);
      const peerId = await engine.connect();
      if (this.value.engine === engine) this.set({ ...this.value, peerId, state: 'connected' });
      return engine;
    } catch (cause) {
      log.error('acquire() | %o [server:%s]', cause, params.serverUrl);
      engine?.close();
      if (this.#key !== key) throw cause;
      const coded = cause !== null && typeof cause === 'object' && 'code' in cause;
      const error = coded ? cause : new ConnectionError(params.serverUrl, { cause });
      this.set({ engine: null, peerId: null, mediaDown: false, state: 'closed', error });
      this.onEngine(null);
      throw error;
    }
  }

  /** Closes the current engine, if any. */
  release(): void {
    const { engine } = this.value;
    this.#pending = null;
    this.#key = '';
    if (engine) {
      engine.close();
      this.onEngine(null);
    }
    this.set({ engine: null, peerId: null, mediaDown: false, state: 'idle', error: null });
  }

  /** Forgets the error the banner shows. */
  dismissError(): void {
    if (this.value.error !== null) this.set({ ...this.value, error: null });
  }
}
