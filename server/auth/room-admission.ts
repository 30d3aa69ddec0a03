import { ProtocolError, type Role, type RoomMode, type TokenRole } from '../../common/protocol';

/**
 * The role a token holder gets in a room of `mode`. The token's role is a ceiling: `presenter` presents anywhere,
 * `member` takes part in meeting rooms and watches a broadcast, `viewer` watches. Asking for more than that is
 * TOKEN_WRONG_ROLE (never a silent downgrade an operator would not notice); asking for less (to watch) is fine.
 */
export function roleUnderToken(granted: TokenRole, mode: RoomMode, wish: Role | undefined): Role {
  const ceiling: Role =
    granted === 'presenter' || (granted === 'member' && mode !== 'broadcast') ? 'presenter' : 'viewer';
  if (wish === 'presenter' && ceiling === 'viewer') {
    throw new ProtocolError('TOKEN_WRONG_ROLE', `the join token lets its holder only watch a ${mode} room`);
  }
  return wish ?? ceiling;
}

/** Opening (hosting) a room takes a token that may publish in it: a presenter's, or a member's for a meeting room. */
export function checkMayOpen(granted: TokenRole, mode: RoomMode): void {
  if (roleUnderToken(granted, mode, undefined) !== 'presenter') {
    throw new ProtocolError('TOKEN_WRONG_ROLE', `the join token may not open a ${mode} room`);
  }
}
