import { ReconnectLadder, type LadderTimers } from '../engine/reconnect-ladder';

/** What the kiosk watchdog sees at each check. */
export interface KioskSight {
  /** The room has a live presenter whose video the kiosk shows. */
  presenterLive: boolean;
  /** The engine is connected and in the room (a reconnect in progress is the engine's own ladder). */
  connected: boolean;
  /** Milliseconds since the shown video presented a new frame. */
  frameAgeMs: number;
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
}

/**
 * The kiosk never stays black: when the room has a live presenter but the shown video decodes no new frame for
 * `stallMs` while connected, it re-subscribes, then recreates the transport, then reloads the view — each step
 * logged, each given `stepMs` to work; a moving picture resets it to the first step.
 */
export class KioskWatchdog {
  private readonly ladder: ReconnectLadder;
  private readonly stallMs: number;

  constructor(private readonly options: KioskWatchdogOptions) {
    const { repairs, stepMs = 5000, log } = options;
    this.stallMs = options.stallMs ?? 4000;
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
    // Nothing to show (no presenter) or the engine's own reconnect under way: nothing for the watchdog to repair.
    const stalled = sight.presenterLive && sight.connected && sight.frameAgeMs > this.stallMs;
    this.ladder.update(stalled ? 'failed' : 'connected');
  }

  /** Stops every timer; safe to call twice. */
  close(): void {
    this.ladder.close();
  }
}
