/** Moim's one backoff curve: the engine's reconnect ladder and the kiosk's rejoin loop both space their attempts with it. */

/** How reconnect attempts are spaced. */
export interface BackoffOptions {
  /** Delay before the first attempt, before jitter. */
  initialMs: number;
  /** The delay never grows past this, so a kiosk notices a returning server within `maxMs`. */
  maxMs: number;
  /** Growth per failed attempt. */
  factor: number;
  /** Fraction of each delay that is random (0 = none, 1 = anywhere from 0 to the delay). */
  jitter: number;
}

/**
 * Half a second, doubling, capped at 2 s, half of it random. The kiosk soak showed a 10 s cap leaving kiosks black
 * up to 14 s after a server restart, and a 4 s cap up to 7.6 s (the kiosk's and the presenter's waits add up); a
 * reconnect every 1–2 s from each client of a server that is down is still nothing for it to refuse or answer.
 */
export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 2000, factor: 2, jitter: 0.5 };

/**
 * Delay before reconnect attempt `attempt` (0-based): capped exponential growth, then jitter taken off the top
 * so that many clients dropped by one server restart don't all come back in the same instant.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, random = Math.random): number {
  const { initialMs, maxMs, factor, jitter } = options;
  // Clamp the exponent: 2 ** 2000 is Infinity, and Infinity * 0 jitter would be NaN.
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), 64);
  const capped = Math.min(maxMs, initialMs * factor ** exponent);
  const spread = Math.min(Math.max(jitter, 0), 1);
  return Math.round(capped * (1 - spread * random()));
}
