import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../../common/protocol';
import { REACTION_MS, RoomExtrasStore, type ExtrasTimers } from '../../../../renderer/state/room-extras-store';
import { FakeEngine } from '../support/fake-engine';

/** Timers the test fires by hand: `fire(ms)` runs what was due after `ms`. */
function manualTimers() {
  const pending: { run: () => void; ms: number }[] = [];
  const timers: ExtrasTimers = {
    later(run, ms) {
      const entry = { run, ms };
      pending.push(entry);
      return () => pending.splice(pending.indexOf(entry), 1);
    },
  };
  const fire = (ms: number) => {
    for (const entry of pending.filter((e) => e.ms <= ms)) {
      pending.splice(pending.indexOf(entry), 1);
      entry.run();
    }
  };
  return { timers, fire, pending };
}

let nextId = 1;
function chat(from: string, text = 'hi'): ChatMessage {
  return { id: nextId++, from, displayName: from, text, sentAt: 1 };
}

function setUp() {
  const engine = new FakeEngine();
  const clock = manualTimers();
  const store = new RoomExtrasStore(engine, clock.timers);
  return { engine, store, ...clock };
}

describe('RoomExtrasStore', () => {
  it('counts others’ messages as unread while the chat is closed, never our own, and opening reads them all', () => {
    const { engine, store } = setUp();
    engine.emit('chat', chat('bo'));
    engine.emit('chat', chat('me'));
    engine.emit('chat', chat('bo'));
    expect(store.value.unread).toBe(2);
    store.setChatOpen(true);
    expect(store.value.unread).toBe(0);
    engine.emit('chat', chat('bo'));
    expect(store.value.unread).toBe(0);
    expect(store.value.chat).toHaveLength(4);
  });

  it('takes the recent chat, hands and recording from the join snapshot, without counting history as unread', () => {
    const { engine, store } = setUp();
    engine.emit('roomextras', {
      recording: true,
      hands: [{ peerId: 'bo', displayName: 'Bo' }],
      chat: [chat('bo', 'earlier')],
    });
    expect(store.value).toMatchObject({ recording: true, unread: 0, hands: [{ peerId: 'bo' }] });
    expect(store.value.chat.map((m) => m.text)).toEqual(['earlier']);
  });

  it('shows a reaction for REACTION_MS, then drops it', () => {
    const { engine, store, fire } = setUp();
    engine.emit('reaction', { peerId: 'bo', displayName: 'Bo', reaction: 'clap' });
    expect(store.value.reactions).toMatchObject([{ displayName: 'Bo', reaction: 'clap' }]);
    fire(REACTION_MS);
    expect(store.value.reactions).toEqual([]);
  });

  it('raises our hand when it is down and lowers it when the room says it is up', async () => {
    const { engine, store } = setUp();
    await store.toggleHand();
    expect(engine.extras.raiseHand).toHaveBeenLastCalledWith(true);
    engine.emit('hands', [{ peerId: 'me', displayName: 'Me' }]);
    expect(store.handRaised).toBe(true);
    await store.toggleHand();
    expect(engine.extras.raiseHand).toHaveBeenLastCalledWith(false);
    await store.lowerHand('bo');
    expect(engine.extras.lowerHand).toHaveBeenCalledWith('bo');
  });

  it('starts and stops recording, and keeps a refusal as the error instead of throwing', async () => {
    const { engine, store } = setUp();
    await store.toggleRecording();
    expect(engine.extras.startRecording).toHaveBeenCalledOnce();
    expect(store.value).toMatchObject({ recording: true, recordingBusy: false });
    await store.toggleRecording();
    expect(engine.extras.stopRecording).toHaveBeenCalledOnce();
    expect(store.value.recording).toBe(false);
    const refused = Object.assign(new Error('slow down'), { code: 'RATE_LIMITED' });
    engine.extras.sendChat.mockRejectedValueOnce(refused);
    expect(await store.sendChat('hello')).toBe(false);
    expect(store.value.error).toBe(refused);
    expect(await store.sendChat('hello')).toBe(true);
    expect(store.value.error).toBeNull();
  });

  it('sends no empty message', async () => {
    const { engine, store } = setUp();
    expect(await store.sendChat('   \n ')).toBe(false);
    expect(engine.extras.sendChat).not.toHaveBeenCalled();
  });

  it('stops listening and drops pending reactions when disposed', () => {
    const { engine, store, pending } = setUp();
    engine.emit('reaction', { peerId: 'bo', displayName: 'Bo', reaction: 'heart' });
    const before = engine.listenerCount();
    store.dispose();
    expect(engine.listenerCount()).toBe(before - 5);
    expect(pending).toHaveLength(0);
    engine.emit('chat', chat('bo'));
    expect(store.value.chat).toHaveLength(0);
  });
});
