// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import type { PublishKind } from '../../../../common/protocol';
import { SfuSession } from '../../../../renderer/engine/sfu-session';
import type { RemoteTrack } from '../../../../renderer/engine/types';
import { FakeSfu, fakeDevice, fakeDeviceWithHandlers, sfuContext, until } from '../support/sfu-fakes';

// A page that becomes visible again asks for keyframes: real mediasoup-client on its FakeHandler, against the
// in-memory SFU that validates every request with the protocol's schemas.

let sessions: SfuSession[] = [];
afterEach(() => {
  for (const s of sessions) s.close();
  sessions = [];
});

async function watching(sources: [PublishKind, 'audio' | 'video'][], createDevice = fakeDevice) {
  const sfu = new FakeSfu();
  const session = new SfuSession(sfuContext(sfu, 'viewer'), { createDevice });
  sessions.push(session);
  const tracks: RemoteTrack[] = [];
  session.on('track', (t) => tracks.push(t));
  await session.start([], new Map());
  for (const [source, kind] of sources) {
    const producerId = sfu.addProducer('ana', source, kind);
    session.handleNotification({
      name: 'newProducer',
      data: { peerId: 'ana', producerId, kind, source, paused: false },
    });
  }
  await until(() => sfu.callsOf('resumeConsumer').length === sources.length, 2000, 'every consumer resumed');
  return { sfu, session, tracks };
}

describe('SfuSession: keyframes on request', () => {
  it("repair('keyframes') asks for a keyframe of every video consumer, and of no audio one", async () => {
    const { sfu, session } = await watching([
      ['screen', 'video'],
      ['cam', 'video'],
      ['mic', 'audio'],
    ]);
    const resumed = sfu.callsOf('resumeConsumer').map((c) => c.consumerId);
    session.repair('keyframes');
    await until(() => sfu.callsOf('requestKeyFrame').length === 2, 2000, 'two keyframe requests');
    const asked = sfu.callsOf('requestKeyFrame').map((c) => c.consumerId);
    expect(asked).toEqual(expect.arrayContaining([resumed[0], resumed[1]]));
    expect(asked).not.toContain(resumed[2]);
  });

  it('a refused keyframe request is no error and a closed session asks nothing', async () => {
    const { sfu, session } = await watching([['screen', 'video']]);
    const errors: Error[] = [];
    session.on('error', (e) => errors.push(e));
    sfu.refuse.set('requestKeyFrame', 'INVALID_STATE');
    session.repair('keyframes');
    await until(() => sfu.callsOf('requestKeyFrame').length === 1);
    session.close();
    session.repair('keyframes');
    await new Promise((r) => setTimeout(r, 20));
    expect(sfu.callsOf('requestKeyFrame')).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('a receive transport connected again after an outage asks for keyframes; the first connection does not', async () => {
    const { createDevice, handlers } = fakeDeviceWithHandlers();
    const { sfu } = await watching(
      [
        ['cam', 'video'],
        ['mic', 'audio'],
      ],
      createDevice,
    );
    const recv = handlers.at(-1)!;
    recv.setConnectionState('connected');
    await new Promise((r) => setTimeout(r, 20));
    expect(sfu.callsOf('requestKeyFrame')).toHaveLength(0);
    recv.setConnectionState('disconnected');
    recv.setConnectionState('connected');
    await until(() => sfu.callsOf('requestKeyFrame').length === 1, 2000, 'a keyframe request after the outage');
    expect(sfu.callsOf('requestKeyFrame')[0]!.consumerId).toBe(sfu.callsOf('resumeConsumer')[0]!.consumerId);
  });

  it('signaling back after a drop asks for keyframes (one asked meanwhile was lost with it)', async () => {
    const { sfu, session } = await watching([['screen', 'video']]);
    session.suspended();
    session.resumed();
    await until(() => sfu.callsOf('requestKeyFrame').length === 1, 2000, 'a keyframe request on resume');
  });
});
