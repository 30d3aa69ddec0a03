import { pipeOffer } from '../../common/cluster/messages';
import {
  ProtocolError,
  type MethodName,
  type NotificationName,
  type ParsedRequestOf,
  type RoomMode,
} from '../../common/protocol';
import { createLogger } from '../log';
import type { Peer } from '../peers/peer';
import type { Services } from '../services';
import type { MediaPipes, MirrorHandlers } from '../sfu/media-pipes';
import type { MirrorLink, RoomMirror } from '../sfu/room-mirror';
import type { ClusterRpc } from './cluster-rpc';

const log = createLogger('cluster:mirror');

/** A local peer's room on another server, as the routing knows it. */
export interface RemoteRoom {
  roomId: string;
  server: string;
  mode: RoomMode;
}

type ReceiveMethod = keyof MirrorHandlers;

/**
 * The receive side of local peers in SFU and broadcast rooms hosted on other servers: their receive transport and
 * consumers live here, on the room's mirror (sfu/room-mirror.ts), fed from the hosting server through one pipe per
 * producer; everything else (send side, room state) is still forwarded to the hosting server.
 */
export class MirrorRouting {
  constructor(
    private readonly services: Services,
    private readonly rpc: ClusterRpc,
    private readonly pipes: MediaPipes,
  ) {}

  /** Answers the request here when it is about the peer's receive side; undefined = forward it as before. */
  async answer(
    peer: Peer,
    room: RemoteRoom,
    method: MethodName,
    data: unknown,
  ): Promise<{ result: unknown } | undefined> {
    if (room.mode === 'p2p' || !(method in this.pipes.handlers)) return undefined;
    const mirror = await this.mirrorFor(peer, room, method as ReceiveMethod, data);
    if (!mirror) return undefined;
    const handler = this.pipes.handlers[method as ReceiveMethod] as (
      room: { id: string },
      peer: Peer,
      data: unknown,
    ) => Promise<unknown>;
    const result = await handler({ id: room.roomId }, peer, data);
    // The peer left the room while its transport was being made: its media here goes.
    if (peer.roomId !== room.roomId) mirror.removePeer(peer.id);
    return { result };
  }

  /** The peer is out of its room elsewhere (left, gone, or the room's server is): its media here closes. */
  peerLeft(peerId: string, roomId: string): void {
    this.pipes.mirror(roomId)?.removePeer(peerId);
  }

  /** Before a notification from the hosting server reaches a local peer: keeps the mirror in step with the room. */
  delivering(peerId: string, roomId: string | null, name: NotificationName, data: unknown): void {
    const mirror = roomId === null ? undefined : this.pipes.mirror(roomId);
    if (!mirror) return;
    // As on one server, the viewers here get consumerClosed before producerClosed.
    if (name === 'producerClosed') mirror.dropProducer((data as { producerId: string }).producerId);
    else if (name === 'mediaReset') mirror.removePeer(peerId);
  }

  /** The mirror this request goes to, or undefined when it is for the hosting server. */
  private async mirrorFor(
    peer: Peer,
    room: RemoteRoom,
    method: ReceiveMethod,
    data: unknown,
  ): Promise<RoomMirror | undefined> {
    if (method === 'getRouterRtpCapabilities') return undefined;
    if (method === 'createWebRtcTransport') {
      if ((data as ParsedRequestOf<'createWebRtcTransport'>).direction !== 'recv') return undefined;
      return this.pipes.openMirror(room.roomId, this.link(room));
    }
    const mirror = this.pipes.mirror(room.roomId);
    if (!mirror?.has(peer.id)) return undefined;
    const { transportId, consumerId } = data as { transportId?: string; consumerId?: string };
    // Ids of the peer's objects here are answered here; any other (its send transport) is the hosting server's.
    return mirror.peer(peer.id).owns(transportId ?? consumerId ?? '') ? mirror : undefined;
  }

  private link({ roomId, server }: RemoteRoom): MirrorLink {
    return {
      host: server,
      pipe: async (producerId, pipeId, tuple) => {
        const raw = await this.rpc.requestPipe(server, { op: 'produce', roomId, producerId, pipeId, tuple });
        const parsed = pipeOffer.safeParse(raw);
        if (parsed.success) return parsed.data;
        log.warn('pipe() | malformed answer from %s [producer:%s]', server, producerId);
        throw new ProtocolError('INTERNAL', 'the server hosting this room answered nonsense');
      },
      announce: (peerId) => {
        this.rpc.requestPipe(server, { op: 'announce', roomId, peerId }).catch((error: unknown) => {
          log.warn('announce() | failed [room:%s, peer:%s]: %s', roomId, peerId, (error as Error).message);
        });
      },
      release: (pipeId) => this.rpc.pipeEvent(server, { event: 'release', roomId, pipeId }),
      notify: (peerId, name, data) => this.services.peers.get(peerId)?.notify(name, data),
    };
  }
}
