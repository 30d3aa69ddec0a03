// A MediasoupMediaService over fake workers, plugged into a real RoomRegistry with recording peers.
import type { ParsedRequestOf, PublishKind, RoomMode } from '../../../../common/protocol';
import type { Peer } from '../../../../server/peers/peer';
import { RoomRegistry } from '../../../../server/rooms/room-registry';
import type { Room } from '../../../../server/rooms/room';
import { DEFAULT_SFU_SETTINGS, type SfuSettings } from '../../../../server/sfu/media-settings';
import { MediasoupMediaService } from '../../../../server/sfu/mediasoup-media-service';
import { connectedPeer, FakeClock, type FakeLink } from './fakes';
import { fakeSpawner } from './sfu-fakes';

/** The smallest RTP parameters the schema accepts; the fakes don't look further. */
export const RTP = { codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }] };
export const CAPS = { codecs: [{ kind: 'video' as const, mimeType: 'video/VP8', clockRate: 90000 }] };

export async function sfuSetup(options: { workers?: number; settings?: Partial<SfuSettings> } = {}) {
  const spawner = fakeSpawner();
  const settings = { ...DEFAULT_SFU_SETTINGS, workers: options.workers ?? 1, ...options.settings };
  const service = await MediasoupMediaService.start({ settings, spawnWorker: spawner.spawn });
  const rooms = new RoomRegistry({
    clock: new FakeClock(),
    media: service,
    maxPeersPerRoom: 50,
    maxRooms: 50,
    emptyRoomTtlMs: 60_000,
  });
  const h = service.handlers;

  /** A peer that joined `room` with a recording link. */
  const join = (
    room: Room,
    name: string,
    role: 'presenter' | 'viewer' = 'presenter',
  ): { peer: Peer; link: FakeLink } => {
    const joined = connectedPeer(name);
    rooms.join(joined.peer, room.id, role);
    return joined;
  };

  /** Opens a transport of `direction` for `peer`. */
  const transport = async (room: Room, peer: Peer, direction: 'send' | 'recv') =>
    (await h.createWebRtcTransport(room, peer, { direction })).transportId;

  /** Opens a send transport (unless given) and produces `source`. */
  const produce = async (
    room: Room,
    peer: Peer,
    source: PublishKind = 'cam',
    extra: Partial<ParsedRequestOf<'produce'>> = {},
  ) => {
    const transportId = extra.transportId ?? (await transport(room, peer, 'send'));
    const kind = source === 'mic' ? 'audio' : 'video';
    const { producerId } = await h.produce(room, peer, { transportId, kind, rtpParameters: RTP, source, ...extra });
    return { transportId, producerId };
  };

  /** Opens a receive transport (unless given) and consumes `producerId`. */
  const consume = async (room: Room, peer: Peer, producerId: string, recvId?: string) => {
    const transportId = recvId ?? (await transport(room, peer, 'recv'));
    return { transportId, ...(await h.consume(room, peer, { transportId, producerId, rtpCapabilities: CAPS })) };
  };

  const createRoom = (mode: RoomMode = 'sfu') => rooms.create(mode);
  return { service, spawner, rooms, h, join, transport, produce, consume, createRoom };
}
