import type { Consumer } from 'mediasoup-client/types';
import type { PublishKind } from '../../common/protocol';
import { Emitter } from './emitter';
import { extractInboundStats, type InboundIdentity, type RemoteStats } from './stats';
import type { InboundOwner } from './track-stats';
import { wireGroupOf } from './stream-kinds';
import type { RemoteTrack } from './types';

/** One live consumer and the remote track it gives the engine. */
export interface ConsumerEntry {
  consumer: Consumer;
  producerId: string;
  remote: RemoteTrack;
}

/**
 * The consumers of one SFU session, as remote tracks: a peer's camera and mic share one stream (lip sync),
 * its screen video and screen audio another. Reports `track` when a consumer is added and `trackended` when
 * it goes, and maps the receive transport's inbound-rtp stats back to peers and sources.
 */
export class SfuReceiver extends Emitter<{ track: [remote: RemoteTrack]; trackended: [remote: RemoteTrack] }> {
  private readonly entries = new Map<string, ConsumerEntry>();
  /** The layers the server says it forwards, by consumer id (simulcast video only). */
  private readonly layers = new Map<string, { spatial: number; temporal: number } | null>();
  private readonly streams = new Map<string, MediaStream>();

  constructor(private readonly MediaStreamCtor: typeof MediaStream) {
    super();
  }

  /** The stream id a consumer of `peerId`'s `source` is received in (also passed to consume() as streamId). */
  static streamIdOf(peerId: string, source: PublishKind): string {
    return `${peerId}-${wireGroupOf(source)}`;
  }

  /** Records a consumer just created locally and reports its track. */
  add(consumer: Consumer, peerId: string, source: PublishKind): RemoteTrack {
    const streamId = SfuReceiver.streamIdOf(peerId, source);
    let stream = this.streams.get(streamId);
    if (!stream) this.streams.set(streamId, (stream = new this.MediaStreamCtor()));
    stream.addTrack(consumer.track);
    const remote: RemoteTrack = { peerId, kind: source, track: consumer.track, stream };
    this.entries.set(consumer.id, { consumer, producerId: consumer.producerId, remote });
    this.emit('track', remote);
    return remote;
  }

  /** Whether a consumer of this producer is live. */
  hasProducer(producerId: string): boolean {
    return [...this.entries.values()].some((e) => e.producerId === producerId);
  }

  /** The live video consumer of `peerId`'s `source`, if any. */
  videoOf(peerId: string, source: PublishKind): ConsumerEntry | undefined {
    return [...this.entries.values()].find(
      (e) => e.remote.peerId === peerId && e.remote.kind === source && e.consumer.kind === 'video',
    );
  }

  /** The ids of every live video consumer. */
  videoConsumerIds(): string[] {
    return [...this.entries.values()].filter((e) => e.consumer.kind === 'video').map((e) => e.consumer.id);
  }

  /** Ends the consumer with this id; false if there was none. */
  removeConsumer(consumerId: string): boolean {
    const entry = this.entries.get(consumerId);
    if (entry) this.end(entry);
    return entry !== undefined;
  }

  /** Ends the consumers of this producer; false if there were none. */
  removeProducer(producerId: string): boolean {
    const found = [...this.entries.values()].filter((e) => e.producerId === producerId);
    for (const entry of found) this.end(entry);
    return found.length > 0;
  }

  /** Ends every consumer of `peerId`. */
  removePeer(peerId: string): void {
    for (const entry of [...this.entries.values()]) if (entry.remote.peerId === peerId) this.end(entry);
  }

  /** Ends every consumer. */
  removeAll(): { producerId: string; peerId: string; source: PublishKind; kind: 'audio' | 'video' }[] {
    const removed = [...this.entries.values()];
    for (const entry of removed) this.end(entry);
    return removed.map(({ producerId, remote, consumer }) => ({
      producerId,
      peerId: remote.peerId,
      source: remote.kind,
      kind: consumer.kind,
    }));
  }

  /** Inbound figures of every live consumer, from the receive transport's stats report. */
  stats(report: Iterable<unknown>): RemoteStats[] {
    const all = [...report];
    const byPeer = new Map<string, ConsumerEntry[]>();
    for (const entry of this.entries.values()) {
      byPeer.set(entry.remote.peerId, [...(byPeer.get(entry.remote.peerId) ?? []), entry]);
    }
    return [...byPeer].flatMap(([peerId, entries]) =>
      extractInboundStats(peerId, all, ({ trackIdentifier, mid }) => {
        const match = entries.find((e) =>
          trackIdentifier !== undefined
            ? e.consumer.track.id === trackIdentifier
            : mid !== undefined && e.consumer.localId === mid,
        );
        return match?.remote.kind;
      }),
    );
  }

  /** The server switched the layers it forwards on a consumer (null: none for now). */
  setLayers(consumerId: string, layers: { spatial: number; temporal: number } | null): void {
    if (this.entries.has(consumerId)) this.layers.set(consumerId, layers);
  }

  /** Whose track an inbound-rtp entry of the receive transport carries, with the layer it receives. */
  ownerOf(identity: InboundIdentity): InboundOwner | undefined {
    const e = this.entryOf(identity);
    return e && { peerId: e.remote.peerId, kind: e.remote.kind, layer: this.layers.get(e.consumer.id) ?? null };
  }

  /** The consumer id an inbound-rtp entry of the receive transport belongs to. */
  consumerIdOf(identity: InboundIdentity): string | undefined {
    return this.entryOf(identity)?.consumer.id;
  }

  private entryOf({ trackIdentifier, mid }: InboundIdentity): ConsumerEntry | undefined {
    for (const e of this.entries.values()) {
      if (trackIdentifier !== undefined ? e.consumer.track.id === trackIdentifier : e.consumer.localId === mid)
        return e;
    }
    return undefined;
  }

  private end(entry: ConsumerEntry): void {
    this.entries.delete(entry.consumer.id);
    this.layers.delete(entry.consumer.id);
    const { stream, track } = entry.remote;
    stream.removeTrack(track);
    const streamId = SfuReceiver.streamIdOf(entry.remote.peerId, entry.remote.kind);
    if (stream.getTracks().length === 0 && this.streams.get(streamId) === stream) this.streams.delete(streamId);
    entry.consumer.close();
    this.emit('trackended', entry.remote);
  }
}
