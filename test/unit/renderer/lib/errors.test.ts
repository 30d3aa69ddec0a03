// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../../../../common/protocol/errors';
import { errorMessageKey, isCancelled } from '../../../../renderer/lib/errors';
import { ConnectionError } from '../../../../renderer/state/engine-host';

describe('errorMessageKey', () => {
  it('explains protocol errors by their code', () => {
    expect(errorMessageKey(new ProtocolError('ROOM_NOT_FOUND', 'room abc not found'))).toBe('error.ROOM_NOT_FOUND');
    expect(errorMessageKey({ code: 'FORBIDDEN', message: 'x' })).toBe('error.FORBIDDEN');
  });

  it('explains media errors by their DOMException name', () => {
    expect(errorMessageKey(new DOMException('no', 'NotAllowedError'))).toBe('error.permission');
    expect(errorMessageKey(new DOMException('no', 'NotFoundError'))).toBe('error.noDevice');
    expect(errorMessageKey(new DOMException('no', 'NotReadableError'))).toBe('error.deviceBusy');
  });

  it('explains connection failures, and never shows raw text for the rest', () => {
    expect(errorMessageKey(new ConnectionError('ws://x'))).toBe('error.connect');
    expect(errorMessageKey(new Error('stack trace'))).toBe('error.unknown');
    expect(errorMessageKey({ code: 'NOT_A_CODE' })).toBe('error.unknown');
    expect(errorMessageKey(null)).toBe('error.unknown');
  });

  it('treats a cancelled picker as a cancellation, not an error', () => {
    expect(isCancelled(new DOMException('cancelled', 'NotAllowedError'))).toBe(true);
    expect(isCancelled(new Error('x'))).toBe(false);
  });
});
