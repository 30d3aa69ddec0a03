import { ReconnectLadder, type LadderTimers } from '../engine/reconnect-ladder';

/** What the kiosk watchdog sees at each check. */
export interface KioskSight {
  /** The room has a live presenter whose video the kiosk shows. */
  presenterLive: boolean;
  /** The engine is connected and in the room (a reconnect in progress is the engine's own ladder). */
  connected: boolean;
  /** Milliseconds since the shown video presented a new frame (or since it was attached, before the first). */
  frameAgeMs: number;
  /** The shown video presented a frame since it was attached: only then is a young age a moving picture. */
  framePresented: boolean;
}

/** The watchdog's repairs, lightest first. */
export interface KioskRepairs {
  /** Consume the presenter's producers again (the server replaces each consumer). */
  resubscribe(): unknown;
  /** New transports (and with them new consumers). */
  recreate(): unknown;
  /** Reload the view: a fresh page, engine and join. */
  reload(): unknown;
}

/** Options of the kiosk watchdog. */
export interface KioskWatchdogOptions {
  repairs: KioskRepairs;
  /** No new frame for this long while a presenter is live and the kiosk connected: repair. Default 4000. */
  stallMs?: number;
  /** How long each repair gets before the next. Default 5000. */
  stepMs?: number;
  /** Each step, as a line for the kiosk's log. */
  log(line: string): void;
  timers?: LadderTimers;
  /** The clock in ms (default Date.now). */
  now?: () => number;
}

/**
 * The kiosk never stays black: when the room has a live presenter but the shown video decodes no new frame for
 * `stallMs` while connected, it re-subscribes, then recreates the transport, then reloads the view — each step
 * logged, each given `stepMs` to work; a moving picture resets it to the first step.
 */
export class KioskWatchdog {
  private readonly ladder: ReconnectLadder;
  private readonly stallMs: number;
  private readonly now: () => number;
  /** Since when nothing could be watched (no presenter's video, or not connected); null while there is. */
  private absentSince: number | null = null;

  constructor(private readonly options: KioskWatchdogOptions) {
    const { repairs, stepMs = 5000, log } = options;
    this.stallMs = options.stallMs ?? 4000;
    this.now = options.now ?? (() => Date.now());
    this.ladder = new ReconnectLadder({
      steps: [
        { name: 're-subscribe', run: () => repairs.resubscribe() },
        { name: 'recreate transport', run: () => repairs.recreate() },
        { name: 'reload view', run: () => repairs.reload() },
      ],
      stepTimeoutMs: stepMs,
      timers: options.timers,
      onHealth: (healthy) => log(healthy ? 'kiosk watchdog: video is back' : 'kiosk watchdog: no new frame'),
      onStep: (step, index) => log(`kiosk watchdog: step ${index + 1}: ${step.name}`),
      onStepError: (step, error) => log(`kiosk watchdog: ${step.name} failed: ${String(error)}`),
    });
  }

  /** Whether the watchdog is repairing (the picture has been stalled past `stallMs`). */
  get repairing(): boolean {
    return this.ladder.unhealthy;
  }

  /** Feeds one look at the kiosk; call it every second or so. */
  check(sight: KioskSight): void {
    if (!sight.presenterLive || !sight.connected) return this.absent();
    this.absentSince = null;
    if (sight.frameAgeMs > this.stallMs) this.ladder.update('failed');
    else if (sight.framePresented) this.ladder.update('connected');
    // Else a video attached moments ago with no frame yet (a repair just replaced it): not yet a verdict either way.
  }

  /**
   * Nothing to watch: a repair replacing the presenter's stream makes a gap of a moment, which must not reset the
   * ladder (it would re-subscribe forever, never climbing); a gap longer than `stallMs` means the presenter left
   * or the engine's own reconnect is under way: nothing for the watchdog to repair.
   */
  private absent(): void {
    this.absentSince ??= this.now();
    if (this.now() - this.absentSince > this.stallMs) this.ladder.update('connected');
  }

  /** Stops every timer; safe to call twice. */
  close(): void {
    this.ladder.close();
  }
}
