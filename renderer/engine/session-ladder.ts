import { createLogger } from './log';
import { ReconnectLadder, type LadderTimers } from './reconnect-ladder';

const log = createLogger('ladder');

/** The three repairs of a media session's connection, lightest first. */
export interface SessionRepairs {
  /** Restart ICE on what is down (P2P: restartIce + a new offer; SFU: the server's restartIce per transport). */
  restartIce(): unknown;
  /** Replace the connection (P2P: a new RTCPeerConnection; SFU: new transports, producers and consumers). */
  recreate(): unknown;
  /** Leave and join the room again with a new session; what is published is published again. */
  rejoin(): unknown;
}

/**
 * How long each rung gets: the ICE restart long enough that a 10 s outage heals without new transports. The grace
 * for 'disconnected' is 5 s because on a lossy path (3 % loss, 80 ms) Chromium reports it for a few seconds and
 * recovers alone; restarting ICE after 2 s stalled such a viewer for 4–9 s instead of ~2.5 s (lossy-path.spec).
 * 'failed' skips the grace.
 */
export const SESSION_LADDER_TIMING = { graceMs: 5000, restartIceMs: 10_000, recreateMs: 8000, rejoinMs: 10_000 };

/**
 * The reconnect ladder of one media connection (`what`, for the logs): ICE restart → recreate → rejoin, each
 * step logged; `onHealth` hears when the media went down past the grace and when it came back.
 */
export function createSessionLadder(
  what: string,
  repairs: SessionRepairs,
  onHealth: (healthy: boolean) => void,
  options: { timing?: Partial<typeof SESSION_LADDER_TIMING>; timers?: LadderTimers } = {},
): ReconnectLadder {
  const timing = { ...SESSION_LADDER_TIMING, ...options.timing };
  return new ReconnectLadder({
    steps: [
      { name: 'ICE restart', run: () => repairs.restartIce(), waitMs: timing.restartIceMs },
      { name: 'recreate', run: () => repairs.recreate(), waitMs: timing.recreateMs },
      { name: 'rejoin', run: () => repairs.rejoin(), waitMs: timing.rejoinMs },
    ],
    graceMs: timing.graceMs,
    timers: options.timers,
    onHealth: (healthy) => {
      if (healthy) log.warn('media connected again [%s]', what);
      else log.warn('media down [%s]', what);
      onHealth(healthy);
    },
    onStep: (step, index) => log.warn('step %d: %s [%s]', index + 1, step.name, what),
    onStepError: (step, error) => log.warn('%s failed [%s]: %o', step.name, what, error),
  });
}
