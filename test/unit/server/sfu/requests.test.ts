// @vitest-environment node
// The SFU's request handlers over fake mediasoup objects: transports, ownership, roles, produce and consume.
import { describe, expect, it } from 'vitest';
import { CAPS, RTP, sfuSetup } from '../support/sfu-setup';

const code = (c: string) => expect.objectContaining({ code: c });

describe('transports', () => {
  it('createWebRtcTransport listens on the configured IP, prefers UDP, starts at 3 Mbps and adds SCTP only when asked', async () => {
    const s = await sfuSetup({ settings: { listenIp: '10.0.0.5', announcedIp: '203.0.113.7' } });
    const room = await s.createRoom();
    const { peer } = s.join(room, 'Ann');
    const send = await s.h.createWebRtcTransport(room, peer, { direction: 'send' });
    const recv = await s.h.createWebRtcTransport(room, peer, { direction: 'recv', sctp: true });
    const [first, second] = s.spawner.workers[0]!.routers[0]!.transports;
    expect(first!.options).toMatchObject({
      listenIps: [{ ip: '10.0.0.5', announcedIp: '203.0.113.7' }],
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: 3_000_000,
      enableSctp: false,
    });
    expect(send).toEqual({
      transportId: first!.id,
      iceParameters: first!.iceParameters,
      iceCandidates: [],
      dtlsParameters: first!.dtlsParameters,
    });
    expect(recv.sctpParameters).toMatchObject({ OS: 1024, MIS: 1024 });
    expect(second!.options.enableSctp).toBe(true);
  });

  it('connectWebRtcTransport and restartIce work on your own transport', async () => {
    const s = await s_();
    const transportId = await s.transport(s.room, s.ann.peer, 'send');
    const dtlsParameters = { role: 'client' as const, fingerprints: [{ algorithm: 'sha-256', value: 'CD' }] };
    await s.h.connectWebRtcTransport(s.room, s.ann.peer, { transportId, dtlsParameters });
    expect(s.router().transports[0]!.connected).toEqual(dtlsParameters);
    await expect(s.h.restartIce(s.room, s.ann.peer, { transportId })).resolves.toEqual({
      iceParameters: { usernameFragment: 'u2', password: 'p2' },
    });
  });

  it("refuses another peer's transport id with INVALID_STATE, just like an unknown one", async () => {
    const s = await s_();
    const transportId = await s.transport(s.room, s.ann.peer, 'send');
    const dtlsParameters = { fingerprints: [{ algorithm: 'sha-256', value: 'CD' }] };
    await expect(s.h.connectWebRtcTransport(s.room, s.bob.peer, { transportId, dtlsParameters })).rejects.toThrow(
      code('INVALID_STATE'),
    );
    await expect(s.h.restartIce(s.room, s.bob.peer, { transportId: 'unknown' })).rejects.toThrow(code('INVALID_STATE'));
    await expect(s.h.restartIce(s.room, s.bob.peer, { transportId })).rejects.toThrow(`no transport ${transportId}`);
    expect(s.router().transports[0]!.connected).toBeUndefined();
  });

  it('a second transport of the same direction replaces the first and closes its producers', async () => {
    const s = await s_();
    const { transportId, producerId } = await s.produce(s.room, s.ann.peer, 'cam');
    await s.transport(s.room, s.ann.peer, 'send');
    const [old] = s.router().transports;
    expect(old!.closed).toBe(true);
    expect(old!.producers[0]!.closed).toBe(true);
    expect(s.bob.link.of('producerClosed')).toEqual([{ peerId: s.ann.peer.id, producerId }]);
    await expect(
      s.h.produce(s.room, s.ann.peer, { transportId, kind: 'video', rtpParameters: RTP, source: 'cam' }),
    ).rejects.toThrow(code('INVALID_STATE'));
  });
});

