import type { types } from 'mediasoup';
import type { PipeOffer, PipeTuple } from '../../common/cluster/messages';
import { ProtocolError, type NotificationName, type NotificationOf } from '../../common/protocol';
import { createLogger } from '../log';
import type { Peer } from '../peers/peer';
import { LayerWatch } from './layer-watch';
import type { SfuPipeTransport, SfuRouter, SfuTransport, SfuWorker } from './mediasoup-types';
import { peerMediaIn, type Direction, type PeerMedia, type ProducerEntry } from './peer-media';
import { connectOptions, tupleOf } from './pipe-exports';
import type { EdgeSource } from './room-media';
import { RouterFleet, type RouterSlot } from './router-fleet';
import type { ReceiveSide } from './sfu-context';
import { mediaGone, mediasoupCall } from './sfu-errors';

const log = createLogger('sfu:mirror');

/** How a mirror reaches the server hosting its room, and the peers signed in here. */
export interface MirrorLink {
  /** The server hosting the room. */
  readonly host: string;
  /** Asks the hosting server to send a producer through this mirror's pipe; rejects with its ProtocolError. */
  pipe(producerId: string, pipeId: string, tuple: PipeTuple): Promise<PipeOffer>;
  /** Asks the hosting server to send the peer a `newProducer` for every producer of the room again. */
  announce(peerId: string): void;
  /** The mirror closed: the hosting server may close its end of the pipe. */
  release(pipeId: string): void;
  /** Sends a notification to a peer signed in here. */
  notify<N extends NotificationName>(peerId: string, name: N, data: NotificationOf<N>): void;
}

/** Options of a room's mirror. */
export interface RoomMirrorOptions {
  roomId: string;
  /** The router the pipe from the hosting server ends on; the viewers' receive transports go there first. */
  origin: RouterSlot;
  /** This server's end of the pipe, on `origin`. */
  pipe: SfuPipeTransport;
  /** Edge routers for a big audience here, as for a room hosted here. */
  edges: EdgeSource;
  link: MirrorLink;
  /** Called once when the mirror closed (its last viewer left, or the room is gone): give the routers back. */
  onClose(mirror: RoomMirror): void;
}

/**
 * The receive side, on this server, of a room hosted on another server of the cluster: the receive transports and
 * consumers of the peers signed in here, on a router fed through one PipeTransport from the hosting server — one
 * pipe producer per producer, under the same id, made when a first viewer here consumes it and shared by all.
 */
export class RoomMirror implements ReceiveSide {
  readonly roomId: string;
  private readonly peers = new Map<string, PeerMedia>();
  private readonly pipes = new Map<string, Promise<ProducerEntry>>();
  private readonly ready = new Map<string, ProducerEntry>();
  /** Pause changes told before their pipe producer exists: applied once it does. */
  private readonly pausedLater = new Map<string, boolean>();
  private readonly fleet: RouterFleet;
  private connected: Promise<void> | null = null;
  private isClosed = false;

  constructor(private readonly options: RoomMirrorOptions) {
    this.roomId = options.roomId;
    this.fleet = new RouterFleet(options.origin, {
      ...options.edges,
      consumersOf: (peerId) => this.peers.get(peerId)?.consumers.size ?? 0,
      producerIds: () => this.ready.keys(),
    });
  }

  get router(): SfuRouter {
    return this.options.origin.router;
  }

  /** The server hosting the room. */
  get host(): string {
    return this.options.link.host;
  }

