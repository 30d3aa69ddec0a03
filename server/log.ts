import { createLogger as createPartLogger, type Logger } from '../common/log';

export type { Logger };

/** Creates the loggers of one server area, e.g. `createLogger('room')` → `moim:server:room` (see common/log). */
export function createLogger(area: string): Logger {
  return createPartLogger('server', area);
}
