import { ProtocolError } from '../../common/protocol';
import type { Peer } from '../peers/peer';
import type { Room } from '../rooms/room';
import { createLogger } from '../log';
import { ActiveSpeaker } from './active-speaker';
import type { SfuAudioLevelObserver, SfuRouter, SfuTransport, SfuWorker } from './mediasoup-types';
import { peerMediaIn, type Direction, type PeerMedia, type ProducerEntry } from './peer-media';
import { RouterFleet, type RouterFleetOptions, type RouterSlot } from './router-fleet';
import type { ReceiveSide } from './sfu-context';

const log = createLogger('sfu:room');

/** A router with its active-speaker observer, on the worker that runs them. */
export interface RouterSet {
  worker: SfuWorker;
  router: SfuRouter;
  observer: SfuAudioLevelObserver;
}

/** How a room gets edge routers on other workers once its router is full. */
export type EdgeSource = Pick<RouterFleetOptions, 'consumersPerRouter' | 'openEdge' | 'closeEdge'>;

/**
 * The media side of one SFU or broadcast room: its origin router (every producer and send transport), the
 * edge routers its receive transports spill over to, every peer's objects, and the notifications that keep
 * the peers in step (newProducer, producerClosed, consumerClosed, activeSpeaker, mediaReset).
 */
export class RoomMedia implements ReceiveSide {
  private readonly peers = new Map<string, PeerMedia>();
  private readonly index = new Map<string, ProducerEntry>();
  private speaker: ActiveSpeaker;
  private fleet: RouterFleet;
  private isClosed = false;

  constructor(
    readonly room: Room,
    private current: RouterSet,
    private readonly edges: EdgeSource,
  ) {
    this.speaker = this.track(current.observer);
    this.fleet = this.fleetFor(current);
  }

  get router(): SfuRouter {
    return this.current.router;
  }

