// @vitest-environment node
// SFU and broadcast rooms against a real mediasoup worker, driven over the real protocol by `ws` clients.
// No browser: produce gets valid WebRTC RTP parameters (mid, payload types, SSRCs, cname), which mediasoup
// accepts with no media flowing; consumers are inspected through mediasoup's observer API.
import { observer, type types } from 'mediasoup';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RequestOf, RoomMode } from '../../common/protocol';
import { DEFAULT_SFU_SETTINGS } from '../../server/sfu/media-settings';
import type { MediasoupMediaService } from '../../server/sfu/mediasoup-media-service';
import { startMediasoup } from '../../server/sfu/start-mediasoup';
import { Harness, type Client } from './harness';
import { camRtp as cam, micRtp as mic } from './sfu-rtp';

let h: Harness;
let sfu: MediasoupMediaService;
const consumers = new Map<string, types.Consumer>();

beforeAll(async () => {
  // Every consumer the worker makes, straight from mediasoup, to check its paused state.
  observer.on('newworker', (w) =>
    w.observer.on('newrouter', (r) =>
      r.observer.on('newtransport', (t) => t.observer.on('newconsumer', (c) => consumers.set(c.id, c))),
    ),
  );
  sfu = await startMediasoup({ ...DEFAULT_SFU_SETTINGS, workers: 1 });
  h = await Harness.start({ media: () => sfu });
});
afterAll(() => h.stop());
afterEach(() => h.reset());

/** Clients in a new room of `mode`; the first creates it, roles as given (presenters present the room's key). */
async function room(mode: RoomMode, roles: ('presenter' | 'viewer')[]) {
  const clients: Client[] = [];
  for (const [i, role] of roles.entries()) clients.push(await h.client(`${role}${i}`));
  const { roomId, presenterKey } = await clients[0]!.request('createRoom', { mode });
  for (const [i, c] of clients.entries()) {
    const role = roles[i];
    await c.request('joinRoom', role === 'presenter' ? { roomId, role, presenterKey } : { roomId, role });
  }
  return { roomId, clients };
}

async function transport(client: Client, direction: 'send' | 'recv') {
  return (await client.request('createWebRtcTransport', { direction })).transportId;
}

async function capabilities(client: Client) {
  return (await client.request('getRouterRtpCapabilities', {})).rtpCapabilities;
}

/** The room's entry in the SFU dump, from mediasoup's own router and worker dumps. */
async function dumped(roomId: string) {
  return (await sfu.dump()).rooms.find((r) => r.roomId === roomId);
}

