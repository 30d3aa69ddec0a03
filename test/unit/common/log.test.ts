import createDebug from 'debug';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, WARNINGS_PATTERN, type LogPart } from '../../../common/log';

const PARTS: LogPart[] = ['server', 'main', 'engine', 'ui'];

describe('createLogger', () => {
  const before = createDebug.disable();
  afterEach(() => createDebug.enable(before));

  it('names every part the same way: moim:<part>:<area> with WARN and ERROR before the area', () => {
    const log = createLogger('engine', 'sfu');
    expect([log.debug.namespace, log.warn.namespace, log.error.namespace]).toEqual([
      'moim:engine:sfu',
      'moim:engine:WARN:sfu',
      'moim:engine:ERROR:sfu',
    ]);
  });

  it('one pattern shows every warning and error of every part, and no tracing', () => {
    createDebug.enable(WARNINGS_PATTERN);
    for (const part of PARTS) {
      const log = createLogger(part, 'area');
      expect([part, log.warn.enabled, log.error.enabled, log.debug.enabled]).toEqual([part, true, true, false]);
    }
  });

  it('moim:* shows everything, moim:<part>:* only that part', () => {
    createDebug.enable('moim:*');
    expect(PARTS.every((part) => createLogger(part, 'x').debug.enabled)).toBe(true);
    createDebug.enable('moim:server:*');
    expect(createLogger('server', 'room').debug.enabled).toBe(true);
    expect(createLogger('server', 'room').warn.enabled).toBe(true);
    expect(createLogger('ui', 'kiosk').warn.enabled).toBe(false);
  });
});
