// @vitest-environment node
// Media between room servers: a broadcast hosted on server A, a synthetic VP8 camera fed into A's router, viewers
// signed in on server B. B answers their receive side on its own router, fed from A through one PipeTransport
// pipe per producer (real mediasoup workers on both, real Redis between them).
import { createSocket, type Socket } from 'node:dgram';
import type { types } from 'mediasoup';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Vp8Sender } from '../../bench/sfu-fanout/vp8-sender';
import { serverChannel } from '../../server/cluster/cluster-rpc';
import type { MediasoupMediaService } from '../../server/sfu/mediasoup-media-service';
import { SfuCluster } from './cluster-sfu';

const FEEDBACK = [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }];
const POLL = { timeout: 15_000, interval: 100 };
/** Generous: other sessions share the machine's two cores. */
const TEST_MS = 60_000;
let cluster: SfuCluster;
const sockets: Socket[] = [];
const stops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  cluster = await SfuCluster.start(2);
}, 60_000);
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
  await cluster.reset();
  for (const socket of sockets.splice(0)) socket.close();
});
// Closing two servers with their workers and Redis can take over 10 s while the full suite loads both cores.
afterAll(() => cluster?.stop(), 60_000);

const sfuA = (): MediasoupMediaService => cluster.nodes[0]!.sfu;
const sfuB = (): MediasoupMediaService => cluster.nodes[1]!.sfu;

async function udpSocket(): Promise<Socket> {
  const socket = createSocket('udp4');
  sockets.push(socket);
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return socket;
}

/** A broadcast on A with its presenter; the presenter's camera is a VP8 sender fed into A's router. */
async function broadcastOnA() {
  const presenter = await cluster.client(0, 'Presenter');
  const { roomId, presenterKey } = await presenter.request('createRoom', { mode: 'broadcast' });
  await presenter.request('joinRoom', { roomId, role: 'presenter', presenterKey });
  const media = sfuA().roomMedia(roomId)!;
  const router = media.router as types.Router;
  const ingest = await router.createPlainTransport({ listenIp: '127.0.0.1', rtcpMux: true, comedia: true });
  const producer = await ingest.produce({
    kind: 'video',
    rtpParameters: {
      codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90_000, rtcpFeedback: FEEDBACK }],
      encodings: [{ ssrc: 0x5151 }],
    },
  });
  media.addProducer(media.room.get(presenter.peerId)!, media.peer(presenter.peerId), {
    producer,
    peerId: presenter.peerId,
    source: 'cam',
  });
  const socket = await udpSocket();
  // Keyframe requests that reach the camera: RTCP PLI/FIR on its socket.
  let keyframeRequests = 0;
  socket.on('message', (packet) => void (Vp8Sender.asksForKeyframe(packet) && keyframeRequests++));
  const sender = new Vp8Sender(socket, {
    ssrc: 0x5151,
    payloadType: 101,
    fps: 30,
    packetsPerFrame: 2,
    payloadBytes: 600,
  });
  sender.target.port = ingest.tuple.localPort;
  let running = true;
  const streaming = (async () => {
    while (running) await sender.stream(15);
  })();
  stops.push(async () => {
    running = false;
    await streaming;
  });
  return { roomId, presenter, producer, keyframeRequests: () => keyframeRequests };
}

/** A viewer signed in on B: joins, takes the producer it was told about, consumes it on its receive transport. */
async function viewerOnB(roomId: string, name: string) {
  const viewer = await cluster.client(1, name);
  const announced = viewer.notifications.waitFor('newProducer');
  await viewer.request('joinRoom', { roomId });
  const { producerId } = await announced;
  const { rtpCapabilities } = await viewer.request('getRouterRtpCapabilities', {});
  const transport = await viewer.request('createWebRtcTransport', { direction: 'recv' });
  const consumed = await viewer.request('consume', { transportId: transport.transportId, producerId, rtpCapabilities });
  await viewer.request('resumeConsumer', { consumerId: consumed.consumerId });
  return { viewer, transport, consumed };
}

/** The mirror router of the room on B, from B's dump. */
async function mirrorOnB(roomId: string) {
  return (await sfuB().dump()).mirrorRouters.find((r) => r.roomId === roomId);
}

/** A's pipes to other servers for the room, from A's dump. */
async function pipesFromA(roomId: string) {
  return (await sfuA().dump()).pipesOut.filter((p) => p.roomId === roomId);
}

/** RTP packets of `producerId` that reached B's router (the pipe producer's own stats). */
async function packetsOnB(roomId: string, producerId: string): Promise<number> {
  const entry = sfuB().pipes.mirror(roomId)?.producer(producerId);
  if (!entry) return 0;
  const stats = (await (entry.producer as types.Producer).getStats()) as { type: string; packetCount?: number }[];
  return stats.find((s) => s.type === 'inbound-rtp')?.packetCount ?? 0;
}

