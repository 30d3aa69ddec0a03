import type { PipeRequest, ServerMessage } from '../../common/cluster/messages';
import { ProtocolError, type ResponseEnvelope } from '../../common/protocol';
import { createLogger } from '../log';
import type { Services } from '../services';
import type { MediaPipes } from '../sfu/media-pipes';
import type { ClusterRpc } from './cluster-rpc';
import { RemotePeer } from './remote-peer';

const log = createLogger('cluster:pipes');

type PipeAsk = Extract<ServerMessage, { kind: 'pipe' }>;
type PipeNotice = Extract<ServerMessage, { kind: 'pipeEvent' }>;

/**
 * The bus side of the media pipes: answers other servers' requests for producers of the rooms hosted here (only
 * a server with a member in the room may ask), and follows the changes each end of a pipe tells the other.
 */
export class PipeServer {
  constructor(
    private readonly services: Services,
    private readonly rpc: ClusterRpc,
    private readonly pipes: MediaPipes,
  ) {
    pipes.tell = (server, event) => this.rpc.pipeEvent(server, event);
  }

  /** Answers a pipe request of another server with a response envelope; never throws. */
  async serve({ from, data }: PipeAsk): Promise<ResponseEnvelope> {
    try {
      return { id: 0, ok: true, data: await this.run(from, data) };
    } catch (error) {
      if (error instanceof ProtocolError)
        return { id: 0, ok: false, error: { code: error.code, message: error.message } };
      log.error('serve() | %s failed [server:%s]: %o', data.op, from, error);
      return { id: 0, ok: false, error: { code: 'INTERNAL', message: 'internal error' } };
    }
  }

  /**
   * Closes the mirrors of rooms hosted on servers that are gone, and the pipes to servers that are gone or no
   * longer have a member in the pipe's room (in case their `release` was lost, or never sent).
   */
  prune(isAlive: (server: string) => boolean): void {
    for (const mirror of this.pipes.allMirrors()) if (!isAlive(mirror.host)) mirror.close(false);
    this.pipes.exports.prune((roomId, server) => isAlive(server) && this.hasMember(roomId, server));
  }

  /** Follows a change the other end of a pipe told. */
  event({ from, data }: PipeNotice): void {
    if (data.event === 'release') return this.pipes.exports.release(data.roomId, from, data.pipeId);
    const mirror = this.pipes.mirror(data.roomId);
    if (!mirror || mirror.host !== from || mirror.pipeId !== data.pipeId) return;
    if (data.event === 'gone') mirror.close(false);
    else if (data.event === 'close') mirror.dropProducer(data.producerId);
    else mirror.setPaused(data.producerId, data.event === 'pause');
  }

  private async run(from: string, request: PipeRequest): Promise<unknown> {
    const room = this.services.rooms.get(request.roomId);
    if (!room || room.mode === 'p2p') throw new ProtocolError('ROOM_NOT_FOUND', `no SFU room ${request.roomId} here`);
    // Another server sees a room's media only for the members it serves.
    if (!this.hasMember(room.id, from))
      throw new ProtocolError('FORBIDDEN', `no member of room ${room.id} is on ${from}`);
    if (request.op === 'announce') {
      const peer = room.get(request.peerId);
      if (!isOn(peer, from)) throw new ProtocolError('PEER_NOT_FOUND', `no member ${request.peerId} of yours here`);
      // What a peer that just joined is sent: a newProducer for every producer.
      this.services.media.onPeerJoined(room, peer);
      return {};
    }
    const media = this.pipes.roomMedia(room.id);
    if (!media) throw new ProtocolError('MEDIA_SERVER_UNAVAILABLE', `room ${room.id} has no media router`);
    return this.pipes.exports.produce(media, from, request);
  }

  /** True while a peer signed in on `server` is in the room (hosted here). */
  private hasMember(roomId: string, server: string): boolean {
    return (
      this.services.rooms
        .get(roomId)
        ?.all()
        .some((peer) => isOn(peer, server)) ?? false
    );
  }
}

/** True for the stand-in of a peer signed in on `server`. */
function isOn(peer: unknown, server: string): peer is RemotePeer {
  return peer instanceof RemotePeer && peer.server === server;
}
