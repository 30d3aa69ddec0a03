// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import type { PublishKind } from '../../../../common/protocol';
import { hasCode } from '../../../../renderer/engine/errors';
import { SfuSession } from '../../../../renderer/engine/sfu-session';
import type { AnyNotification } from '../../../../renderer/engine/signaling-types';
import type { RemoteTrack } from '../../../../renderer/engine/types';
import { FakeSfu, fakeDevice, fakeTrack, sfuContext, until } from '../support/sfu-fakes';

// mediasoup-client's real Device/Transport/Producer/Consumer on its FakeHandler, against an in-memory SFU
// that validates every request with the protocol's schemas.

let sessions: SfuSession[] = [];
afterEach(() => {
  for (const s of sessions) s.close();
  sessions = [];
});

function open(role: 'presenter' | 'viewer' = 'presenter') {
  const sfu = new FakeSfu();
  const session = new SfuSession(sfuContext(sfu, role), { createDevice: fakeDevice });
  sessions.push(session);
  const tracks: RemoteTrack[] = [];
  const ended: RemoteTrack[] = [];
  const errors: Error[] = [];
  session.on('track', (t) => tracks.push(t));
  session.on('trackended', (t) => ended.push(t));
  session.on('error', (e) => errors.push(e));
  return { sfu, session, tracks, ended, errors };
}

function newProducer(
  sfu: FakeSfu,
  peerId: string,
  source: PublishKind,
  kind: 'audio' | 'video',
): AnyNotification & { name: 'newProducer' } {
  const producerId = sfu.addProducer(peerId, source, kind);
  return { name: 'newProducer', data: { peerId, producerId, kind, source, paused: false } };
}

const none = new Map<PublishKind, MediaStreamTrack[]>();

