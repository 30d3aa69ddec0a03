/**
 * The media half of Moim's reconnect ladder, with no WebRTC in it: it watches one connection's state and, while
 * the connection stays down, climbs a list of ever heavier repairs (ICE restart → new transports → full rejoin),
 * giving each step time to work before the next. Signaling resume is the rung below: when the signaling
 * connection comes back, `retry()` starts over from the lightest step.
 */

/** A connection state as RTCPeerConnection and mediasoup-client transports report it. */
export type LinkState = 'new' | 'connecting' | 'connected' | 'disconnected' | 'failed' | 'closed';

/** One repair on the ladder: `run` may throw or reject; the ladder then waits out the step anyway. */
export interface LadderStep {
  name: string;
  run(): unknown;
  /** How long this step gets before the next one (default: the ladder's `stepTimeoutMs`). */
  waitMs?: number;
}

/** The timer functions the ladder uses (the platform's by default; tests pass fake ones). */
export interface LadderTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Options of a reconnect ladder. */
export interface ReconnectLadderOptions {
  /** Lightest first; the last one repeats for as long as the connection stays down. */
  steps: readonly LadderStep[];
  /** How long 'disconnected' may last before the first step (it often heals by itself). Default 2000. */
  graceMs?: number;
  /** How long each step gets to bring the connection back before the next one. Default 5000. */
  stepTimeoutMs?: number;
  timers?: LadderTimers;
  /** The connection went down for longer than the grace (false), or came back after that (true). */
  onHealth?(healthy: boolean): void;
  /** A step is about to run (for logs and tests). */
  onStep?(step: LadderStep, index: number): void;
  /** A step threw or rejected (it is not retried early: the ladder moves on when its time is up). */
  onStepError?(step: LadderStep, error: unknown): void;
}

const platformTimers: LadderTimers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/** Default grace before the first repair of a 'disconnected' connection. */
export const LADDER_GRACE_MS = 2000;
/** Default time each repair gets. */
export const LADDER_STEP_MS = 5000;

/** Worst of several connection states (a session with two transports is down when either is). */
export function worstLinkState(states: Iterable<LinkState>): LinkState {
  const order: LinkState[] = ['failed', 'disconnected', 'connecting', 'new', 'connected', 'closed'];
  let worst: LinkState = 'closed';
  for (const state of states) if (order.indexOf(state) < order.indexOf(worst)) worst = state;
  return worst;
}

/**
 * Makes a watcher to feed each state of one connection: it answers true exactly when 'connected' follows
 * 'disconnected' or 'failed' (states in between, such as 'connecting', are ignored), the moment decoders need a
 * keyframe again.
 */
export function backAfterOutage(): (state: LinkState) => boolean {
  let down = false;
  return (state) => {
    const back = state === 'connected' && down;
    if (state === 'connected' || state === 'disconnected' || state === 'failed') down = state !== 'connected';
    return back;
  };
}

/**
 * Climbs `steps` while a connection is down: after `graceMs` of 'disconnected' or at once on 'failed', runs the
 * next step every `stepTimeoutMs` until the state is 'connected' again, which resets it to the first step.
 */
export class ReconnectLadder {
  private readonly timers: LadderTimers;
  private readonly graceMs: number;
  private readonly stepTimeoutMs: number;
  private timer: unknown = null;
  private next = 0;
  private down = false;
  private state: LinkState = 'new';
  private suspended = false;
  private closed = false;

  constructor(private readonly options: ReconnectLadderOptions) {
    if (options.steps.length === 0) throw new TypeError('ReconnectLadder() | no steps');
    this.timers = options.timers ?? platformTimers;
    this.graceMs = options.graceMs ?? LADDER_GRACE_MS;
    this.stepTimeoutMs = options.stepTimeoutMs ?? LADDER_STEP_MS;
  }

  /** Whether the ladder considers the connection down (past the grace, not yet connected again). */
  get unhealthy(): boolean {
    return this.down;
  }

  /** Feeds the connection's current state. */
  update(state: LinkState): void {
    if (this.closed) return;
    this.state = state;
    if (state === 'connected') return this.recovered();
    if (this.timer !== null || this.suspended) return;
    if (state === 'failed') this.climb();
    else if (state === 'disconnected') this.schedule(this.graceMs);
  }

  /**
   * The signaling connection dropped: every repair needs it, so stop climbing (the media may heal by itself)
   * until `retry()`.
   */
  suspend(): void {
    this.suspended = true;
    this.cancel();
  }

  /** The signaling connection came back: if the media is still down, start again from the lightest step. */
  retry(): void {
    if (this.closed) return;
    this.suspended = false;
    this.startOver(this.down || this.isDown());
  }

  /**
   * The device's network just came back (the browser's 'online'): a connection still down is repaired now, from
   * the lightest step, rather than after the rest of the grace or step time. Nothing while suspended: every
   * repair needs the signaling connection, and its return calls `retry()`.
   */
  nudge(): void {
    if (!this.closed && !this.suspended && this.isDown()) this.startOver(true);
  }

  /** Stops every timer; the ladder ignores everything after. Safe to call twice. */
  close(): void {
    this.closed = true;
    this.cancel();
  }

  /** Whether the connection's own state says it is down (the ladder's `down` also covers a repair under way). */
  private isDown(): boolean {
    return this.state === 'failed' || this.state === 'disconnected';
  }

  /** Drops the pending wait and goes back to the lightest step, running it now when `climb`. */
  private startOver(climb: boolean): void {
    this.cancel();
    this.next = 0;
    if (climb) this.climb();
  }

  private recovered(): void {
    this.cancel();
    this.next = 0;
    if (!this.down) return;
    this.down = false;
    this.options.onHealth?.(true);
  }

  private climb(): void {
    this.timer = null;
    if (this.closed || this.state === 'connected') return;
    if (!this.down) {
      this.down = true;
      this.options.onHealth?.(false);
    }
    const { steps } = this.options;
    const index = Math.min(this.next, steps.length - 1);
    const step = steps[index]!;
    this.next = index + 1;
    this.schedule(step.waitMs ?? this.stepTimeoutMs);
    this.options.onStep?.(step, index);
    try {
      const result = step.run();
      if (result instanceof Promise) result.catch((error: unknown) => this.options.onStepError?.(step, error));
    } catch (error) {
      this.options.onStepError?.(step, error);
    }
  }

  private schedule(ms: number): void {
    this.cancel();
    this.timer = this.timers.setTimeout(() => this.climb(), ms);
  }

  private cancel(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
