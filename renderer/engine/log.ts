import createDebug from 'debug';

/** A module's three log channels: `moim:<name>`, `moim:<name>:WARN`, `moim:<name>:ERROR`. */
export interface Logger {
  debug: createDebug.Debugger;
  warn: createDebug.Debugger;
  error: createDebug.Debugger;
}

/** Creates the debug namespaces of one engine module (enable with `localStorage.debug = 'moim:*'`). */
export function createLogger(name: string): Logger {
  const base = `moim:${name}`;
  return { debug: createDebug(base), warn: createDebug(`${base}:WARN`), error: createDebug(`${base}:ERROR`) };
}
