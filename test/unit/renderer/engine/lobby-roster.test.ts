// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { LobbyRoster } from '../../../../renderer/engine/lobby-roster';

const ann = { peerId: 'ann', displayName: 'Ann', busy: false };
const bob = { peerId: 'bob', displayName: 'Bob', busy: false };

describe('LobbyRoster', () => {
  it('keeps the full list from entering current with joined, changed and left deltas', () => {
    const roster = new LobbyRoster();
    expect(roster.reset([ann])).toEqual([ann]);
    expect(roster.apply({ name: 'lobbyUserJoined', data: { user: bob } })).toEqual([ann, bob]);
    expect(roster.apply({ name: 'lobbyUserChanged', data: { user: { ...bob, busy: true } } })).toEqual([
      ann,
      { ...bob, busy: true },
    ]);
    expect(roster.apply({ name: 'lobbyUserLeft', data: { peerId: 'ann' } })).toEqual([{ ...bob, busy: true }]);
    expect(roster.reset([])).toEqual([]);
  });

  it('ignores a leave of someone unknown and treats a change of someone unknown as present', () => {
    const roster = new LobbyRoster();
    expect(roster.apply({ name: 'lobbyUserLeft', data: { peerId: 'ghost' } })).toEqual([]);
    expect(roster.apply({ name: 'lobbyUserChanged', data: { user: ann } })).toEqual([ann]);
  });
});
