// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { LobbyStore } from '../../../../renderer/state/lobby-store';
import { FakeEngine, useFakeMediaStream } from '../support/fake-engine';

useFakeMediaStream();

describe('LobbyStore', () => {
  function lobby() {
    const engine = new FakeEngine();
    const started = vi.fn();
    const ended = vi.fn();
    const store = new LobbyStore({ onCallStarted: started, onCallEnded: ended });
    store.attach(engine, 'me');
    return { engine, store, started, ended };
  }

  it('lists other users, not ourselves, and follows live updates', async () => {
    const { engine, store } = lobby();
    await store.enter();
    expect(store.value.users.map((u) => u.peerId)).toEqual(['bo']);
    engine.emit('lobby', [{ peerId: 'cy', displayName: 'Cy', busy: true }]);
    expect(store.value.users).toEqual([{ peerId: 'cy', displayName: 'Cy', busy: true }]);
  });

  it('calls: calling → ringing → accepted starts the call', async () => {
    const { engine, store, started } = lobby();
    await store.enter();
    await store.call({ peerId: 'bo', displayName: 'Bo', busy: false });
    expect(store.value.outgoing).toMatchObject({ callId: 'call1', ringing: false });
    engine.emit('callringing', 'call1');
    expect(store.value.outgoing?.ringing).toBe(true);
    engine.emit('callaccepted', { callId: 'call1', roomId: 'room9' });
    expect(started).toHaveBeenCalledWith({ callId: 'call1', peerId: 'bo', displayName: 'Bo', roomId: 'room9' });
    expect(store.value.active?.callId).toBe('call1');
    expect(store.value.outgoing).toBeNull();
  });

  it('shows why an outgoing call ended', async () => {
    const { engine, store } = lobby();
    await store.call({ peerId: 'bo', displayName: 'Bo', busy: false });
    engine.emit('callended', { callId: 'call1', reason: 'busy' });
    expect(store.value.ended).toEqual({ reason: 'busy', displayName: 'Bo' });
    expect(store.value.outgoing).toBeNull();
  });

  it('cancel() tells the server and clears the outgoing call', async () => {
    const { engine, store } = lobby();
    await store.call({ peerId: 'bo', displayName: 'Bo', busy: false });
    await store.cancel();
    expect(engine.cancel).toHaveBeenCalledWith('call1');
    expect(store.value.ended?.reason).toBe('cancelled');
  });

  it('incoming: accept joins the call room, decline tells the server', async () => {
    const { engine, store, started } = lobby();
    engine.emit('incomingcall', { callId: 'c7', from: { peerId: 'cy', displayName: 'Cy' } });
    expect(store.value.incoming).toEqual({ callId: 'c7', peerId: 'cy', displayName: 'Cy' });
    await store.accept();
    expect(started).toHaveBeenCalledWith({ callId: 'c7', peerId: 'cy', displayName: 'Cy', roomId: 'callroom' });
    engine.emit('incomingcall', { callId: 'c8', from: { peerId: 'dd', displayName: 'Dd' } });
    expect(store.value.incoming).toBeNull();
  });

  it('a remote hang-up ends the active call through the app callback', async () => {
    const { engine, store, ended } = lobby();
    engine.emit('incomingcall', { callId: 'c7', from: { peerId: 'cy', displayName: 'Cy' } });
    await store.accept();
    engine.emit('callended', { callId: 'c7', reason: 'hungUp' });
    expect(ended).toHaveBeenCalledWith({ callId: 'c7', peerId: 'cy', displayName: 'Cy' }, 'hungUp');
    expect(store.value.active).toBeNull();
  });

  it('an incoming call that is cancelled disappears with its reason', () => {
    const { engine, store } = lobby();
    engine.emit('incomingcall', { callId: 'c7', from: { peerId: 'cy', displayName: 'Cy' } });
    engine.emit('callended', { callId: 'c7', reason: 'cancelled' });
    expect(store.value.incoming).toBeNull();
    expect(store.value.ended).toEqual({ reason: 'cancelled', displayName: 'Cy' });
  });
});