describe('produce', () => {
  it('rejects with FORBIDDEN for a viewer, in sfu and in broadcast rooms', async () => {
    const s = await sfuSetup();
    for (const mode of ['sfu', 'broadcast'] as const) {
      const room = await s.createRoom(mode);
      s.join(room, 'Presenter');
      const { peer } = s.join(room, 'Viewer', 'viewer');
      const transportId = await s.transport(room, peer, 'send');
      await expect(
        s.h.produce(room, peer, { transportId, kind: 'video', rtpParameters: RTP, source: 'cam' }),
      ).rejects.toThrow(code('FORBIDDEN'));
    }
  });

  it('tells every other peer newProducer and marks the source published', async () => {
    const s = await s_();
    const { producerId } = await s.produce(s.room, s.ann.peer, 'mic');
    expect(s.bob.link.of('newProducer')).toEqual([
      { peerId: s.ann.peer.id, producerId, kind: 'audio', source: 'mic', paused: false },
    ]);
    expect(s.bob.link.of('published')).toEqual([{ peerId: s.ann.peer.id, kind: 'mic' }]);
    expect(s.ann.link.of('newProducer')).toEqual([]);
    expect(s.ann.peer.published.has('mic')).toBe(true);
    expect(s.router().observers[0]!.producerIds).toEqual([producerId]);
  });

  it('accepts only your own send transport, a kind the source carries, and one producer per source and kind', async () => {
    const s = await s_();
    const recv = await s.transport(s.room, s.ann.peer, 'recv');
    const bobsSend = await s.transport(s.room, s.bob.peer, 'send');
    const cam = { kind: 'video' as const, rtpParameters: RTP, source: 'cam' as const };
    await expect(s.h.produce(s.room, s.ann.peer, { ...cam, transportId: recv })).rejects.toThrow(code('INVALID_STATE'));
    await expect(s.h.produce(s.room, s.ann.peer, { ...cam, transportId: bobsSend })).rejects.toThrow(
      code('INVALID_STATE'),
    );
    const { transportId } = await s.produce(s.room, s.ann.peer, 'cam');
    await expect(s.h.produce(s.room, s.ann.peer, { ...cam, transportId, kind: 'audio' })).rejects.toThrow(
      code('BAD_REQUEST'),
    );
    await expect(s.h.produce(s.room, s.ann.peer, { ...cam, transportId })).rejects.toThrow(code('INVALID_STATE'));
    await s.produce(s.room, s.ann.peer, 'screen', { transportId });
    await s.produce(s.room, s.ann.peer, 'screen', { transportId, kind: 'audio' });
  });

  it("pause/resume/closeProducer refuse a producer that isn't yours", async () => {
    const s = await s_();
    const { producerId } = await s.produce(s.room, s.ann.peer, 'cam');
    for (const method of ['pauseProducer', 'resumeProducer', 'closeProducer'] as const) {
      await expect(s.h[method](s.room, s.bob.peer, { producerId })).rejects.toThrow(code('INVALID_STATE'));
    }
    expect(s.router().producers.get(producerId)!.closed).toBe(false);
  });

  it('pauseProducer and resumeProducer tell the others once per change', async () => {
    const s = await s_();
    const { producerId } = await s.produce(s.room, s.ann.peer, 'cam');
    await s.h.pauseProducer(s.room, s.ann.peer, { producerId });
    await s.h.pauseProducer(s.room, s.ann.peer, { producerId });
    await s.h.resumeProducer(s.room, s.ann.peer, { producerId });
    const expected = { peerId: s.ann.peer.id, producerId };
    expect(s.bob.link.of('producerPaused')).toEqual([expected]);
    expect(s.bob.link.of('producerResumed')).toEqual([expected]);
    expect(s.ann.link.of('producerPaused')).toEqual([]);
  });

  it("turns mediasoup's refusal into a typed error without mediasoup's own text", async () => {
    const s = await s_();
    const transportId = await s.transport(s.room, s.ann.peer, 'send');
    s.router().transports[0]!.failNext = new TypeError('invalid codec at /secret/path');
    const request = s.h.produce(s.room, s.ann.peer, { transportId, kind: 'video', rtpParameters: RTP, source: 'cam' });
    await expect(request).rejects.toThrow(code('BAD_REQUEST'));
    await expect(request).rejects.not.toThrow('/secret/path');
    expect(s.ann.peer.published.size).toBe(0);
  });
});

