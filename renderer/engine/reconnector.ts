import { backoffDelay, type BackoffOptions } from './backoff';
import { createLogger } from './log';

const log = createLogger('reconnect');

/** Options of a reconnector. */
export interface ReconnectorOptions {
  /** One try; resolves when everything is back, throws to be retried. */
  attempt: (attempt: number) => Promise<void>;
  backoff: BackoffOptions;
  random?: () => number;
  /** Told before each wait, for diagnostics and tests. */
  onRetry?: (attempt: number, delayMs: number) => void;
}

/** Runs `attempt` with capped exponential backoff until it succeeds or `stop()` is called; never gives up. */
export class Reconnector {
  private generation = 0;
  private active = false;
  private cancelWait: (() => void) | null = null;
  /** The next wait is skipped: the network came back while an attempt was still out. */
  private hurried = false;

  constructor(private readonly options: ReconnectorOptions) {}

  /** True while a loop runs. */
  get running(): boolean {
    return this.active;
  }

  /** Starts the loop; does nothing if one is already running (it will pick up whatever broke now). */
  start(): void {
    if (this.active) return;
    this.active = true;
    void this.loop(++this.generation);
  }

  /** Stops the loop, including a wait in progress; `start()` may begin a new one later. */
  stop(): void {
    this.generation++;
    this.active = false;
    this.hurried = false;
    this.cancelWait?.();
  }

  /**
   * The network came back: try now rather than at the end of the backoff wait (or, with an attempt out, straight
   * after it fails). The backoff spares a server that is down; a device that was offline has nothing to spare.
   */
  hurry(): void {
    if (!this.active) return;
    if (this.cancelWait) this.cancelWait();
    else this.hurried = true;
  }

  private async loop(generation: number): Promise<void> {
    const { attempt, backoff, random, onRetry } = this.options;
    for (let n = 0; ; n++) {
      const delay = this.hurried ? 0 : backoffDelay(n, backoff, random);
      this.hurried = false;
      onRetry?.(n, delay);
      await this.wait(delay);
      if (generation !== this.generation) return;
      try {
        await attempt(n);
        if (generation === this.generation) this.active = false;
        log.debug('attempt %d succeeded', n);
        return;
      } catch (error) {
        if (generation !== this.generation) return;
        log.warn('attempt %d failed: %s', n, error instanceof Error ? error.message : String(error));
      }
    }
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.cancelWait = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.cancelWait = done;
    });
  }
}
