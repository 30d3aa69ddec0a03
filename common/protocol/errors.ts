/** Stable error codes every response error carries; clients switch on these, never on messages. */
export const ERROR_CODES = [
  'BAD_REQUEST',
  'UNKNOWN_METHOD',
  'NOT_CONNECTED',
  'ROOM_NOT_FOUND',
  'NOT_IN_ROOM',
  'ALREADY_IN_ROOM',
  'PEER_NOT_FOUND',
  'FORBIDDEN',
  'TOO_LARGE',
  'RATE_LIMITED',
  'UNSUPPORTED',
  'INVALID_STATE',
  'CALL_NOT_FOUND',
  'SESSION_NOT_FOUND',
  'MEDIA_SERVER_UNAVAILABLE',
  // Signed join tokens (a server run with an auth secret): none given, past its expiry, not signed by this server
  // (or malformed), made out for another room, or granting less than was asked for.
  'TOKEN_REQUIRED',
  'TOKEN_EXPIRED',
  'TOKEN_INVALID',
  'TOKEN_WRONG_ROOM',
  'TOKEN_WRONG_ROLE',
  'INTERNAL',
] as const;

/** One of the stable error codes. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Error with a stable code and a message that is safe to show to the other side. */
export class ProtocolError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'ProtocolError';
    this.code = code;
  }
}
