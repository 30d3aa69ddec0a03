// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LocalMedia } from '../../../renderer/media/local-media';
import { AudioSessionStore } from '../../../renderer/state/audio-session-store';
import { KioskRunner } from '../../../renderer/state/kiosk-runner';
import { LobbyStore } from '../../../renderer/state/lobby-store';
import { RoomSession } from '../../../renderer/state/room-session';
import { FakeEngine, fakeStream } from './support/fake-engine';

function fakeMedia(): LocalMedia & { opened: ReturnType<typeof fakeStream>[] } {
  const opened: ReturnType<typeof fakeStream>[] = [];
  const open = (kind: 'audio' | 'video') => async () => {
    const s = fakeStream(kind);
    opened.push(s);
    return s.stream;
  };
  return {
    opened,
    openCamera: open('video'),
    openMicrophone: open('audio'),
    openScreen: open('video'),
    getUserMedia: open('video'),
    getDisplayMedia: open('video'),
  };
}

beforeEach(() => {
  vi.stubGlobal(
    'MediaStream',
    class {
      constructor(readonly tracks: unknown[]) {}
    },
  );
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('RoomSession', () => {
  it('sees tracks that arrive before joinRoom resolves', async () => {
    const engine = new FakeEngine();
    const session = new RoomSession({ engine, media: fakeMedia(), roomId: 'r1', role: 'presenter', displayName: 'Me' });
    engine.joinRoom.mockImplementationOnce(async (roomId) => {
      engine.emit('track', {
        peerId: 'ana',
        kind: 'cam',
        track: fakeStream().track as never,
        stream: fakeStream().stream,
      });
      return {
        roomId,
        mode: 'p2p',
        self: { peerId: 'me', displayName: 'Me', role: 'presenter', published: [] },
        members: [{ peerId: 'ana', displayName: 'Ana', role: 'presenter', published: ['cam'] }],
        viewerCount: 0,
      };
    });
    await session.join();
    expect(session.value.phase).toBe('joined');
    expect(session.value.peers.get('ana')?.video.cam).toBeDefined();
  });

  it('publishes the stream it opened and stops it on unpublish', async () => {
    const engine = new FakeEngine();
    const media = fakeMedia();
    const session = new RoomSession({ engine, media, roomId: 'r1', role: 'presenter', displayName: 'Me' });
    await session.join();
    await session.toggle('cam');
    expect(engine.publish).toHaveBeenCalledWith('cam', media.opened[0]!.stream);
    expect(session.value.local.cam).toBe(media.opened[0]!.stream);
    await session.toggle('cam');
    expect(engine.unpublish).toHaveBeenCalledWith('cam');
    expect(media.opened[0]!.track.stop).toHaveBeenCalled();
    expect(session.value.local.cam).toBeUndefined();
  });

  it('keeps a failed publish out of the model, stops its tracks and reports the error', async () => {
    const engine = new FakeEngine();
    const media = fakeMedia();
    engine.publish.mockRejectedValueOnce(Object.assign(new Error('no'), { code: 'FORBIDDEN' }));
    const session = new RoomSession({ engine, media, roomId: 'r1', role: 'presenter', displayName: 'Me' });
    await session.join();
    await session.toggle('screen');
    expect(session.value.local.screen).toBeUndefined();
    expect(media.opened[0]!.track.stop).toHaveBeenCalled();
    expect(session.value.error).toMatchObject({ code: 'FORBIDDEN' });
    expect(session.value.pending).toEqual([]);
  });

  it('follows the engine when a source ends by itself (the browser’s "Stop sharing")', async () => {
    const engine = new FakeEngine();
    const media = fakeMedia();
    const session = new RoomSession({ engine, media, roomId: 'r1', role: 'presenter', displayName: 'Me' });
    await session.join();
    await session.toggle('screen');
    engine.emit('localunpublished', 'screen');
    expect(session.value.local.screen).toBeUndefined();
    expect(media.opened[0]!.track.stop).toHaveBeenCalled();
  });

  it('never publishes as a viewer', async () => {
    const engine = new FakeEngine();
    const session = new RoomSession({ engine, media: fakeMedia(), roomId: 'r1', role: 'viewer', displayName: 'Me' });
    await session.join();
    await session.toggle('cam');
    expect(engine.publish).not.toHaveBeenCalled();
  });

  it('leave() hangs up its call, leaves, unsubscribes and reports once', async () => {
    const engine = new FakeEngine();
    const onLeft = vi.fn();
    const session = new RoomSession({
      engine,
      media: fakeMedia(),
      roomId: 'r1',
      role: 'presenter',
      displayName: 'Me',
      call: { callId: 'c1', peerName: 'Bo' },
      onLeft,
    });
    await session.join();
    await session.leave();
    await session.leave();
    expect(engine.hangUp).toHaveBeenCalledWith('c1');
    expect(engine.leaveRoom).toHaveBeenCalledTimes(1);
    expect(onLeft).toHaveBeenCalledTimes(1);
    expect(engine.listenerCount()).toBe(0);
  });

  it('reports a room closed by the server', async () => {
    const engine = new FakeEngine();
    const onLeft = vi.fn();
    const session = new RoomSession({
      engine,
      media: fakeMedia(),
      roomId: 'r1',
      role: 'presenter',
      displayName: 'Me',
      onLeft,
    });
    await session.join();
    engine.emit('roomleft', 'closed');
    expect(onLeft).toHaveBeenCalledWith('closed');
    expect(session.value.phase).toBe('left');
  });
});

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

describe('AudioSessionStore', () => {
  it('joins, publishes the microphone, heartbeats within the idle limit and shows why it ended', async () => {
    vi.useFakeTimers();
    const engine = new FakeEngine();
    const media = fakeMedia();
    const store = new AudioSessionStore(media);
    await store.join(engine, 's1', 'tok');
    expect(engine.joinSession).toHaveBeenCalledWith('s1', 'tok');
    expect(engine.publish).toHaveBeenCalledWith('mic', media.opened[0]!.stream);
    expect(store.value.phase).toBe('active');
    await vi.advanceTimersByTimeAsync(3000);
    expect(engine.heartbeat.mock.calls.length).toBeGreaterThanOrEqual(2);
    store.setMuted(true);
    expect(media.opened[0]!.track.enabled).toBe(false);
    engine.emit('sessionended', { sessionId: 's1', reason: 'idle' });
    expect(store.value).toMatchObject({ phase: 'ended', endReason: 'idle' });
    const beats = engine.heartbeat.mock.calls.length;
    await vi.advanceTimersByTimeAsync(5000);
    expect(engine.heartbeat.mock.calls.length).toBe(beats);
    expect(media.opened[0]!.track.stop).toHaveBeenCalled();
  });

  it('a refused token leaves the store idle with the error and the microphone closed', async () => {
    const engine = new FakeEngine();
    const media = fakeMedia();
    engine.joinSession.mockRejectedValueOnce(Object.assign(new Error('no'), { code: 'FORBIDDEN' }));
    const store = new AudioSessionStore(media);
    await store.join(engine, 's1', 'bad');
    expect(store.value).toMatchObject({ phase: 'idle', error: { code: 'FORBIDDEN' } });
    expect(media.opened[0]!.track.stop).toHaveBeenCalled();
  });

  it('end() ends the session on the server', async () => {
    const engine = new FakeEngine();
    const store = new AudioSessionStore(fakeMedia());
    await store.join(engine, 's1', 'tok');
    await store.end();
    expect(engine.endSession).toHaveBeenCalledWith('s1');
    expect(store.value).toMatchObject({ phase: 'ended', endReason: 'self' });
  });
});

describe('KioskRunner', () => {
  it('retries with backoff until the room opens, then watches; a closed room starts it over', async () => {
    vi.useFakeTimers();
    const engine = new FakeEngine();
    engine.joinRoom.mockRejectedValueOnce(Object.assign(new Error('x'), { code: 'ROOM_NOT_FOUND' }));
    const runner = new KioskRunner({
      acquire: async () => engine,
      createSession: (e, onLeft) =>
        new RoomSession({ engine: e, media: fakeMedia(), roomId: 'tv', role: 'viewer', displayName: 'Kiosk', onLeft }),
      random: () => 0.5,
    });
    runner.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(runner.value).toMatchObject({ phase: 'retrying', attempt: 1, error: { code: 'ROOM_NOT_FOUND' } });
    await vi.advanceTimersByTimeAsync(1000);
    expect(runner.value.phase).toBe('watching');
    expect(engine.joinRoom).toHaveBeenLastCalledWith('tv', { role: 'viewer' });
    engine.emit('roomleft', 'closed');
    expect(runner.value.phase).toBe('retrying');
    await vi.advanceTimersByTimeAsync(1000);
    expect(runner.value.phase).toBe('watching');
    expect(engine.joinRoom).toHaveBeenCalledTimes(3);
    runner.stop();
    expect(runner.value.phase).toBe('stopped');
  });
});
