import type { SfuTransports } from './sfu-transports';

/**
 * What the SFU session's producer and consumer halves read from the session: the transports of the current
 * set-up (replaced on `mediaReset`), its generation, whether the session closed, and where failures go.
 */
export interface SfuSetUp {
  transports(): SfuTransports;
  generation(): number;
  closed(): boolean;
  /** Reports a failure of set-up `generation`; one already replaced or closed is only logged. */
  fail(what: string, error: unknown, generation: number): void;
}
