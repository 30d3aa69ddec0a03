import type { ErrorCode } from '../../common/protocol';

/** Codes a request can fail with: the server's stable codes plus the client's own transport failures. */
export type SignalingErrorCode = ErrorCode | 'TIMEOUT' | 'CLOSED' | 'INVALID_RESPONSE';

/** A failed signaling request; `code` is the server's stable error code or a client-side transport code. */
export class SignalingError extends Error {
  readonly code: SignalingErrorCode;
  readonly method: string;

  constructor(code: SignalingErrorCode, message: string, method: string) {
    super(message);
    this.name = 'SignalingError';
    this.code = code;
    this.method = method;
  }
}

/** The engine (or one of its parts) is in a state where the call makes no sense, e.g. closed. */
export class InvalidStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidStateError';
  }
}

/** The platform or the room lacks what the call needs, e.g. no RTCPeerConnection or no session for a mode. */
export class UnsupportedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedError';
  }
}

/** True when `error` is a SignalingError with one of `codes`. */
export function hasCode(error: unknown, ...codes: SignalingErrorCode[]): error is SignalingError {
  return error instanceof SignalingError && codes.includes(error.code);
}

/** An Error from anything thrown. */
export function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
