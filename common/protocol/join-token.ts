import { z } from 'zod';
import { displayName, id, roomMode } from './primitives';

/**
 * A signed join token as it travels (an HS256 JWT in compact form: three base64url parts). Only its shape is checked
 * here; the server checks the signature, the expiry and the claims.
 */
export const joinToken = z
  .string()
  .max(4096, 'join token is longer than 4096 characters')
  .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'expected a signed join token');

/**
 * What a token lets its holder be: `presenter` presents in a broadcast (and may open the room), `member` takes part
 * in a meeting room (and may open it) but only watches a broadcast, `viewer` only ever watches.
 */
export const tokenRole = z.enum(['presenter', 'member', 'viewer']);
export type TokenRole = z.infer<typeof tokenRole>;

/**
 * The claims of a join token. `exp` is required (seconds since the epoch, as in every JWT); `mode` says what kind of
 * room a presenter's or member's client opens when the room does not exist yet. Other registered claims (iss, sub,
 * jti…) may be present and are ignored.
 */
export const joinTokenClaims = z.object({
  room: id,
  role: tokenRole,
  name: displayName,
  exp: z.number().int().positive(),
  nbf: z.number().int().positive().optional(),
  iat: z.number().int().positive().optional(),
  mode: roomMode.optional(),
});
export type JoinTokenClaims = z.infer<typeof joinTokenClaims>;

/**
 * The claims a token says it carries, read without checking its signature (only the server can): for a client to
 * know which kind of room its presenter link opens. Null when the token is not readable as one.
 */
export function readTokenClaims(token: string): JoinTokenClaims | null {
  if (!joinToken.safeParse(token).success) return null;
  try {
    const base64 = token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
    const claims = joinTokenClaims.safeParse(JSON.parse(json));
    return claims.success ? claims.data : null;
  } catch {
    return null;
  }
}