describe('consume', () => {
  it('creates the consumer paused with what the client needs, and resumeConsumer resumes it', async () => {
    const s = await s_();
    const { producerId } = await s.produce(s.room, s.ann.peer, 'cam');
    const consumed = await s.consume(s.room, s.bob.peer, producerId);
    const consumer = s.router().transports[1]!.consumers[0]!;
    expect(consumed).toMatchObject({
      consumerId: consumer.id,
      producerId,
      peerId: s.ann.peer.id,
      kind: 'video',
      source: 'cam',
      type: 'simple',
      producerPaused: false,
      rtpParameters: consumer.rtpParameters,
    });
    expect(consumer.paused).toBe(true);
    await s.h.resumeConsumer(s.room, s.bob.peer, { consumerId: consumer.id });
    expect(consumer.paused).toBe(false);
    await s.h.setConsumerPreferredLayers(s.room, s.bob.peer, { consumerId: consumer.id, spatialLayer: 1 });
    expect(consumer.preferredLayers).toEqual({ spatialLayer: 1 });
  });

  it('rejects with UNSUPPORTED when the router says the device cannot consume', async () => {
    const s = await s_();
    const { producerId } = await s.produce(s.room, s.ann.peer, 'cam');
    s.router().consumable = false;
    await expect(s.consume(s.room, s.bob.peer, producerId)).rejects.toThrow(code('UNSUPPORTED'));
  });

  it('refuses unknown producers, your own producer, a send transport and foreign consumers', async () => {
    const s = await s_();
    const { producerId, transportId: annSend } = await s.produce(s.room, s.ann.peer, 'cam');
    const recv = await s.transport(s.room, s.bob.peer, 'recv');
    const request = (peer = s.bob.peer, transportId = recv, id = producerId) =>
      s.h.consume(s.room, peer, { transportId, producerId: id, rtpCapabilities: CAPS });
    await expect(request(s.bob.peer, recv, 'nope')).rejects.toThrow(code('INVALID_STATE'));
    await expect(request(s.ann.peer, await s.transport(s.room, s.ann.peer, 'recv'))).rejects.toThrow(
      code('BAD_REQUEST'),
    );
    await expect(request(s.bob.peer, annSend)).rejects.toThrow(code('INVALID_STATE'));
    const { consumerId } = await request();
    await expect(s.h.resumeConsumer(s.room, s.ann.peer, { consumerId })).rejects.toThrow(code('INVALID_STATE'));
    await expect(s.h.setConsumerPreferredLayers(s.room, s.ann.peer, { consumerId, spatialLayer: 0 })).rejects.toThrow(
      code('INVALID_STATE'),
    );
  });

  it('resumeConsumer, a layer change and requestKeyFrame each ask the producer for a keyframe at once', async () => {
    const s = await s_();
    const { producerId } = await s.produce(s.room, s.ann.peer, 'screen');
    const { consumerId } = await s.consume(s.room, s.bob.peer, producerId);
    const consumer = s.router().transports[1]!.consumers[0]!;
    await s.h.resumeConsumer(s.room, s.bob.peer, { consumerId });
    expect(consumer.keyFrameRequests).toBe(1);
    await s.h.setConsumerPreferredLayers(s.room, s.bob.peer, { consumerId, spatialLayer: 0 });
    expect(consumer.keyFrameRequests).toBe(2);
    await s.h.requestKeyFrame(s.room, s.bob.peer, { consumerId });
    expect(consumer.keyFrameRequests).toBe(3);
  });

  it("requestKeyFrame refuses a consumer that isn't yours, and asks nothing for audio", async () => {
    const s = await s_();
    const video = await s.consume(s.room, s.bob.peer, (await s.produce(s.room, s.ann.peer, 'screen')).producerId);
    await expect(s.h.requestKeyFrame(s.room, s.ann.peer, { consumerId: video.consumerId })).rejects.toThrow(
      code('INVALID_STATE'),
    );
    const audio = await s.consume(s.room, s.bob.peer, (await s.produce(s.room, s.ann.peer, 'mic')).producerId);
    await s.h.requestKeyFrame(s.room, s.bob.peer, { consumerId: audio.consumerId });
    const consumers = s.router().transports.flatMap((t) => t.consumers);
    expect(consumers.map((c) => c.keyFrameRequests)).toEqual([0, 0]);
  });

  it('consuming the same producer again replaces the earlier consumer', async () => {
    const s = await s_();
    const { producerId } = await s.produce(s.room, s.ann.peer, 'cam');
    const first = await s.consume(s.room, s.bob.peer, producerId);
    const second = await s.consume(s.room, s.bob.peer, producerId, first.transportId);
    const consumers = s.router().transports.find((t) => t.id === first.transportId)!.consumers;
    expect(consumers.map((c) => [c.id, c.closed])).toEqual([
      [first.consumerId, true],
      [second.consumerId, false],
    ]);
    expect(s.bob.link.of('consumerClosed')).toEqual([]);
  });
});

/** A room with Ann and Bob, both presenters. */
async function s_() {
  const s = await sfuSetup();
  const room = await s.createRoom();
  const ann = s.join(room, 'Ann');
  const bob = s.join(room, 'Bob');
  const router = () => s.spawner.workers[0]!.routers[0]!;
  return { ...s, room, ann, bob, router };
}
