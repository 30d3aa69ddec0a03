import { createLogger as createPartLogger, type Logger } from '../../common/log';

export type { Logger };

/** Creates the loggers of one engine area, e.g. `createLogger('sfu')` → `moim:engine:sfu` (see common/log). */
export function createLogger(area: string): Logger {
  return createPartLogger('engine', area);
}
