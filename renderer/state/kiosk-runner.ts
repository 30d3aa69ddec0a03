import { createLogger } from '../../common/log';
import { backoffDelay, DEFAULT_BACKOFF } from '../engine/backoff';
import type { EnginePort, EngineState } from '../services/engine-port';
import type { RoomSession } from './room-session';
import { Store } from './store';

const log = createLogger('ui', 'kiosk');

/** For this long after its room went away, a kiosk asks for it again quickly. */
const RETURNING_ROOM_MS = 60_000;

/** Whether a join failed because the room is not open (yet, or any more). */
export function roomNotOpen(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ROOM_NOT_FOUND';
}

/** What the kiosk shows: connecting, retrying after a failure, or watching a room session. */
export interface KioskModel {
  phase: 'connecting' | 'joining' | 'watching' | 'retrying' | 'stopped';
  session: RoomSession | null;
  attempt: number;
  error: unknown;
}

/** What the kiosk runner needs from the app. */
export interface KioskRunnerOptions {
  acquire(): Promise<EnginePort>;
  /** A viewer session for the kiosk's room on `engine`; `onLeft` must be passed through to the session. */
  createSession(engine: EnginePort, onLeft: (reason: 'left' | 'closed' | 'replaced') => void): RoomSession;
  random?: () => number;
}

/**
 * Keeps a kiosk watching its room forever: joins as a viewer, and after any failure (server down, room not open
 * yet, room closed, engine gave up) tries again with backoff. The engine's own reconnects are left to it.
 */
export class KioskRunner extends Store<KioskModel> {
  #stopped = false;
  #running = false;
  /** When the kiosk last stopped watching (-Infinity: never watched). */
  #watchedAt = -Infinity;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #offState: (() => void) | null = null;

  constructor(private readonly options: KioskRunnerOptions) {
    super({ phase: 'connecting', session: null, attempt: 0, error: null });
  }

  /** Starts (or restarts) watching. */
  start(): void {
    this.#stopped = false;
    void this.#run();
  }

  async #run(): Promise<void> {
    if (this.#running || this.#stopped) return;
    this.#running = true;
    this.#clear();
    try {
      this.set({ ...this.value, phase: 'connecting', session: null });
      const engine = await this.options.acquire();
      if (this.#stopped) return;
      const onState = (state: EngineState) => {
        if (state === 'closed') this.#retry(null);
      };
      engine.on('statechange', onState);
      this.#offState = () => engine.off('statechange', onState);
      const session = this.options.createSession(engine, (reason) => {
        if (reason !== 'left') this.#retry(null);
      });
      this.set({ ...this.value, phase: 'joining', session });
      await session.join();
      log.debug('run() | watching [room:%s]', session.value.roomId);
      this.set({ ...this.value, phase: 'watching', attempt: 0, error: null });
    } catch (error) {
      this.#running = false;
      this.#retry(error);
      return;
    }
    this.#running = false;
  }

  #retry(error: unknown): void {
    if (this.#stopped || this.#timer !== null) return;
    if (this.value.phase === 'watching') this.#watchedAt = Date.now();
    this.value.session?.dispose();
    this.#offState?.();
    this.#offState = null;
    const attempt = this.value.attempt;
    // A room gone moments ago (its server restarted, its host is re-creating it) comes back any moment: ask at the
    // backoff's first steps only, not its cap. A room closed for the day is asked for at the cap.
    const returning = roomNotOpen(error) && Date.now() - this.#watchedAt < RETURNING_ROOM_MS;
    const delay = backoffDelay(returning ? Math.min(attempt, 1) : attempt, DEFAULT_BACKOFF, this.options.random);
    log.debug('retry() | in %d ms [attempt:%d]', delay, attempt);
    this.set({ phase: 'retrying', session: null, attempt: attempt + 1, error });
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#run();
    }, delay);
  }

  #clear(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** Stops watching and leaves the room. Safe to call twice. */
  stop(): void {
    this.#stopped = true;
    this.#clear();
    this.#offState?.();
    this.#offState = null;
    void this.value.session?.leave();
    this.set({ ...this.value, phase: 'stopped', session: null });
  }
}
