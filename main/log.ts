import createDebug from 'debug';
import { createLogger, WARNINGS_PATTERN, type Logger } from '../common/log';

export type { Logger };

/** Creates the loggers for one main-process module: `moim:main:<area>` and its WARN/ERROR variants. */
export function logger(area: string): Logger {
  return createLogger('main', area);
}

/** Shows warnings and errors unless DEBUG already says what to show. */
export function enableDefaultLogging(env: NodeJS.ProcessEnv): void {
  if (!env.DEBUG) createDebug.enable(WARNINGS_PATTERN);
}
