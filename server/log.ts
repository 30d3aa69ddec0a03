import createDebug, { type Debugger } from 'debug';

/** The three `debug` namespaces of one server area: `moim:server:<area>` and its WARN/ERROR variants. */
export interface Logger {
  debug: Debugger;
  warn: Debugger;
  error: Debugger;
}

/** Creates the loggers of one server area, e.g. `createLogger('room')`. */
export function createLogger(area: string): Logger {
  return {
    debug: createDebug(`moim:server:${area}`),
    warn: createDebug(`moim:server:WARN:${area}`),
    error: createDebug(`moim:server:ERROR:${area}`),
  };
}
