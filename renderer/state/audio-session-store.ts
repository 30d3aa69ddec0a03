import { createLogger } from '../../common/log';
import type { SessionEndReason } from '../../common/protocol';
import type { LocalMedia } from '../media/local-media';
import type { EngineEvents, EngineListener, EnginePort } from '../services/engine-port';
import { Store } from './store';

const log = createLogger('ui', 'audio-session');

/** What the audio session view renders. */
export interface AudioSessionModel {
  phase: 'idle' | 'joining' | 'active' | 'ended';
  sessionId: string;
  peerName: string | null;
  remote: MediaStream | null;
  local: MediaStream | null;
  muted: boolean;
  /** Why it ended: the server's reason, or 'self' when we ended it. */
  endReason: SessionEndReason | 'self' | null;
  error: unknown;
}

const idle: AudioSessionModel = {
  phase: 'idle',
  sessionId: '',
  peerName: null,
  remote: null,
  local: null,
  muted: false,
  endReason: null,
  error: null,
};

/** Heartbeats go out this many times per idle limit, so one lost beat never ends a session. */
const BEATS_PER_IDLE_LIMIT = 3;

/**
 * Joining a device's audio session with its id and token: our microphone goes out, the device's audio comes in,
 * heartbeats keep the session past the server's idle limit, and either side can end it.
 */
export class AudioSessionStore extends Store<AudioSessionModel> {
  #engine: EnginePort | null = null;
  #timer: ReturnType<typeof setInterval> | null = null;
  readonly #unsubscribe: (() => void)[] = [];

  constructor(private readonly media: Pick<LocalMedia, 'openMicrophone'>) {
    super(idle);
  }

  /** Joins session `sessionId` with `token` on `engine`. */
  async join(engine: EnginePort, sessionId: string, token: string): Promise<void> {
    if (this.value.phase === 'joining' || this.value.phase === 'active') return;
    this.#reset();
    this.#engine = engine;
    this.set({ ...idle, phase: 'joining', sessionId });
    this.#listen(engine, 'track', (remote) => {
      if (remote.track.kind === 'audio') this.set({ ...this.value, remote: new MediaStream([remote.track]) });
    });
    this.#listen(engine, 'sessionjoined', (s) => {
      if (s.sessionId === this.value.sessionId) this.set({ ...this.value, peerName: s.displayName });
    });
    this.#listen(engine, 'sessionended', (s) => {
      if (s.sessionId === this.value.sessionId) this.#finish(s.reason);
    });
    let local: MediaStream | null = null;
    try {
      local = await this.media.openMicrophone();
      const joined = await engine.joinSession(sessionId, token);
      await engine.publish('mic', local);
      log.debug('join() | joined [session:%s]', joined.sessionId);
      this.set({ ...this.value, phase: 'active', local });
      const every = Math.max(1000, Math.floor(joined.idleTimeoutMs / BEATS_PER_IDLE_LIMIT));
      this.#timer = setInterval(() => this.#beat(), every);
    } catch (error) {
      log.error('join() | %o [session:%s]', error, sessionId);
      local?.getTracks().forEach((t) => t.stop());
      this.#reset();
      this.set({ ...idle, sessionId, error });
    }
  }

  #listen<E extends keyof EngineEvents>(engine: EnginePort, event: E, listener: EngineListener<E>): void {
    engine.on(event, listener);
    this.#unsubscribe.push(() => engine.off(event, listener));
  }

  #beat(): void {
    const { sessionId, phase } = this.value;
    if (phase !== 'active' || !this.#engine) return;
    this.#engine.heartbeat(sessionId).catch((error: unknown) => log.error('heartbeat() | %o', error));
  }

  /** Mutes or unmutes our microphone without renegotiating (the device is the only side that offers). */
  setMuted(muted: boolean): void {
    for (const track of this.value.local?.getAudioTracks() ?? []) track.enabled = !muted;
    this.set({ ...this.value, muted });
  }

  /** Ends the session for both sides. */
  async end(): Promise<void> {
    const { sessionId, phase } = this.value;
    if (phase !== 'active' && phase !== 'joining') return;
    try {
      await this.#engine?.endSession(sessionId);
    } catch (error) {
      log.error('end() | %o [session:%s]', error, sessionId);
    }
    this.#finish('self');
  }

  #finish(reason: SessionEndReason | 'self'): void {
    this.#reset();
    this.set({ ...this.value, phase: 'ended', endReason: reason, remote: null, local: null, muted: false });
  }

  #reset(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    for (const off of this.#unsubscribe.splice(0)) off();
    this.value.local?.getTracks().forEach((t) => t.stop());
  }

  /** Stops everything without telling the server (the engine is going away). Safe to call twice. */
  dispose(): void {
    this.#reset();
    this.#engine = null;
  }
}
