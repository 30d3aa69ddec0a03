// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { distinctNames } from '../../../../renderer/lib/display-names';
import { tilesOf } from '../../../../renderer/lib/layout';
import * as room from '../../../../renderer/state/room-model';

describe('distinctNames', () => {
  it('keeps unique names and numbers later people with the same name, ignoring case and spaces', () => {
    const names = distinctNames([
      { peerId: 'a', displayName: 'Ana' },
      { peerId: 'b', displayName: 'Bo' },
      { peerId: 'c', displayName: 'ana ' },
      { peerId: 'd', displayName: 'Ana' },
    ]);
    expect([...names.values()]).toEqual(['Ana', 'Bo', 'ana (2)', 'Ana (3)']);
  });
});

describe('tilesOf with the same name twice', () => {
  it('shows the same person in a second tab as "Ana (2)", ourselves first', () => {
    const model = room.applyJoined(room.joiningModel('r1', 'presenter', 'Ana'), {
      roomId: 'r1',
      mode: 'sfu',
      self: { peerId: 'me', displayName: 'Ana', role: 'presenter', published: [] },
      members: [{ peerId: 'tab2', displayName: 'Ana', role: 'presenter', published: [] }],
      viewerCount: 0,
    });
    expect(tilesOf(model).map((t) => [t.local, t.displayName])).toEqual([
      [true, 'Ana'],
      [false, 'Ana (2)'],
    ]);
  });
});
