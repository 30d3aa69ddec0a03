// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { CHAT_HISTORY, RoomExtrasState } from '../../../../server/rooms/room-extras';

describe('RoomExtrasState', () => {
  it('keeps only the last CHAT_HISTORY messages for late joiners, with ids that keep counting', () => {
    const state = new RoomExtrasState();
    for (let i = 1; i <= CHAT_HISTORY + 5; i++) {
      state.addChat({ from: 'p1', displayName: 'Ann', text: `m${i}`, sentAt: i });
    }
    const { chat } = state.snapshot(() => true);
    expect(chat).toHaveLength(CHAT_HISTORY);
    expect(chat[0]).toMatchObject({ id: 6, text: 'm6' });
    expect(chat.at(-1)).toMatchObject({ id: CHAT_HISTORY + 5, text: `m${CHAT_HISTORY + 5}` });
  });

  it('hands a joiner only the hands it may see', () => {
    const state = new RoomExtrasState();
    state.hands.set('viewer', 'Vi');
    state.hands.set('member', 'Mo');
    expect(state.snapshot((id) => id === 'member').hands).toEqual([{ peerId: 'member', displayName: 'Mo' }]);
  });
});
