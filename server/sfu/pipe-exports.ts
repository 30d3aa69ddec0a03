import type { types } from 'mediasoup';
import type { PipeEvent, PipeOffer, PipeRequest, PipeTuple } from '../../common/cluster/messages';
import { ProtocolError } from '../../common/protocol';
import { createLogger } from '../log';
import { listenIpOf, PIPE_OPTIONS, type SfuSettings } from './media-settings';
import type { SfuPipeConsumer, SfuPipeTransport } from './mediasoup-types';
import type { RoomMedia } from './room-media';
import { mediasoupCall } from './sfu-errors';

const log = createLogger('sfu:pipe-out');

/** A `produce` request of another server. */
export type PipeProduce = Extract<PipeRequest, { op: 'produce' }>;

/** Our end of one pipe: a PipeTransport on the room's origin router and one consumer per producer sent through. */
interface End {
  roomId: string;
  server: string;
  pipeId: string;
  transport: Promise<SfuPipeTransport>;
  consumers: Map<string, Promise<SfuPipeConsumer>>;
  closed: boolean;
}

/** Our end of a pipe as a message to the other end. */
export function tupleOf(transport: SfuPipeTransport): PipeTuple {
  const { localIp: ip, localPort: port } = transport.tuple;
  const srtp = transport.srtpParameters ?? { cryptoSuite: 'AES_CM_128_HMAC_SHA1_80', keyBase64: '' };
  return { ip, port, srtp };
}

/** The other end's tuple as mediasoup's connect() takes it. */
export function connectOptions(tuple: PipeTuple): { ip: string; port: number; srtpParameters: types.SrtpParameters } {
  const { ip, port, srtp } = tuple;
  return { ip, port, srtpParameters: srtp as types.SrtpParameters };
}

/**
 * The hosting side of the pipes between servers: for each room hosted here and each server that serves viewers of
 * it, one PipeTransport on the room's origin router, and through it one consumer per producer that server asked
 * for, however many viewers it has. Every change of a piped producer (closed, paused, resumed) and the end of the
 * whole pipe (the room's router closed) is told to the other server.
 */
export class PipeExports {
  private readonly ends = new Map<string, End>();

  constructor(
    private readonly settings: SfuSettings,
    private readonly tell: (server: string, event: PipeEvent) => void,
  ) {}

  /** Sends a producer of `media` to `server` through its pipe of that room (made on first use). */
  async produce(media: RoomMedia, server: string, request: PipeProduce): Promise<PipeOffer> {
    const { roomId, producerId } = request;
    const entry = media.producer(producerId);
    if (!entry) throw new ProtocolError('INVALID_STATE', `no producer ${producerId} is open in room ${roomId}`);
    const end = this.endFor(media, server, request);
    let consumer = end.consumers.get(producerId);
    if (!consumer) {
      consumer = this.consume(end, producerId);
      end.consumers.set(producerId, consumer);
      consumer.catch(() => end.consumers.delete(producerId));
    }
    const { kind, rtpParameters, producerPaused: paused } = await consumer;
    return {
      tuple: tupleOf(await end.transport),
      kind,
      rtpParameters,
      paused,
      peerId: entry.peerId,
      source: entry.source,
    };
  }

  /** The other server no longer serves the room through this pipe. */
  release(roomId: string, server: string, pipeId: string): void {
    const end = this.ends.get(key(roomId, server));
    if (end?.pipeId === pipeId) this.close(end);
  }

  /**
   * Closes every pipe `keep` lets go of (its server is gone, or no longer serves a member of its room) and tells
   * the other end, which may not have noticed (its mirror closes too).
   */
  prune(keep: (roomId: string, server: string) => boolean): void {
    for (const end of [...this.ends.values()]) {
      if (keep(end.roomId, end.server)) continue;
      this.close(end);
      this.tell(end.server, { event: 'gone', roomId: end.roomId, pipeId: end.pipeId });
    }
  }

  /** Each open pipe and the producers sent through it, for dumps. */
  async describe(): Promise<{ roomId: string; server: string; transportId: string; producerIds: string[] }[]> {
    const ends = [...this.ends.values()];
    return Promise.all(
      ends.map(async (end) => {
        const transport = await end.transport;
        const open = await Promise.all([...end.consumers.values()].map((c) => c.catch(() => null)));
        const producerIds = [...end.consumers.keys()].filter((_, i) => open[i] && !open[i].closed);
        return { roomId: end.roomId, server: end.server, transportId: transport.id, producerIds };
      }),
    );
  }

  private endFor(media: RoomMedia, server: string, request: PipeProduce): End {
    const { roomId, pipeId, tuple } = request;
    const known = this.ends.get(key(roomId, server));
    if (known?.pipeId === pipeId) return known;
    // The other server opened a new mirror of the room (its last one closed): the old pipe is of no more use.
    if (known) this.close(known);
    const end: End = {
      roomId,
      server,
      pipeId,
      transport: this.open(media, tuple),
      consumers: new Map(),
      closed: false,
    };
    this.ends.set(key(roomId, server), end);
    end.transport.then(
      (transport) => {
        if (end.closed) return transport.close();
        transport.on('routerclose', () => {
          if (end.closed) return;
          this.forget(end);
          this.tell(server, { event: 'gone', roomId, pipeId });
        });
      },
      () => this.forget(end),
    );
    return end;
  }

  private async open(media: RoomMedia, tuple: PipeTuple): Promise<SfuPipeTransport> {
    const options = { listenIp: listenIpOf(this.settings), ...PIPE_OPTIONS };
    const transport = await mediasoupCall('createPipeTransport', () => media.router.createPipeTransport(options));
    try {
      await mediasoupCall('connect', () => transport.connect(connectOptions(tuple)));
    } catch (error) {
      transport.close();
      throw error;
    }
    return transport;
  }

  private async consume(end: End, producerId: string): Promise<SfuPipeConsumer> {
    const transport = await end.transport;
    const consumer = await mediasoupCall('consume', () => transport.consume({ producerId }));
    const { roomId, pipeId, server } = end;
    consumer.on('producerclose', () => {
      end.consumers.delete(producerId);
      if (!end.closed) this.tell(server, { event: 'close', roomId, pipeId, producerId });
    });
    consumer.on('producerpause', () => this.tell(server, { event: 'pause', roomId, pipeId, producerId }));
    consumer.on('producerresume', () => this.tell(server, { event: 'resume', roomId, pipeId, producerId }));
    log.debug('consume() | piping [room:%s, producer:%s, server:%s]', roomId, producerId, server);
    return consumer;
  }

  private close(end: End): void {
    this.forget(end);
    end.transport.then((transport) => transport.close()).catch(() => undefined);
  }

  private forget(end: End): void {
    end.closed = true;
    if (this.ends.get(key(end.roomId, end.server)) === end) this.ends.delete(key(end.roomId, end.server));
  }
}

const key = (roomId: string, server: string): string => `${roomId}\n${server}`;
