// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { Member, RoomMode } from '../../../../common/protocol';
import { emptyRoomHint } from '../../../../renderer/lib/room-hints';
import * as room from '../../../../renderer/state/room-model';

const member = (peerId: string, role: Member['role'] = 'presenter'): Member => ({
  peerId,
  displayName: peerId,
  role,
  published: [],
});

function joined(mode: RoomMode, role: Member['role'], others: Member[], viewerCount = 0) {
  return room.applyJoined(room.joiningModel('r1', role, 'Me'), {
    roomId: 'r1',
    mode,
    self: member('me', role),
    members: [member('me', role), ...others],
    viewerCount,
  });
}

describe('emptyRoomHint', () => {
  it('tells a presenter alone in a meeting room to share the link', () => {
    expect(emptyRoomHint(joined('sfu', 'presenter', []))).toEqual({ key: 'room.alone' });
    expect(emptyRoomHint(joined('p2p', 'presenter', []))).toEqual({ key: 'room.alone' });
  });

  it('tells a broadcast presenter with viewers how many watch instead of "nobody is here"', () => {
    expect(emptyRoomHint(joined('broadcast', 'presenter', [], 6))).toEqual({
      key: 'room.audience',
      params: { count: 6 },
    });
    expect(emptyRoomHint(joined('broadcast', 'presenter', [], 0))).toEqual({ key: 'room.alone' });
  });

  it('says nothing once someone else is in the room, to a viewer, or while joining', () => {
    expect(emptyRoomHint(joined('sfu', 'presenter', [member('ana')]))).toBeNull();
    expect(emptyRoomHint(joined('broadcast', 'viewer', [member('pres')], 3))).toBeNull();
    expect(emptyRoomHint(room.joiningModel('r1', 'presenter', 'Me'))).toBeNull();
  });
});
