// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { AudioSessionStore } from '../../../../renderer/state/audio-session-store';
import { FakeEngine, useFakeMediaStream, fakeMedia } from '../support/fake-engine';

useFakeMediaStream();

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