describe('SfuSession: receiving', () => {
  it('consumes an announced producer with the device receive capabilities, reports the track, then resumes it', async () => {
    const { sfu, session, tracks, errors } = open();
    await session.start([], none);
    const n = newProducer(sfu, 'ana', 'cam', 'video');
    session.handleNotification(n);
    await until(() => sfu.methodsCalled().includes('resumeConsumer'), 2000, 'resumeConsumer');
    expect(tracks).toHaveLength(1);
    expect(tracks[0]).toMatchObject({ peerId: 'ana', kind: 'cam' });
    expect(tracks[0]!.track.kind).toBe('video');
    const consume = sfu.callsOf('consume')[0]!;
    expect(consume.producerId).toBe(n.data.producerId);
    expect((consume.rtpCapabilities as { codecs: unknown[] }).codecs.length).toBeGreaterThan(0);
    const order = sfu.methodsCalled();
    expect(order.indexOf('consume')).toBeLessThan(order.indexOf('resumeConsumer'));
    expect(errors).toEqual([]);
  });

  it('groups a peer’s camera and mic in one stream, and its screen in another', async () => {
    const { sfu, session, tracks } = open('viewer');
    await session.start([], none);
    for (const [source, kind] of [
      ['cam', 'video'],
      ['mic', 'audio'],
      ['screen', 'video'],
    ] as const) {
      session.handleNotification(newProducer(sfu, 'ana', source, kind));
    }
    await until(() => tracks.length === 3, 2000, 'three tracks');
    const byKind = Object.fromEntries(tracks.map((t) => [t.kind, t]));
    expect(byKind.cam!.stream).toBe(byKind.mic!.stream);
    expect(byKind.screen!.stream).not.toBe(byKind.cam!.stream);
    expect(byKind.cam!.stream.getTracks()).toHaveLength(2);
  });

  it('consumes producers announced before start() resolved, once the device is loaded', async () => {
    const { sfu, session, tracks } = open('viewer');
    const started = session.start([], none);
    session.handleNotification(newProducer(sfu, 'ana', 'cam', 'video'));
    session.handleNotification(newProducer(sfu, 'ana', 'mic', 'audio'));
    await started;
    await until(() => tracks.length === 2, 2000, 'both tracks');
    expect(sfu.callsOf('getRouterRtpCapabilities')).toHaveLength(1);
    expect(sfu.callsOf('createWebRtcTransport')).toEqual([{ direction: 'recv' }]);
  });

  it('ends the remote track on producerClosed, consumerClosed and peerLeft', async () => {
    const { sfu, session, tracks, ended } = open();
    await session.start([], none);
    const cam = newProducer(sfu, 'ana', 'cam', 'video');
    session.handleNotification(cam);
    session.handleNotification(newProducer(sfu, 'ana', 'mic', 'audio'));
    session.handleNotification(newProducer(sfu, 'bo', 'cam', 'video'));
    await until(() => tracks.length === 3, 2000, 'three tracks');
    session.handleNotification({ name: 'producerClosed', data: { peerId: 'ana', producerId: cam.data.producerId } });
    expect(ended.map((t) => `${t.peerId}/${t.kind}`)).toEqual(['ana/cam']);
    const bo = sfu.calls.filter((c) => c.method === 'resumeConsumer').map((c) => c.data.consumerId as string);
    session.handleNotification({ name: 'consumerClosed', data: { consumerId: bo.at(-1)! } });
    session.peerLeft('ana');
    expect(ended.map((t) => `${t.peerId}/${t.kind}`).sort()).toEqual(['ana/cam', 'ana/mic', 'bo/cam']);
  });

  it('never reports a track for a producer closed while its consume was in flight', async () => {
    const { sfu, session, tracks, errors } = open();
    await session.start([], none);
    sfu.hold('consume');
    const cam = newProducer(sfu, 'ana', 'cam', 'video');
    session.handleNotification(cam);
    await until(() => sfu.methodsCalled().includes('consume'), 2000, 'consume');
    session.handleNotification({ name: 'producerClosed', data: { peerId: 'ana', producerId: cam.data.producerId } });
    sfu.release();
    await new Promise((r) => setTimeout(r, 50));
    expect(tracks).toEqual([]);
    expect(sfu.methodsCalled()).not.toContain('resumeConsumer');
    expect(errors).toEqual([]);
  });

  it('ignores its own producers', async () => {
    const { sfu, session } = open();
    await session.start([], none);
    session.handleNotification({
      name: 'newProducer',
      data: { peerId: 'self', producerId: 'p1', kind: 'video', source: 'cam', paused: false },
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(sfu.methodsCalled()).not.toContain('consume');
  });
});

describe('SfuSession: layers', () => {
  it('applies layers asked for before the consumer existed before resuming it', async () => {
    const { sfu, session } = open('viewer');
    await session.start([], none);
    await session.setPreferredLayers('ana', 'cam', 0);
    session.handleNotification(newProducer(sfu, 'ana', 'cam', 'video'));
    await until(() => sfu.methodsCalled().includes('resumeConsumer'), 2000, 'resume');
    const order = sfu.methodsCalled();
    expect(order.indexOf('setConsumerPreferredLayers')).toBeLessThan(order.indexOf('resumeConsumer'));
    expect(sfu.callsOf('setConsumerPreferredLayers')[0]).toMatchObject({ spatialLayer: 0 });
  });

  it('setVideoSize asks for the smallest layer at least as wide as the view, and only when it changes', async () => {
    const { sfu, session, tracks } = open('viewer');
    await session.start([], none);
    session.handleNotification(newProducer(sfu, 'ana', 'cam', 'video'));
    await until(() => tracks.length === 1);
    session.setVideoSize('ana', 'cam', 300);
    session.setVideoSize('ana', 'cam', 310);
    session.setVideoSize('ana', 'cam', 1000);
    session.setVideoSize('ana', 'cam', 600);
    await until(() => sfu.callsOf('setConsumerPreferredLayers').length === 3);
    expect(sfu.callsOf('setConsumerPreferredLayers').map((c) => c.spatialLayer)).toEqual([0, 2, 1]);
  });

  it('does not ask for layers of a screen share (one layer)', async () => {
    const { sfu, session, tracks } = open('viewer');
    await session.start([], none);
    session.handleNotification(newProducer(sfu, 'ana', 'screen', 'video'));
    await until(() => tracks.length === 1);
    session.setVideoSize('ana', 'screen', 200);
    await new Promise((r) => setTimeout(r, 20));
    expect(sfu.methodsCalled()).not.toContain('setConsumerPreferredLayers');
  });
});

describe('SfuSession: sending', () => {
  it('produces what was published before joining: camera as 3-layer VP8 simulcast, mic as Opus', async () => {
    const { sfu, session } = open();
    await session.start(
      [],
      new Map([
        ['cam', [fakeTrack('video')]],
        ['mic', [fakeTrack('audio')]],
      ]),
    );
    const produced = sfu.callsOf('produce');
    expect(produced.map((p) => `${p.source}/${p.kind}`).sort()).toEqual(['cam/video', 'mic/audio']);
    const cam = produced.find((p) => p.source === 'cam')!.rtpParameters as {
      codecs: { mimeType: string }[];
      encodings: unknown[];
    };
    expect(cam.codecs[0]!.mimeType).toBe('video/VP8');
    expect(cam.encodings).toHaveLength(3);
    expect(
      sfu
        .callsOf('createWebRtcTransport')
        .map((c) => c.direction)
        .sort(),
    ).toEqual(['recv', 'send']);
    expect(sfu.callsOf('connectWebRtcTransport')).toHaveLength(1);
  });

  it('a screen goes as one layer, scaled to fit 1920×1080, with the text profile caps by default', async () => {
    const { sfu, session } = open();
    await session.start([], none);
    const screen = fakeTrack('video', { width: 3840, height: 2160 });
    await session.publish('screen', [screen, fakeTrack('audio')]);
    const video = sfu.callsOf('produce').find((p) => p.kind === 'video')!.rtpParameters as {
      encodings: Record<string, unknown>[];
    };
    expect(video.encodings).toHaveLength(1);
    expect(video.encodings[0]).toMatchObject({ scaleResolutionDownBy: 2, maxFramerate: 15 });
    expect(sfu.callsOf('produce').map((p) => `${p.source}/${p.kind}`)).toEqual(['screen/video', 'screen/audio']);
  });

  it('a viewer opens no send transport at start', async () => {
    const { sfu, session } = open('viewer');
    await session.start([], new Map([['cam', [fakeTrack('video')]]]));
    await new Promise((r) => setTimeout(r, 20));
    expect(sfu.callsOf('createWebRtcTransport')).toEqual([{ direction: 'recv' }]);
    expect(sfu.methodsCalled()).not.toContain('produce');
  });

  it('publish rejects with the server’s FORBIDDEN and leaves nothing produced', async () => {
    const { sfu, session } = open('viewer');
    await session.start([], none);
    sfu.refuse.set('produce', 'FORBIDDEN');
    const error = await session.publish('cam', [fakeTrack('video')]).catch((e: unknown) => e);
    expect(hasCode(error, 'FORBIDDEN')).toBe(true);
    // Publishing again (once allowed) produces afresh rather than reusing a half-made producer.
    sfu.refuse.delete('produce');
    await session.publish('cam', [fakeTrack('video')]);
    expect(sfu.callsOf('produce')).toHaveLength(2);
  });

  it('undoes the screen video when the screen audio is refused', async () => {
    const { sfu, session } = open();
    await session.start([], none);
    let produced = 0;
    const request = sfu.request.bind(sfu);
    sfu.request = (async (method: string, data: never) => {
      if (method === 'produce' && ++produced === 2) throw Object.assign(new Error('no'), { code: 'FORBIDDEN' });
      return request(method as never, data);
    }) as typeof sfu.request;
    await expect(session.publish('screen', [fakeTrack('video'), fakeTrack('audio')])).rejects.toThrow();
    expect(sfu.callsOf('closeProducer')).toHaveLength(1);
  });

  it('publishing a kind again replaces the track on the same producer; unpublish closes it on the server', async () => {
    const { sfu, session } = open();
    await session.start([], none);
    await session.publish('cam', [fakeTrack('video')]);
    await session.publish('cam', [fakeTrack('video')]);
    expect(sfu.callsOf('produce')).toHaveLength(1);
    await session.unpublish('cam');
    expect(sfu.callsOf('closeProducer')).toHaveLength(1);
    await session.publish('cam', [fakeTrack('video')]);
    expect(sfu.callsOf('produce')).toHaveLength(2);
  });

  it('never stops the tracks it sends (they are the engine’s)', async () => {
    const { session } = open();
    await session.start([], none);
    const cam = fakeTrack('video');
    await session.publish('cam', [cam]);
    await session.unpublish('cam');
    session.close();
    expect(cam.readyState).toBe('live');
  });
});

describe('SfuSession: reset and close', () => {
  it('mediaReset ends remote tracks, builds new transports, produces again and consumes new producers', async () => {
    const { sfu, session, tracks, ended } = open();
    await session.start([], new Map([['cam', [fakeTrack('video')]]]));
    session.handleNotification(newProducer(sfu, 'ana', 'cam', 'video'));
    await until(() => tracks.length === 1);
    sfu.calls.length = 0;
    session.handleNotification({ name: 'mediaReset', data: {} });
    expect(ended).toHaveLength(1);
    await until(() => sfu.methodsCalled().includes('produce'), 2000, 'produce again');
    expect(sfu.methodsCalled()).toContain('getRouterRtpCapabilities');
    session.handleNotification(newProducer(sfu, 'ana', 'cam', 'video'));
    await until(() => tracks.length === 2, 2000, 'consume again');
  });

  it('a publish caught by a mediaReset still resolves, and the camera goes out on the new transports', async () => {
    const { sfu, session, errors } = open();
    await session.start([], none);
    sfu.hold('produce');
    const publishing = session.publish('cam', [fakeTrack('video')]);
    await until(() => sfu.methodsCalled().includes('produce'), 2000, 'produce in flight');
    session.handleNotification({ name: 'mediaReset', data: {} });
    sfu.release();
    await expect(publishing).resolves.toBeUndefined();
    await until(() => sfu.callsOf('produce').length === 2, 2000, 'produce on the new transport');
    const [first, second] = sfu.callsOf('produce').map((c) => c.transportId);
    expect(second).not.toBe(first);
    expect(errors).toEqual([]);
  });

  it('close() ends every remote track, then emits nothing more and ignores notifications', async () => {
    const { sfu, session, tracks, ended } = open();
    await session.start([], none);
    session.handleNotification(newProducer(sfu, 'ana', 'cam', 'video'));
    await until(() => tracks.length === 1);
    session.close();
    session.close();
    expect(ended).toHaveLength(1);
    session.handleNotification(newProducer(sfu, 'bo', 'cam', 'video'));
    await new Promise((r) => setTimeout(r, 20));
    expect(tracks).toHaveLength(1);
    await expect(session.getStats()).resolves.toEqual([]);
  });
});
