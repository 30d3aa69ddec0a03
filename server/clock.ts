/** Opaque handle of a timer scheduled through a Clock. */
export type TimerHandle = object;

/**
 * Time as the server sees it: a monotonic `now()` in milliseconds and one-shot timers.
 * Injected everywhere so unit tests can drive timeouts with a fake clock instead of sleeping.
 */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle | null | undefined): void;
}

/** The real clock: `performance.now()` and Node timers. */
export const systemClock: Clock = {
  now: () => performance.now(),
  setTimeout(callback, ms) {
    const timer = setTimeout(callback, ms);
    // Timers never keep the process alive on their own: the listening socket does that.
    timer.unref();
    return timer;
  },
  clearTimeout(handle) {
    if (handle) clearTimeout(handle as NodeJS.Timeout);
  },
};
