import createDebug from 'debug';

/** A module's loggers: `moim:<ns>` for tracing, `moim:WARN:<ns>` and `moim:ERROR:<ns>` for trouble. */
export interface Logger {
  debug: (format: string, ...args: unknown[]) => void;
  warn: (format: string, ...args: unknown[]) => void;
  error: (format: string, ...args: unknown[]) => void;
}

/** Creates the loggers for one main-process module. */
export function logger(namespace: string): Logger {
  return {
    debug: createDebug(`moim:${namespace}`),
    warn: createDebug(`moim:WARN:${namespace}`),
    error: createDebug(`moim:ERROR:${namespace}`),
  };
}

/** Shows warnings and errors unless DEBUG already says what to show. */
export function enableDefaultLogging(env: NodeJS.ProcessEnv): void {
  if (!env.DEBUG) createDebug.enable('moim:WARN:*,moim:ERROR:*');
}
