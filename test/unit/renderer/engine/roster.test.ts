// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { diffMembers } from '../../../../renderer/engine/roster';
import type { Member } from '../../../../common/protocol';

describe('member diff after a rejoin', () => {
  const m = (peerId: string, published: Member['published'] = []): Member => ({
    peerId,
    displayName: peerId,
    role: 'presenter',
    published,
  });

  it('reports who left, who is new, and which publishes changed for those who stayed', () => {
    const diff = diffMembers([m('a', ['cam']), m('b', ['mic'])], [m('a', ['cam', 'screen']), m('c')]);
    expect(diff).toEqual({ left: ['b'], joined: [m('c')], published: [['a', 'screen']], unpublished: [] });
    expect(diffMembers([m('a', ['cam'])], [m('a')]).unpublished).toEqual([['a', 'cam']]);
  });
});