/** A consumer on B's mirror router that sends to a UDP socket here: counts the packets a viewer on B would get. */
async function tapOnB(roomId: string, producerId: string) {
  const router = sfuB().pipes.mirror(roomId)!.router as types.Router;
  const socket = await udpSocket();
  let received = 0;
  socket.on('message', () => received++);
  const egress = await router.createPlainTransport({ listenIp: '127.0.0.1', rtcpMux: true, comedia: false });
  await egress.connect({ ip: '127.0.0.1', port: socket.address().port });
  const consumer = await egress.consume({ producerId, rtpCapabilities: router.rtpCapabilities });
  stops.push(async () => egress.close());
  return { consumer, received: () => received };
}

describe('a broadcast hosted on A, watched from B', () => {
  it(
    'viewers on B get their transports and consumers on B, fed by one pipe per producer from A',
    async () => {
      const { roomId, producer } = await broadcastOnA();
      const first = await viewerOnB(roomId, 'V1');
      const second = await viewerOnB(roomId, 'V2');
      const b = cluster.nodes[1]!;

      // The viewers' ICE candidates are B's: their media comes from the server they signed in on.
      for (const { transport } of [first, second]) {
        for (const candidate of transport.iceCandidates) {
          expect(candidate.port).toBeGreaterThanOrEqual(b.rtcMinPort);
          expect(candidate.port).toBeLessThanOrEqual(b.rtcMaxPort);
        }
      }
      const mirror = (await mirrorOnB(roomId))!;
      expect(mirror.host).not.toBe('');
      expect(mirror.producerIds).toEqual([producer.id]);
      expect(mirror.consumerIds.sort()).toEqual([first.consumed.consumerId, second.consumed.consumerId].sort());
      expect(mirror.transportIds).toEqual(
        expect.arrayContaining([first.transport.transportId, second.transport.transportId]),
      );

      // Two viewers on B, one pipe consumer on A: A's room router holds nothing else for them.
      expect(await pipesFromA(roomId)).toEqual([expect.objectContaining({ roomId, producerIds: [producer.id] })]);
      const origin = (await sfuA().dump()).rooms.find((r) => r.roomId === roomId)!;
      expect(origin.consumerIds).toHaveLength(1);
      expect(origin.transportIds).not.toContain(first.transport.transportId);

      // RTP crosses the pipe and goes out of B's router to a consumer there.
      const before = await packetsOnB(roomId, producer.id);
      await expect.poll(() => packetsOnB(roomId, producer.id), POLL).toBeGreaterThan(before + 30);
      const tap = await tapOnB(roomId, producer.id);
      await expect.poll(tap.received, POLL).toBeGreaterThan(30);
    },
    TEST_MS,
  );

  it(
    "a keyframe request of a consumer on B reaches the presenter's camera on A",
    async () => {
      const { roomId, producer, keyframeRequests } = await broadcastOnA();
      await viewerOnB(roomId, 'V1');
      const tap = await tapOnB(roomId, producer.id);
      await expect.poll(tap.received, POLL).toBeGreaterThan(30);
      // Setting the pipe up asked for keyframes of its own; each request below must add one more. A request made
      // while the previous keyframe is still on its way is folded into it by mediasoup, so it is made again until one
      // arrives.
      for (let i = 0; i < 3; i++) {
        const asked = keyframeRequests();
        const askAgain = async () => (await tap.consumer.requestKeyFrame(), keyframeRequests());
        await expect.poll(askAgain, { ...POLL, interval: 300 }).toBeGreaterThan(asked);
      }
    },
    TEST_MS,
  );

  it(
    'a producer closed on A closes the consumers on B (consumerClosed, producerClosed) and its pipe',
    async () => {
      const { roomId, producer } = await broadcastOnA();
      const viewers = [await viewerOnB(roomId, 'V1'), await viewerOnB(roomId, 'V2')];
      const told = viewers.map(({ viewer, consumed }) => {
        const order: string[] = [];
        viewer.notifications.on(
          'consumerClosed',
          (c) => c.consumerId === consumed.consumerId && order.push('consumer'),
        );
        viewer.notifications.on('producerClosed', (p) => p.producerId === producer.id && order.push('producer'));
        return order;
      });
      const media = sfuA().roomMedia(roomId)!;
      media.closeProducer(media.producer(producer.id)!);
      for (const order of told) await expect.poll(() => order, POLL).toEqual(['consumer', 'producer']);
      await expect.poll(async () => (await mirrorOnB(roomId))?.producerIds, POLL).toEqual([]);
      await expect.poll(async () => (await mirrorOnB(roomId))?.consumerIds, POLL).toEqual([]);
      await expect.poll(async () => (await pipesFromA(roomId))[0]?.producerIds, POLL).toEqual([]);
    },
    TEST_MS,
  );

  it(
    'a producer paused on A pauses the consumers on B, and resumes them',
    async () => {
      const { roomId, presenter, producer } = await broadcastOnA();
      const { viewer } = await viewerOnB(roomId, 'V1');
      const paused = viewer.notifications.waitFor('producerPaused', (p) => p.producerId === producer.id);
      await presenter.request('pauseProducer', { producerId: producer.id });
      await paused;
      const piped = () => sfuB().pipes.mirror(roomId)!.producer(producer.id)!.producer.paused;
      await expect.poll(piped, POLL).toBe(true);
      await presenter.request('resumeProducer', { producerId: producer.id });
      await expect.poll(piped, POLL).toBe(false);
    },
    TEST_MS,
  );

  it(
    "the last viewer leaving B closes B's mirror and frees A's end of the pipe",
    async () => {
      const { roomId } = await broadcastOnA();
      const viewers = [await viewerOnB(roomId, 'V1'), await viewerOnB(roomId, 'V2')];
      await viewers[0]!.viewer.request('leaveRoom', {});
      expect(await mirrorOnB(roomId)).toBeDefined();
      await viewers[1]!.viewer.close();
      await expect.poll(() => mirrorOnB(roomId), POLL).toBeUndefined();
      await expect.poll(() => pipesFromA(roomId), POLL).toEqual([]);
      const workers = (await sfuB().dump()).workers;
      expect(workers.map((w) => w.rooms)).toEqual([0]);
    },
    TEST_MS,
  );

  it(
    "A's worker dying resets the room: the viewers on B get mediaReset and B's mirror closes",
    async () => {
      const { roomId } = await broadcastOnA();
      const { viewer } = await viewerOnB(roomId, 'V1');
      const reset = viewer.notifications.waitFor('mediaReset', undefined, 30_000);
      process.kill(sfuA().roomMedia(roomId)!.worker.pid, 'SIGKILL');
      await reset;
      await expect.poll(() => mirrorOnB(roomId), POLL).toBeUndefined();
    },
    TEST_MS,
  );

  it(
    "B's worker dying closes its mirror: the viewers on B get mediaReset, and receive again once set up anew",
    async () => {
      const { roomId, producer } = await broadcastOnA();
      const { viewer } = await viewerOnB(roomId, 'V1');
      const reset = viewer.notifications.waitFor('mediaReset', undefined, 30_000);
      const { workerPid } = (await mirrorOnB(roomId))!;
      process.kill(workerPid, 'SIGKILL');
      await reset;
      await expect.poll(() => mirrorOnB(roomId), POLL).toBeUndefined();
      // What the client does on mediaReset: a new receive transport (a new mirror here) and its consumers again.
      const { rtpCapabilities } = await viewer.request('getRouterRtpCapabilities', {});
      const { transportId } = await viewer.request('createWebRtcTransport', { direction: 'recv' });
      await viewer.request('consume', { transportId, producerId: producer.id, rtpCapabilities });
      await expect.poll(async () => (await mirrorOnB(roomId))?.workerPid, POLL).not.toBe(workerPid);
      const before = await packetsOnB(roomId, producer.id);
      await expect.poll(() => packetsOnB(roomId, producer.id), POLL).toBeGreaterThan(before + 30);
      expect(await pipesFromA(roomId)).toEqual([expect.objectContaining({ producerIds: [producer.id] })]);
    },
    TEST_MS,
  );

  it(
    'a pipe request from a server with no member in the room is refused',
    async () => {
      const { roomId, producer } = await broadcastOnA();
      const answer = await askOnBus(roomId, {
        op: 'produce',
        roomId,
        producerId: producer.id,
        pipeId: 'pipe-of-a-stranger',
        tuple: { ip: '127.0.0.1', port: 9, srtp: { cryptoSuite: 'AES_CM_128_HMAC_SHA1_80', keyBase64: 'AAAA' } },
      });
      expect(answer).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await pipesFromA(roomId)).toEqual([]);
    },
    TEST_MS,
  );
});