describe('an SFU room on a real mediasoup worker', () => {
  it('hello says sfuAvailable; the router offers opus and VP8 first; transports listen on 127.0.0.1', async () => {
    const raw = await h.raw();
    expect(await raw.request('hello', { displayName: 'Ann' })).toMatchObject({
      ok: true,
      data: { sfuAvailable: true },
    });
    const { clients } = await room('sfu', ['presenter']);
    const caps = await capabilities(clients[0]!);
    expect(caps.codecs?.map((c) => c.mimeType)).toEqual(
      expect.arrayContaining(['audio/opus', 'video/VP8', 'video/VP9', 'video/H264']),
    );
    expect(caps.codecs?.find((c) => c.kind === 'video')?.mimeType).toBe('video/VP8');
    const t = await clients[0]!.request('createWebRtcTransport', { direction: 'send', sctp: true });
    expect(t.iceCandidates.map((c) => [c.ip, c.protocol])).toEqual(
      expect.arrayContaining([
        ['127.0.0.1', 'udp'],
        ['127.0.0.1', 'tcp'],
      ]),
    );
    expect(t.dtlsParameters.fingerprints.length).toBeGreaterThan(0);
    expect(t.sctpParameters).toMatchObject({ OS: 1024, MIS: 1024 });
  });

  it('produce reaches the others as newProducer; consume returns a paused server consumer until resumeConsumer', async () => {
    const { roomId, clients } = await room('sfu', ['presenter', 'presenter']);
    const [ann, bob] = clients as [Client, Client];
    const send = await transport(ann, 'send');
    const { producerId } = await ann.request('produce', {
      transportId: send,
      kind: 'video',
      rtpParameters: cam('0', 1000),
      source: 'cam',
    });
    await expect(bob.notifications.waitFor('newProducer')).resolves.toEqual({
      peerId: ann.peerId,
      producerId,
      kind: 'video',
      source: 'cam',
      paused: false,
    });
    await expect(bob.notifications.waitFor('published')).resolves.toEqual({ peerId: ann.peerId, kind: 'cam' });

    const recv = await transport(bob, 'recv');
    const consumed = await bob.request('consume', {
      transportId: recv,
      producerId,
      rtpCapabilities: await capabilities(bob),
    });
    expect(consumed).toMatchObject({ producerId, peerId: ann.peerId, kind: 'video', source: 'cam', type: 'simulcast' });
    expect(consumed.rtpParameters.codecs[0]).toMatchObject({ mimeType: 'video/VP8' });
    expect(consumers.get(consumed.consumerId)?.paused).toBe(true);
    await bob.request('resumeConsumer', { consumerId: consumed.consumerId });
    expect(consumers.get(consumed.consumerId)?.paused).toBe(false);
    await bob.request('setConsumerPreferredLayers', { consumerId: consumed.consumerId, spatialLayer: 0 });
    expect(consumers.get(consumed.consumerId)?.preferredLayers).toMatchObject({ spatialLayer: 0 });

    await expect(
      bob.request('consume', { transportId: recv, producerId, rtpCapabilities: { codecs: [] } }),
    ).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    expect(await dumped(roomId)).toMatchObject({ producerIds: [producerId], consumerIds: [consumed.consumerId] });
  });

  it("refuses another peer's transport, producer and consumer ids with INVALID_STATE", async () => {
    const { clients } = await room('sfu', ['presenter', 'presenter']);
    const [ann, bob] = clients as [Client, Client];
    const send = await transport(ann, 'send');
    const { producerId } = await ann.request('produce', {
      transportId: send,
      kind: 'audio',
      rtpParameters: mic('0', 2000),
      source: 'mic',
    });
    const refused = { code: 'INVALID_STATE' };
    await expect(bob.request('restartIce', { transportId: send })).rejects.toMatchObject(refused);
    await expect(
      bob.request('produce', { transportId: send, kind: 'audio', rtpParameters: mic('1', 2100), source: 'mic' }),
    ).rejects.toMatchObject(refused);
    await expect(bob.request('closeProducer', { producerId })).rejects.toMatchObject(refused);
    await expect(bob.request('pauseProducer', { producerId })).rejects.toMatchObject(refused);
    const recv = await transport(bob, 'recv');
    const { consumerId } = await bob.request('consume', {
      transportId: recv,
      producerId,
      rtpCapabilities: await capabilities(bob),
    });
    await expect(ann.request('resumeConsumer', { consumerId })).rejects.toMatchObject(refused);
    await expect(ann.request('consume', { transportId: recv, producerId, rtpCapabilities: {} })).rejects.toMatchObject(
      refused,
    );
  });

  it('refuses RTP parameters mediasoup rejects with UNSUPPORTED or BAD_REQUEST, a fixed message, and no producer', async () => {
    const { roomId, clients } = await room('sfu', ['presenter', 'presenter']);
    const [ann, bob] = clients as [Client, Client];
    const announced: unknown[] = [];
    bob.notifications.on('newProducer', (n) => announced.push(n));
    const transportId = await transport(ann, 'send');
    const produce = (rtpParameters: RequestOf<'produce'>['rtpParameters']) =>
      ann.request('produce', { transportId, kind: 'video', rtpParameters, source: 'cam' });
    const unknownCodec = { ...cam('0', 3000), codecs: [{ mimeType: 'video/nope', payloadType: 96, clockRate: 90000 }] };
    await expect(produce(unknownCodec)).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      message: 'produce failed with UNSUPPORTED: produce: the media server refused it',
    });
    await expect(produce({ ...cam('0', 3000), encodings: [{ ssrc: 'one' }] })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'produce failed with BAD_REQUEST: produce: the media server refused it',
    });
    expect((await dumped(roomId))?.producerIds).toEqual([]);
    // Anything sent to Bob before the refusals arrives before this response.
    await bob.request('getRouterRtpCapabilities', {});
    expect(announced).toEqual([]);
  });
});