  /** This server's PipeTransport id: names the pipe in messages to the hosting server. */
  get pipeId(): string {
    return this.options.pipe.id;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** Every router of the mirror, the pipe's first. */
  get routers(): readonly RouterSlot[] {
    return [this.options.origin, ...this.fleet.edgeRouters];
  }

  /** True when a router of the mirror runs on `worker`. */
  uses(worker: SfuWorker): boolean {
    return this.fleet.uses(worker);
  }

  /** True while the peer has media here. */
  has(peerId: string): boolean {
    return this.peers.has(peerId);
  }

  peer(peerId: string): PeerMedia {
    return peerMediaIn(this.peers, peerId, this.isClosed);
  }

  producer(producerId: string): ProducerEntry | undefined {
    return this.ready.get(producerId);
  }

  async routerFor(peerId: string, direction: Direction): Promise<RouterSlot> {
    // The send side of a peer stays on the hosting server; only receive transports are made here.
    if (direction !== 'recv') throw new ProtocolError('INTERNAL', 'a mirror has no send transports');
    return this.fleet.placeReceiver(peerId);
  }

  async consumable(peerId: string, producerId: string): Promise<{ entry: ProducerEntry; router: SfuRouter }> {
    const entry = await this.piped(producerId);
    return { entry, router: (await this.fleet.ready(peerId, producerId)).router };
  }

  setTransport(media: PeerMedia, _direction: Direction, transport: SfuTransport): void {
    media.adopt(transport);
    const old = media.transportFor('recv');
    if (old) {
      for (const consumer of media.consumers.values()) consumer.close();
      old.close();
      media.dropTransport('recv');
    }
    media.setTransport('recv', transport);
  }

  announceTo(peer: Peer): void {
    this.options.link.announce(peer.id);
  }

  /** A producer closed on the hosting server: its consumers here close (their owners are told), then its pipe. */
  dropProducer(producerId: string): void {
    const entry = this.ready.get(producerId);
    this.pipes.delete(producerId);
    this.pausedLater.delete(producerId);
    if (!entry) return;
    this.ready.delete(producerId);
    for (const media of this.peers.values()) {
      const consumer = media.consumerOf(producerId);
      if (!consumer) continue;
      media.consumers.delete(consumer.id);
      consumer.close();
      this.options.link.notify(media.peerId, 'consumerClosed', { consumerId: consumer.id });
    }
    entry.producer.close();
    entry.layers?.stop();
    this.fleet.removeProducer(producerId);
  }

  /** A producer was paused or resumed on the hosting server: its pipe producer here follows (and its consumers). */
  setPaused(producerId: string, paused: boolean): void {
    const entry = this.ready.get(producerId);
    if (!entry) {
      if (this.pipes.has(producerId)) this.pausedLater.set(producerId, paused);
      return;
    }
    const change = paused ? entry.producer.pause() : entry.producer.resume();
    change.catch((error: unknown) => log.debug('setPaused() | failed [producer:%s]: %o', producerId, error));
  }

  /** The peer is out of the room (or its media was reset there); the last one out closes the mirror. */
  removePeer(peerId: string): void {
    const media = this.peers.get(peerId);
    if (!media) return;
    media.close();
    this.peers.delete(peerId);
    this.fleet.forget(peerId);
    if (this.peers.size === 0) this.close();
  }

  /** A worker of the mirror died: everything here closes and every peer that had media here gets `mediaReset`. */
  reset(): void {
    const peerIds = [...this.peers.keys()];
    this.close();
    for (const peerId of peerIds) this.options.link.notify(peerId, 'mediaReset', {});
  }

  /** Closes everything here and tells the hosting server `release` (unless it told us the room is gone). */
  close(tellHost = true): void {
    if (this.isClosed) return;
    this.isClosed = true;
    for (const media of this.peers.values()) media.close();
    this.peers.clear();
    this.ready.clear();
    this.pipes.clear();
    this.fleet.close();
    this.options.pipe.close();
    if (tellHost) this.options.link.release(this.pipeId);
    this.options.onClose(this);
    log.debug('close() | mirror closed [room:%s]', this.roomId);
  }

  /** The pipe producer of `producerId`, asked for once however many viewers consume it together. */
  private piped(producerId: string): Promise<ProducerEntry> {
    if (this.isClosed) return Promise.reject(mediaGone());
    let pipe = this.pipes.get(producerId);
    if (!pipe) {
      pipe = this.pipeIn(producerId);
      this.pipes.set(producerId, pipe);
      pipe.catch(() => {
        if (this.pipes.get(producerId) === pipe) this.pipes.delete(producerId);
      });
    }
    return pipe;
  }

  private async pipeIn(producerId: string): Promise<ProducerEntry> {
    const { pipe, link } = this.options;
    const offer = await link.pipe(producerId, pipe.id, tupleOf(pipe));
    // The hosting server's end is the same for every producer of this pipe: connect to it once.
    this.connected ??= mediasoupCall('connect', () => pipe.connect(connectOptions(offer.tuple)));
    await this.connected;
    if (this.isClosed || !this.pipes.has(producerId)) throw gone(producerId);
    const { kind, paused, peerId, source } = offer;
    const rtpParameters = offer.rtpParameters as types.RtpParameters;
    const producer = await mediasoupCall('produce', () =>
      pipe.produce({ id: producerId, kind, rtpParameters, paused }),
    );
    if (this.isClosed || !this.pipes.has(producerId)) {
      producer.close();
      throw gone(producerId);
    }
    const entry: ProducerEntry = { producer, peerId, source, layers: LayerWatch.of(producer) };
    this.ready.set(producerId, entry);
    this.fleet.addProducer(producerId);
    const later = this.pausedLater.get(producerId);
    this.pausedLater.delete(producerId);
    if (later !== undefined && later !== paused) this.setPaused(producerId, later);
    log.debug('pipeIn() | producer piped in [room:%s, producer:%s]', this.roomId, producerId);
    return entry;
  }
}

function gone(producerId: string): ProtocolError {
  return new ProtocolError('INVALID_STATE', `producer ${producerId} closed meanwhile`);
}
