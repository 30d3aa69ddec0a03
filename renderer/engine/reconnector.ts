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
    this.cancelWait?.();
  }

  private async loop(generation: number): Promise<void> {
    const { attempt, backoff, random, onRetry } = this.options;
    for (let n = 0; ; n++) {
      const delay = backoffDelay(n, backoff, random);
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
