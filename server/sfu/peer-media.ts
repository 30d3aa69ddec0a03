import type { PublishKind } from '../../common/protocol';
import type { LayerWatch } from './layer-watch';
import type { SfuConsumer, SfuProducer, SfuTransport } from './mediasoup-types';
import { mediaGone, notYours } from './sfu-errors';

/** Which way a transport carries media, seen from the client. */
export type Direction = 'send' | 'recv';

/** A producer and what it carries. */
export interface ProducerEntry {
  producer: SfuProducer;
  peerId: string;
  source: PublishKind;
  /** For a simulcast video producer: keeps its consumers on the layers still sent. */
  layers?: LayerWatch | undefined;
}

/**
 * The mediasoup objects one peer owns in one room: at most one send and one receive transport, the
 * producers on the first and the consumers on the second. Lookups only ever find the peer's own objects.
 */
export class PeerMedia {
  readonly producers = new Map<string, ProducerEntry>();
  readonly consumers = new Map<string, SfuConsumer>();
  private readonly transports = new Map<Direction, SfuTransport>();
  private isClosed = false;

  constructor(readonly peerId: string) {}

  /** True once the peer left or its room's media was reset; nothing may be added any more. */
  get closed(): boolean {
    return this.isClosed;
  }

  /** The peer's transport for `direction`, if it has one. */
  transportFor(direction: Direction): SfuTransport | undefined {
    return this.transports.get(direction);
  }

  /** The peer's own transport with this id (of this direction, when given). */
  transport(transportId: string, direction?: Direction): SfuTransport {
    for (const [dir, transport] of this.transports) {
      if (transport.id === transportId && (direction === undefined || dir === direction)) return transport;
    }
    throw notYours('transport', transportId);
  }

  /** The peer's own producer with this id. */
  producer(producerId: string): ProducerEntry {
    const entry = this.producers.get(producerId);
    if (!entry) throw notYours('producer', producerId);
    return entry;
  }

  /** The peer's own consumer with this id. */
  consumer(consumerId: string): SfuConsumer {
    const consumer = this.consumers.get(consumerId);
    if (!consumer) throw notYours('consumer', consumerId);
    return consumer;
  }

  /** True when a transport or consumer with this id is the peer's. */
  owns(id: string): boolean {
    return this.consumers.has(id) || [...this.transports.values()].some((t) => t.id === id);
  }

  /** The peer's consumer of a producer, if any. */
  consumerOf(producerId: string): SfuConsumer | undefined {
    for (const consumer of this.consumers.values()) if (consumer.producerId === producerId) return consumer;
    return undefined;
  }

  /** The producer of this source and kind, if the peer has one. */
  producing(source: PublishKind, kind: string): ProducerEntry | undefined {
    for (const entry of this.producers.values()) {
      if (entry.source === source && entry.producer.kind === kind) return entry;
    }
    return undefined;
  }

  /** True while the peer has a producer of this source (a screen may carry audio and video). */
  publishes(source: PublishKind): boolean {
    for (const entry of this.producers.values()) if (entry.source === source) return true;
    return false;
  }

  /** Records a new transport; the caller closed the one it replaces. Refused (and closed) once this is closed. */
  setTransport(direction: Direction, transport: SfuTransport): void {
    this.adopt(transport);
    this.transports.set(direction, transport);
  }

  /** Forgets a transport and the objects on it; the caller closes them. */
  dropTransport(direction: Direction): void {
    this.transports.delete(direction);
    if (direction === 'send') this.producers.clear();
    else this.consumers.clear();
  }

  /** Closes `object` and throws when this peer's media is gone: a request raced a leave or a reset. */
  adopt(object: { close(): void }): void {
    if (!this.isClosed) return;
    object.close();
    throw mediaGone();
  }

  /** Closes both transports (mediasoup closes their producers and consumers) and forgets everything. */
  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
    this.producers.clear();
    this.consumers.clear();
  }
}

/** The media of `peerId` in `peers`, created on first use; a closed room or mirror takes no new peers. */
export function peerMediaIn(peers: Map<string, PeerMedia>, peerId: string, closed: boolean): PeerMedia {
  if (closed) throw mediaGone();
  let media = peers.get(peerId);
  if (!media) peers.set(peerId, (media = new PeerMedia(peerId)));
  return media;
}