describe('a broadcast room on a real mediasoup worker', () => {
  it("refuses a viewer's produce with FORBIDDEN", async () => {
    const { clients } = await room('broadcast', ['presenter', 'viewer']);
    const viewer = clients[1]!;
    const send = await transport(viewer, 'send');
    await expect(
      viewer.request('produce', { transportId: send, kind: 'video', rtpParameters: cam('0', 4000), source: 'cam' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a viewer waiting before the presenter publishes gets newProducer, then producerClosed when the presenter leaves', async () => {
    const { roomId, clients } = await room('broadcast', ['presenter', 'viewer']);
    const [presenter, viewer] = clients as [Client, Client];
    const recv = await transport(viewer, 'recv');
    const send = await transport(presenter, 'send');
    const produced = await presenter.request('produce', {
      transportId: send,
      kind: 'video',
      rtpParameters: cam('0', 5000),
      source: 'screen',
    });
    const announced = await viewer.notifications.waitFor('newProducer');
    expect(announced).toMatchObject({ peerId: presenter.peerId, producerId: produced.producerId, source: 'screen' });
    const { consumerId } = await viewer.request('consume', {
      transportId: recv,
      producerId: announced.producerId,
      rtpCapabilities: await capabilities(viewer),
    });

    const late = await h.client('late viewer');
    await late.request('joinRoom', { roomId, role: 'viewer' });
    await expect(late.notifications.waitFor('newProducer')).resolves.toMatchObject({ producerId: produced.producerId });

    await presenter.request('leaveRoom', {});
    await expect(viewer.notifications.waitFor('consumerClosed')).resolves.toEqual({ consumerId });
    await expect(viewer.notifications.waitFor('producerClosed')).resolves.toEqual({
      peerId: presenter.peerId,
      producerId: produced.producerId,
    });
    expect(await dumped(roomId)).toMatchObject({ producerIds: [], consumerIds: [] });
    expect((await dumped(roomId))?.transportIds).toHaveLength(1);
  });
});

describe('cleanup', () => {
  it('leaving and disconnecting close every transport, producer and consumer; the last one out closes the router', async () => {
    const { roomId, clients } = await room('sfu', ['presenter', 'presenter', 'presenter']);
    const [ann, bob, cy] = clients as [Client, Client, Client];
    for (const [i, c] of clients.entries()) {
      const send = await transport(c, 'send');
      await c.request('produce', {
        transportId: send,
        kind: 'audio',
        rtpParameters: mic('0', 6000 + i),
        source: 'mic',
      });
      await c.request('produce', {
        transportId: send,
        kind: 'video',
        rtpParameters: cam('1', 6100 + 100 * i),
        source: 'cam',
      });
    }
    for (const c of clients) {
      const recv = await transport(c, 'recv');
      const caps = await capabilities(c);
      for (const other of clients.filter((o) => o !== c)) {
        for (const source of ['mic', 'cam']) {
          const { producerId } = await c.notifications.waitFor(
            'newProducer',
            (n) => n.peerId === other.peerId && n.source === source,
          );
          await c.request('consume', { transportId: recv, producerId, rtpCapabilities: caps });
        }
      }
    }
    const full = (await dumped(roomId))!;
    expect([full.transportIds.length, full.producerIds.length, full.consumerIds.length]).toEqual([6, 6, 12]);
    const routerId = full.routerId;

    await ann.request('leaveRoom', {});
    const afterLeave = (await dumped(roomId))!;
    expect([afterLeave.transportIds.length, afterLeave.producerIds.length, afterLeave.consumerIds.length]).toEqual([
      4, 4, 4,
    ]);

    await bob.close();
    await cy.close();
    await h.waitForHealth((health) => health.rooms === 0);
    expect(await dumped(roomId)).toBeUndefined();
    const workers = (await sfu.dump()).workers;
    expect(workers.flatMap((w) => w.routerIds)).not.toContain(routerId);
  });
});

describe('worker death', () => {
  it('a killed worker is replaced, its rooms get mediaReset and a working router again', async () => {
    const { roomId, clients } = await room('sfu', ['presenter', 'viewer']);
    const [ann, viewer] = clients as [Client, Client];
    const send = await transport(ann, 'send');
    await ann.request('produce', { transportId: send, kind: 'audio', rtpParameters: mic('0', 7000), source: 'mic' });
    const before = (await dumped(roomId))!;
    process.kill(before.workerPid, 'SIGKILL');

    await Promise.all([ann.notifications.waitFor('mediaReset'), viewer.notifications.waitFor('mediaReset')]);
    const after = (await dumped(roomId))!;
    expect(after.workerPid).not.toBe(before.workerPid);
    expect(after.routerId).not.toBe(before.routerId);
    expect((await sfu.dump()).workers.map((w) => w.pid)).toEqual([after.workerPid]);
    expect(after).toMatchObject({ transportIds: [], producerIds: [] });

    const again = await transport(ann, 'send');
    const { producerId } = await ann.request('produce', {
      transportId: again,
      kind: 'audio',
      rtpParameters: mic('0', 7100),
      source: 'mic',
    });
    await expect(
      viewer.notifications.waitFor('newProducer', (n) => n.producerId === producerId),
    ).resolves.toMatchObject({
      kind: 'audio',
    });
    const recv = await transport(viewer, 'recv');
    await viewer.request('consume', { transportId: recv, producerId, rtpCapabilities: await capabilities(viewer) });
  });
});
