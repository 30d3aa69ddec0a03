// @vitest-environment node
// Edge routers on real mediasoup workers with real RTP: a synthetic VP8 camera is fed into the room's origin
// router over a PlainTransport, viewers' consumers are PlainTransports on the routers the SFU placed them on,
// and UDP sockets count the packets each viewer gets.
import { createSocket, type Socket } from 'node:dgram';
import type { types } from 'mediasoup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vp8Sender } from '../../bench/sfu-fanout/vp8-sender';
import type { Peer } from '../../server/peers/peer';
import { RoomRegistry } from '../../server/rooms/room-registry';
import { DEFAULT_SFU_SETTINGS } from '../../server/sfu/media-settings';
import type { MediasoupMediaService } from '../../server/sfu/mediasoup-media-service';
import type { RoomMedia } from '../../server/sfu/room-media';
import { startMediasoup } from '../../server/sfu/start-mediasoup';
import { connectedPeer, FakeClock } from '../unit/server/support/fakes';

const FEEDBACK = [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }];
const sockets: Socket[] = [];
let sfu: MediasoupMediaService;
let rooms: RoomRegistry;

beforeAll(async () => {
  sfu = await startMediasoup({ ...DEFAULT_SFU_SETTINGS, workers: 2, consumersPerRouter: 1 });
  rooms = new RoomRegistry({
    clock: new FakeClock(),
    media: sfu,
    maxPeersPerRoom: 50,
    maxRooms: 50,
    emptyRoomTtlMs: 1,
  });
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await sfu.close();
});

async function udpSocket(): Promise<Socket> {
  const socket = createSocket('udp4');
  sockets.push(socket);
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return socket;
}

/** A synthetic VP8 camera of `presenter`, fed into the origin router over a PlainTransport and registered. */
async function camera(media: RoomMedia, presenter: Peer, ssrc: number, source: 'cam' | 'screen') {
  const origin = (await media.routerFor(presenter.id, 'send')).router as types.Router;
  const ingest = await origin.createPlainTransport({ listenIp: '127.0.0.1', rtcpMux: true, comedia: true });
  const producer = await ingest.produce({
    kind: 'video',
    rtpParameters: {
      codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90_000, rtcpFeedback: FEEDBACK }],
      encodings: [{ ssrc }],
    },
  });
  media.addProducer(presenter, media.peer(presenter.id), { producer, peerId: presenter.id, source });
  const socket = await udpSocket();
  const sender = new Vp8Sender(socket, { ssrc, payloadType: 101, fps: 30, packetsPerFrame: 3, payloadBytes: 800 });
  sender.target.port = ingest.tuple.localPort;
  return { producer, sender };
}

/** A viewer's PlainTransport on the router the SFU placed its receive transport on, and its packet count. */
async function receiver(media: RoomMedia, viewer: Peer) {
  const slot = await media.routerFor(viewer.id, 'recv');
  const router = slot.router as types.Router;
  const transport = await router.createPlainTransport({ listenIp: '127.0.0.1', rtcpMux: true, comedia: false });
  const socket = await udpSocket();
  const received = new Map<number, number>();
  socket.on('message', (packet) => {
    if (packet.length < 12 || (packet[1]! >= 192 && packet[1]! <= 223)) return; // RTCP
    const ssrc = packet.readUInt32BE(8);
    received.set(ssrc, (received.get(ssrc) ?? 0) + 1);
  });
  await transport.connect({ ip: '127.0.0.1', port: socket.address().port });
  const consume = async (producerId: string) => {
    await media.consumeRouter(viewer.id, producerId);
    const consumer = await transport.consume({ producerId, rtpCapabilities: router.rtpCapabilities });
    media.peer(viewer.id).consumers.set(consumer.id, consumer);
    return { consumer, packets: () => received.get(consumer.rtpParameters.encodings![0]!.ssrc!) ?? 0 };
  };
  return { routerId: router.id, workerPid: slot.worker.pid, consume };
}

type Receiver = Awaited<ReturnType<typeof receiver>>;
type Consumed = Awaited<ReturnType<Receiver['consume']>>;

describe('a broadcast past --consumers-per-router on two real workers', () => {
  it('viewers on the edge router receive the RTP of producers present, added later and not of one closed', async () => {
    const room = await rooms.create('broadcast');
    const presenter = connectedPeer('Ann').peer;
    rooms.join(presenter, room.id, 'presenter');
    const viewers = ['V1', 'V2', 'V3'].map((name) => connectedPeer(name).peer);
    for (const v of viewers) rooms.join(v, room.id, 'viewer');
    const media = sfu.roomMedia(room.id)!;
    const cam = await camera(media, presenter, 0x1111, 'cam');

    const receivers: (Receiver & { cam: Consumed })[] = [];
    for (const v of viewers) {
      const r = await receiver(media, v);
      receivers.push({ ...r, cam: await r.consume(cam.producer.id) });
    }
    const dump = await sfu.dump();
    const originPid = dump.rooms.find((r) => r.roomId === room.id)!.workerPid;
    expect(receivers[0]!.workerPid).toBe(originPid);
    expect(receivers.slice(1).map((r) => r.workerPid)).toEqual([expect.any(Number), expect.any(Number)]);
    expect(receivers[1]!.workerPid).not.toBe(originPid);
    expect(dump.edgeRouters.map((e) => e.routerId)).toEqual([receivers[1]!.routerId]);
    // Both workers carry a router of the room now, so V3 joins the least-loaded of them (the two are equal).
    expect([receivers[0]!.routerId, receivers[1]!.routerId]).toContain(receivers[2]!.routerId);

    await cam.sender.stream(60);
    await expect.poll(() => receivers.map((r) => r.cam.packets() > 120)).toEqual([true, true, true]);

    // A producer added after the edge opened is piped there and reaches the edge viewer.
    const screen = await camera(media, presenter, 0x2222, 'screen');
    const edgeViewer = receivers[1]!;
    const screenOnEdge = await edgeViewer.consume(screen.producer.id);
    await Promise.all([screen.sender.stream(60), cam.sender.stream(60)]);
    await expect.poll(() => screenOnEdge.packets() > 120).toBe(true);

    // Closing it on the origin closes the piped producer and the edge consumer with it.
    media.closeProducer(media.producer(screen.producer.id)!);
    await expect.poll(() => screenOnEdge.consumer.closed).toBe(true);
    const edgeDump = (await sfu.dump()).edgeRouters.find((e) => e.routerId === edgeViewer.routerId)!;
    expect(edgeDump.producerIds).toEqual([cam.producer.id]);
    const before = screenOnEdge.packets();
    await Promise.all([screen.sender.stream(30), cam.sender.stream(30)]);
    expect(screenOnEdge.packets()).toBe(before);

    for (const p of [presenter, ...viewers]) rooms.leave(p);
    await expect.poll(async () => (await sfu.dump()).edgeRouters).toEqual([]);
    expect((await sfu.dump()).workers.flatMap((w) => w.routerIds)).toEqual([]);
  }, 30_000);
});
