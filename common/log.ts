import createDebug, { type Debugger } from 'debug';

/** The parts of Moim that log: the room server, Electron main, the renderer's engine and its UI. */
export type LogPart = 'server' | 'main' | 'engine' | 'ui';

/** One area's three `debug` namespaces: `moim:<part>:<area>`, `moim:<part>:WARN:<area>`, `moim:<part>:ERROR:<area>`. */
export interface Logger {
  debug: Debugger;
  warn: Debugger;
  error: Debugger;
}

/**
 * Every warning and error of every part, and nothing else: what a process shows when `DEBUG` is unset.
 * `DEBUG='moim:*'` shows everything; `DEBUG='moim:server:*'` one part.
 */
export const WARNINGS_PATTERN = 'moim:*:WARN:*,moim:*:ERROR:*';

/** Creates the loggers of one area of one part, e.g. `createLogger('server', 'room')`. */
export function createLogger(part: LogPart, area: string): Logger {
  return {
    debug: createDebug(`moim:${part}:${area}`),
    warn: createDebug(`moim:${part}:WARN:${area}`),
    error: createDebug(`moim:${part}:ERROR:${area}`),
  };
}
