import { ERROR_CODES, type ErrorCode } from '../../common/protocol/errors';
import type { MessageKey } from '../i18n/messages';

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/**
 * The message key that explains `error` to a person: protocol error codes by code, media errors by their
 * DOMException name, connection failures as such; anything else gets a generic sentence (never raw text).
 */
export function errorMessageKey(error: unknown): MessageKey {
  const code = error !== null && typeof error === 'object' && 'code' in error ? error.code : undefined;
  if (isErrorCode(code)) return `error.${code}`;
  // The engine's own transport codes: the server could not be reached or stopped answering.
  if (code === 'TIMEOUT' || code === 'CLOSED') return 'error.connect';
  const name = error !== null && typeof error === 'object' && 'name' in error ? error.name : undefined;
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'error.permission';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'error.noDevice';
    case 'NotReadableError':
    case 'AbortError':
      return 'error.deviceBusy';
    case 'ConnectionError':
    case 'WebSocketError':
      return 'error.connect';
    case 'InvalidStateError':
      return 'error.INVALID_STATE';
    case 'UnsupportedError':
      return 'error.UNSUPPORTED';
    case 'InsecureContextError':
      return 'error.insecureContext';
    default:
      return 'error.unknown';
  }
}

/** True for the expected end of a cancelled screen-source choice: nothing to report. */
export function isCancelled(error: unknown): boolean {
  return error !== null && typeof error === 'object' && 'name' in error && error.name === 'NotAllowedError';
}