  get worker(): SfuWorker {
    return this.current.worker;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** The edge routers serving this room's receive transports, beside the origin. */
  get edgeRouters(): readonly RouterSlot[] {
    return this.fleet.edgeRouters;
  }

  /** True when a router of this room (origin or edge) runs on `worker`. */
  uses(worker: SfuWorker): boolean {
    return this.fleet.uses(worker);
  }

  /** The router a new transport of the peer goes on: the origin for sending, the fleet's choice for receiving. */
  async routerFor(peerId: string, direction: Direction): Promise<RouterSlot> {
    return direction === 'send' ? this.current : this.fleet.placeReceiver(peerId);
  }

  /** The router of the peer's receive transport, once `producerId` is piped there. */
  consumeRouter(peerId: string, producerId: string): Promise<RouterSlot> {
    return this.fleet.ready(peerId, producerId);
  }

  /** A producer of this room and the router of the peer's receive transport, once it is piped there. */
  async consumable(peerId: string, producerId: string): Promise<{ entry: ProducerEntry; router: SfuRouter }> {
    const entry = this.index.get(producerId);
    if (!entry) throw new ProtocolError('INVALID_STATE', `no producer ${producerId} is open in this room`);
    return { entry, router: (await this.consumeRouter(peerId, producerId)).router };
  }

  /** The media of a peer in this room, created on first use. */
  peer(peerId: string): PeerMedia {
    return peerMediaIn(this.peers, peerId, this.isClosed);
  }

  /** Any producer in this room. */
  producer(producerId: string): ProducerEntry | undefined {
    return this.index.get(producerId);
  }

  /** Registers a new producer, tells everyone else `newProducer` and updates presence. */
  addProducer(owner: Peer, media: PeerMedia, entry: ProducerEntry): void {
    const { producer, source } = entry;
    media.producers.set(producer.id, entry);
    this.index.set(producer.id, entry);
    if (producer.kind === 'audio') {
      this.current.observer.addProducer({ producerId: producer.id }).catch((error: unknown) => {
        log.warn('addProducer() | audio level observer refused [producer:%s]: %o', producer.id, error);
      });
    }
    this.fleet.addProducer(producer.id);
    const { id: producerId, kind, paused } = producer;
    this.room.notifyAll('newProducer', { peerId: owner.id, producerId, kind, source, paused }, owner);
    this.room.setPublished(owner, source, true);
  }

  /** Closes a producer; its consumers close and their owners get consumerClosed, everyone producerClosed. */
  closeProducer(entry: ProducerEntry, presence = true): void {
    const producerId = entry.producer.id;
    this.index.delete(producerId);
    const ownerMedia = this.peers.get(entry.peerId);
    ownerMedia?.producers.delete(producerId);
    // Consumers first: closing the producer makes the worker drop its consumers at once, but their JS objects
    // learn it only later, so a consumer closed after its producer asks the worker about one it no longer has.
    for (const media of this.peers.values()) {
      const consumer = media.consumerOf(producerId);
      if (!consumer) continue;
      media.consumers.delete(consumer.id);
      consumer.close();
      this.room.get(media.peerId)?.notify('consumerClosed', { consumerId: consumer.id });
    }
    entry.producer.close();
    entry.layers?.stop();
    this.fleet.removeProducer(producerId);
    const owner = this.room.get(entry.peerId);
    this.room.notifyAll('producerClosed', { peerId: entry.peerId, producerId }, owner);
    if (presence && owner && !ownerMedia?.publishes(entry.source)) this.room.setPublished(owner, entry.source, false);
  }

  /** Gives a peer a new transport, closing the one it replaces (and that one's producers or consumers). */
  setTransport(media: PeerMedia, direction: Direction, transport: SfuTransport): void {
    media.adopt(transport);
    const old = media.transportFor(direction);
    if (old) {
      if (direction === 'send') for (const entry of [...media.producers.values()]) this.closeProducer(entry);
      else for (const consumer of media.consumers.values()) consumer.close();
      old.close();
      media.dropTransport(direction);
    }
    media.setTransport(direction, transport);
  }

  /** Sends a newly joined peer a `newProducer` for every producer already in the room. */
  announceTo(peer: Peer): void {
    for (const { producer, peerId, source } of this.index.values()) {
      if (peerId === peer.id) continue;
      const { id: producerId, kind, paused } = producer;
      peer.notify('newProducer', { peerId, producerId, kind, source, paused });
    }
  }

  /** A peer is leaving: its producers close (the others are told) and its transports close. */
  removePeer(peer: Peer): void {
    const media = this.peers.get(peer.id);
    if (!media) return;
    for (const entry of [...media.producers.values()]) this.closeProducer(entry, false);
    media.close();
    this.peers.delete(peer.id);
    this.fleet.forget(peer.id);
    this.speaker.forget(peer.id);
  }

  /**
   * A worker of this room died: close every object (those on the dead worker are gone already, the origin too
   * when it was there), move to `next` and tell everyone mediaReset.
   */
  reset(next: RouterSet): void {
    this.speaker.clear();
    this.speaker.stop();
    for (const media of this.peers.values()) media.close();
    this.peers.clear();
    this.index.clear();
    this.fleet.close();
    this.current.observer.close();
    this.current.router.close();
    this.current = next;
    this.fleet = this.fleetFor(next);
    this.speaker = this.track(next.observer);
    this.room.notifyAll('mediaReset', {});
  }

  /** Closes everything, the router last; safe to call twice. */
  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.speaker.stop();
    for (const media of this.peers.values()) media.close();
    this.peers.clear();
    this.index.clear();
    this.fleet.close();
    this.current.observer.close();
    this.current.router.close();
  }

  private fleetFor(origin: RouterSet): RouterFleet {
    return new RouterFleet(origin, {
      ...this.edges,
      consumersOf: (peerId) => this.peers.get(peerId)?.consumers.size ?? 0,
      producerIds: () => this.index.keys(),
    });
  }

  private track(observer: SfuAudioLevelObserver): ActiveSpeaker {
    return new ActiveSpeaker({
      observer,
      ownerOf: (producerId) => this.index.get(producerId)?.peerId,
      onChange: (peerId) => this.room.notifyAll('activeSpeaker', { peerId }),
    });
  }
}
