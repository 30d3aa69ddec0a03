// @vitest-environment node
// A big audience on a server that does not host the room: B's mirror spills viewers over to an edge router on
// B's other worker, as a room hosted on B would, and the edge is fed from the mirror by pipeToRouter while A
// still sends one stream per producer.
import { createSocket, type Socket } from 'node:dgram';
import type { types } from 'mediasoup';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Vp8Sender } from '../../bench/sfu-fanout/vp8-sender';
import { SfuCluster } from './cluster-sfu';

const FEEDBACK = [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }];
const POLL = { timeout: 15_000, interval: 100 };
let cluster: SfuCluster;
const sockets: Socket[] = [];
let streaming = true;
/** The sender's loop: awaited before its socket closes, so no packet goes out on a closed socket. */
let streamed: Promise<void> = Promise.resolve();

beforeAll(async () => {
  // Server B: two workers, a router is full at one consumer.
  cluster = await SfuCluster.start(2, 45_000, (i) => (i === 1 ? { workers: 2, consumersPerRouter: 1 } : {}));
}, 60_000);
afterAll(async () => {
  streaming = false;
  await streamed;
  await cluster?.stop();
  for (const socket of sockets) socket.close();
}, 60_000);

async function udpSocket(): Promise<Socket> {
  const socket = createSocket('udp4');
  sockets.push(socket);
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return socket;
}

it('viewers on B spread over its mirror and an edge router on its other worker; both get RTP', async () => {
  const [sfuA, sfuB] = [cluster.nodes[0]!.sfu, cluster.nodes[1]!.sfu];
  const presenter = await cluster.client(0, 'Presenter');
  const { roomId, presenterKey } = await presenter.request('createRoom', { mode: 'broadcast' });
  await presenter.request('joinRoom', { roomId, role: 'presenter', presenterKey });
  const media = sfuA.roomMedia(roomId)!;
  const ingest = await (media.router as types.Router).createPlainTransport({
    listenIp: '127.0.0.1',
    rtcpMux: true,
    comedia: true,
  });
  const producer = await ingest.produce({
    kind: 'video',
    rtpParameters: {
      codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90_000, rtcpFeedback: FEEDBACK }],
      encodings: [{ ssrc: 0x6161 }],
    },
  });
  const owner = media.room.get(presenter.peerId)!;
  media.addProducer(owner, media.peer(owner.id), { producer, peerId: owner.id, source: 'cam' });
  const sender = new Vp8Sender(await udpSocket(), {
    ssrc: 0x6161,
    payloadType: 101,
    fps: 30,
    packetsPerFrame: 2,
    payloadBytes: 600,
  });
  sender.target.port = ingest.tuple.localPort;
  streamed = (async () => {
    while (streaming) await sender.stream(15);
  })();

  const consumerIds: string[] = [];
  for (const name of ['V1', 'V2']) {
    const viewer = await cluster.client(1, name);
    const announced = viewer.notifications.waitFor('newProducer');
    await viewer.request('joinRoom', { roomId });
    const { producerId } = await announced;
    const { rtpCapabilities } = await viewer.request('getRouterRtpCapabilities', {});
    const { transportId } = await viewer.request('createWebRtcTransport', { direction: 'recv' });
    consumerIds.push((await viewer.request('consume', { transportId, producerId, rtpCapabilities })).consumerId);
  }

  const routers = (await sfuB.dump()).mirrorRouters.filter((r) => r.roomId === roomId);
  expect(routers).toHaveLength(2);
  expect(new Set(routers.map((r) => r.workerPid)).size).toBe(2);
  // One viewer each (the mirror's router also holds the pipeToRouter consumer feeding the edge).
  for (const router of routers) expect(router.consumerIds.filter((id) => consumerIds.includes(id))).toHaveLength(1);
  // However many routers serve the room on B, A sends it one stream.
  expect((await sfuA.dump()).pipesOut).toEqual([expect.objectContaining({ roomId, producerIds: [producer.id] })]);

  for (const { router } of sfuB.pipes.mirror(roomId)!.routers) {
    const socket = await udpSocket();
    let received = 0;
    socket.on('message', () => received++);
    const egress = await (router as types.Router).createPlainTransport({
      listenIp: '127.0.0.1',
      rtcpMux: true,
      comedia: false,
    });
    await egress.connect({ ip: '127.0.0.1', port: socket.address().port });
    await egress.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities });
    await expect.poll(() => received, POLL).toBeGreaterThan(30);
  }
}, 60_000);
