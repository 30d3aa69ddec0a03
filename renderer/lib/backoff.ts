/** Delay before reconnect attempt `attempt` (0-based): doubling from `baseMs` up to `maxMs`, with ±20 % jitter. */
export function backoffDelay(attempt: number, random: () => number = Math.random, baseMs = 1000, maxMs = 30_000) {
  const plain = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt, 30)));
  return Math.round(plain * (0.8 + 0.4 * random()));
}