// Last: it cuts server A off the cluster for good.
describe('when the server hosting the room is gone', () => {
  it(
    "B takes it for dead at the heartbeat and closes its mirror of A's room",
    async () => {
      const { roomId } = await broadcastOnA();
      await viewerOnB(roomId, 'V1');
      expect(await mirrorOnB(roomId)).toBeDefined();
      // A stops beating and says nothing more on the bus: only B's heartbeat can tell.
      await cluster.nodes[0]!.backend.close();
      await expect.poll(() => mirrorOnB(roomId), POLL).toBeUndefined();
      expect((await sfuB().dump()).workers.map((w) => w.rooms)).toEqual([0]);
    },
    TEST_MS,
  );
});

/** Sends a pipe request straight on the bus to the server hosting the room, as a server with no member in it. */
async function askOnBus(roomId: string, data: unknown): Promise<unknown> {
  const [pub, sub] = [new Redis(cluster.redisUrl), new Redis(cluster.redisUrl)];
  try {
    const { server } = JSON.parse((await pub.get(`moim:room:${roomId}`))!) as { server: string };
    await sub.subscribe(serverChannel('stranger'));
    const answer = new Promise((resolve) => sub.on('message', (_channel, text: string) => resolve(JSON.parse(text))));
    await pub.publish(serverChannel(server), JSON.stringify({ kind: 'pipe', from: 'stranger', requestId: 1, data }));
    return await answer;
  } finally {
    pub.disconnect();
    sub.disconnect();
  }
}
