import { ProtocolError, type ErrorCode } from '../../common/protocol';
import { createLogger } from '../log';

const log = createLogger('sfu');

/** An id the caller gave that names none of its own live objects; unknown and foreign ids answer alike. */
export function notYours(what: 'transport' | 'producer' | 'consumer', id: string): ProtocolError {
  return new ProtocolError('INVALID_STATE', `no ${what} ${id} of yours is open`);
}

/** The peer's media was torn down (it left, or the worker died) while its request was in flight. */
export function mediaGone(): ProtocolError {
  return new ProtocolError('INVALID_STATE', 'your media was closed meanwhile; set it up again');
}

// mediasoup's error classes, recognised by name so fakes need not import mediasoup. The worker answers a
// bad argument with TypeError and a request that its state forbids (connect twice…) with a plain Error.
const CODES: Record<string, ErrorCode> = {
  TypeError: 'BAD_REQUEST',
  UnsupportedError: 'UNSUPPORTED',
  InvalidStateError: 'INVALID_STATE',
  Error: 'INVALID_STATE',
};

/**
 * Runs a mediasoup call; its expected failures (bad parameters, unsupported, closed object) become a
 * ProtocolError with a fixed message — mediasoup's own text is logged, never sent. Anything else is rethrown.
 */
export async function mediasoupCall<T>(action: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const code = error instanceof Error && Object.hasOwn(CODES, error.name) ? CODES[error.name] : undefined;
    if (error instanceof ProtocolError || code === undefined) throw error;
    log.warn('%s | refused by mediasoup: %s', action, (error as Error).message);
    throw new ProtocolError(code, `${action}: the media server refused it`);
  }
}
