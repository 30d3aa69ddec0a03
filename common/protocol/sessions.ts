/** Device audio sessions: one device opens a session with a token, another joins it, both keep it alive. */
import { z } from 'zod';
import { displayName, empty, id } from './primitives';

/** Why a device audio session ended. */
export const sessionEndReason = z.enum(['ended', 'idle', 'peerLeft']);
export type SessionEndReason = z.infer<typeof sessionEndReason>;

/** Requests that open, join, keep alive and end an audio session. */
export const sessionMethods = {
  createSession: {
    request: z.strictObject({ type: z.literal('audio') }),
    response: z.strictObject({ sessionId: id, token: z.string(), idleTimeoutMs: z.number().int().positive() }),
  },
  joinSession: {
    request: z.strictObject({ sessionId: id, token: z.string().min(1).max(256) }),
    response: z.strictObject({ sessionId: id, peerId: id, idleTimeoutMs: z.number().int().positive() }),
  },
  heartbeat: { request: z.strictObject({ sessionId: id }), response: empty },
  endSession: { request: z.strictObject({ sessionId: id }), response: empty },
} as const;

/** Pushes about a session's other side. */
export const sessionNotifications = {
  sessionJoined: z.strictObject({ sessionId: id, peerId: id, displayName }),
  sessionEnded: z.strictObject({ sessionId: id, reason: sessionEndReason }),
} as const;
