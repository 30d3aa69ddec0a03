import { z } from 'zod';
import { ERROR_CODES } from './errors';

/** Largest frame either side accepts; a bigger frame closes the connection with WebSocket code 1009 (message too big). */
export const MAX_FRAME_BYTES = 64 * 1024;

const requestId = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const methodName = z.string().min(1).max(64);

/** A request: the receiver must answer with a response carrying the same id. */
export const requestEnvelope = z.strictObject({
  id: requestId,
  method: methodName,
  data: z.unknown().optional(),
});

/** The error part of a failed response. */
export const errorBody = z.strictObject({
  code: z.enum(ERROR_CODES),
  message: z.string().max(500),
});

/** A response to a request: ok with data, or not ok with a typed error. */
export const responseEnvelope = z.union([
  z.strictObject({ id: requestId, ok: z.literal(true), data: z.unknown().optional() }),
  z.strictObject({ id: requestId.nullable(), ok: z.literal(false), error: errorBody }),
]);

/** A notification: a push with no answer. */
export const notificationEnvelope = z.strictObject({
  method: methodName,
  data: z.unknown().optional(),
});

export type RequestEnvelope = z.infer<typeof requestEnvelope>;
export type ResponseEnvelope = z.infer<typeof responseEnvelope>;
export type NotificationEnvelope = z.infer<typeof notificationEnvelope>;
export type ErrorBody = z.infer<typeof errorBody>;
