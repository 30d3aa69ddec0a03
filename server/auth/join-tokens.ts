import { errors, jwtVerify, SignJWT } from 'jose';
import { joinTokenClaims, ProtocolError, type JoinTokenClaims } from '../../common/protocol';

/** Only HS256: a token may not pick its own algorithm (no `none`, no key confusion). */
const ALGORITHMS = ['HS256'];
/** Clocks of the portal that mints and of this server may differ a little. */
const CLOCK_TOLERANCE_S = 30;

/** What a verified join token grants: its holder's room, role and name. */
export type JoinGrant = Pick<JoinTokenClaims, 'room' | 'role' | 'name' | 'mode'>;

/**
 * Verifies the signed join tokens of a server run with an auth secret (HS256 JWTs, see common/protocol/join-token.ts).
 * Every failure is a ProtocolError with its own code and a message that quotes nothing from the token.
 */
export class JoinTokens {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    /** Wall-clock time, injectable for tests. */
    private readonly now: () => Date = () => new Date(),
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  /**
   * The grant of `token`, which must be a valid token for `roomId` (any room when undefined): TOKEN_REQUIRED without
   * one, TOKEN_EXPIRED past its `exp`, TOKEN_INVALID when forged, malformed or not valid yet, TOKEN_WRONG_ROOM.
   */
  async verify(token: string | undefined, roomId?: string): Promise<JoinGrant> {
    if (token === undefined) throw new ProtocolError('TOKEN_REQUIRED', 'this server admits only with a join token');
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        algorithms: ALGORITHMS,
        requiredClaims: ['exp'],
        clockTolerance: CLOCK_TOLERANCE_S,
        currentDate: this.now(),
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new ProtocolError('TOKEN_EXPIRED', 'the join token has expired');
      if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nbf') {
        throw new ProtocolError('TOKEN_INVALID', 'the join token is not valid yet');
      }
      throw new ProtocolError('TOKEN_INVALID', 'the join token is not one this server signed');
    }
    const claims = joinTokenClaims.safeParse(payload);
    if (!claims.success) throw new ProtocolError('TOKEN_INVALID', 'the join token lacks a room, role or name');
    const { room, role, name, mode } = claims.data;
    if (roomId !== undefined && room !== roomId) {
      throw new ProtocolError('TOKEN_WRONG_ROOM', `the join token is for another room than ${roomId}`);
    }
    return { room, role, name, ...(mode ? { mode } : {}) };
  }
}

/** What an operator's token says: its claims but `exp`, and how long from now it is valid. */
export interface MintOptions extends JoinGrant {
  ttlSeconds: number;
  /** Not valid before this many seconds from now (default: at once). */
  notBeforeSeconds?: number;
}

/** Signs a join token with `secret` (what an operator's portal does; `moim-server mint-token` for a person). */
export async function mintJoinToken(secret: string, options: MintOptions, now = new Date()): Promise<string> {
  const { ttlSeconds, notBeforeSeconds, ...grant } = options;
  const nowS = Math.floor(now.getTime() / 1000);
  const claims = joinTokenClaims.parse({ ...grant, iat: nowS, exp: nowS + ttlSeconds });
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' });
  if (notBeforeSeconds !== undefined) jwt.setNotBefore(nowS + notBeforeSeconds);
  return jwt.sign(new TextEncoder().encode(secret));
}
