// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { RoomSession } from '../../../../renderer/state/room-session';
import { FakeEngine, useFakeMediaStream, fakeMedia, fakeStream } from '../support/fake-engine';

useFakeMediaStream();

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
