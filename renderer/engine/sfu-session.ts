import type { Producer } from 'mediasoup-client/types';
import { parseScalabilityMode } from 'mediasoup-client';
import type { Member, NotificationOf, PublishKind } from '../../common/protocol';
import { Emitter } from './emitter';
import { hasCode, InvalidStateError, UnsupportedError } from './errors';
import { createLogger } from './log';
import type { MediaSession, MediaSessionContext, MediaSessionEvents } from './media-session';
import { createSessionLadder } from './session-ladder';
import { produceOptions, spatialLayerFor } from './sfu-encodings';
import { SfuReceiver } from './sfu-receiver';
import { SfuTransports, type DeviceFactory } from './sfu-transports';
import { toClientRtpParameters, toWireRtpCapabilities } from './sfu-wire';
import type { AnyNotification } from './signaling-types';
import type { MediaRepair } from './types';
import type { LinkState } from './reconnect-ladder';
import type { RemoteStats } from './stats';

const log = createLogger('sfu');

/** Options of an SFU session beyond its context. */
export interface SfuSessionOptions {
  /** Builds the mediasoup-client Device (default: the browser's handler, auto-detected). Tests pass a fake. */
  createDevice?: DeviceFactory;
}

type MediaKind = 'audio' | 'video';
type ProducerInfo = Omit<NotificationOf<'newProducer'>, 'paused'>;
interface Layers {
  spatialLayer: number;
  temporalLayer?: number;
}

/**
 * An SFU room (or broadcast) through mediasoup-client: one send transport, made only when something is
 * published, and one receive transport. Every producer the server announces with `newProducer` is consumed
 * (the server creates it paused and resumes it once `resumeConsumer` says the local consumer exists, so the
 * first keyframe is not lost). `mediaReset` (the room's worker died) rebuilds both transports, produces again,
 * and consumes what the others produce again.
 */
export class SfuSession extends Emitter<MediaSessionEvents> implements MediaSession {
  private readonly receiver: SfuReceiver;
  private readonly local = new Map<PublishKind, readonly MediaStreamTrack[]>();
  private readonly producers = new Map<`${PublishKind}/${MediaKind}`, Producer>();
  /** Preferred layers by `${peerId}/${source}`: kept across consumers, applied before each one resumes. */
  private readonly layers = new Map<string, Layers>();
  /** Producers being consumed, and closures that arrived while they were. */
  private readonly consuming = new Set<string>();
  private readonly closedMeanwhile = new Set<string>();
  /** Repairs the transports while their connection stays down: ICE restart → new transports → rejoin. */
  private readonly ladder = createSessionLadder(
    'sfu',
    {
      restartIce: () => this.transports.restartStale(),
      recreate: () => this.reset(),
      rejoin: () => this.emit('rejoinneeded'),
    },
    (healthy) => this.emit('mediastate', healthy),
  );
  private transports: SfuTransports;
  private queue: Promise<unknown> = Promise.resolve();
  private generation = 0;
  private closed = false;

  constructor(
    private readonly context: MediaSessionContext,
    private readonly options: SfuSessionOptions = {},
  ) {
    super();
    if (!context.MediaStream) throw new UnsupportedError('SfuSession() | no MediaStream on this platform');
    this.receiver = new SfuReceiver(context.MediaStream);
    this.receiver.on('track', (remote) => this.emit('track', remote));
    this.receiver.on('trackended', (remote) => this.emit('trackended', remote));
    this.transports = this.newTransports();
  }

  /** Whether this peer may publish at all (a broadcast viewer never opens a send transport). */
  private get canPublish(): boolean {
    return this.context.role !== 'viewer';
  }

  async start(
    _members: readonly Member[],
    local: ReadonlyMap<PublishKind, readonly MediaStreamTrack[]>,
  ): Promise<void> {
    for (const [kind, tracks] of local) this.local.set(kind, tracks);
    await this.setUp();
  }

  peerJoined(): void {
    // Media arrives through `newProducer`, not presence.
  }

  peerLeft(peerId: string): void {
    this.receiver.removePeer(peerId);
  }

  handleNotification(n: AnyNotification): void {
    if (this.closed) return;
    switch (n.name) {
      case 'newProducer':
        if (n.data.peerId !== this.context.selfId) void this.consume(n.data);
        return;
      case 'producerClosed':
        if (!this.receiver.removeProducer(n.data.producerId)) this.noteClosed(n.data.producerId);
        return;
      case 'consumerClosed':
        if (!this.receiver.removeConsumer(n.data.consumerId)) this.noteClosed(n.data.consumerId);
        return;
      case 'producerPaused':
      case 'producerResumed':
        log.debug('%s [peer:%s, producer:%s]', n.name, n.data.peerId, n.data.producerId);
        return;
      case 'mediaReset':
        return void this.reset();
    }
  }

  publish(kind: PublishKind, tracks: readonly MediaStreamTrack[]): Promise<void> {
    this.local.set(kind, tracks);
    return this.serial(() => this.produceKind(kind, tracks));
  }

  unpublish(kind: PublishKind): Promise<void> {
    this.local.delete(kind);
    return this.serial(() => this.produceKind(kind, []));
  }

  async getStats(): Promise<RemoteStats[]> {
    const transport = await this.transports.existingRecvTransport();
    if (!transport || transport.closed) return [];
    const report = await transport.getStats().catch(() => null);
    return report ? this.receiver.stats(report.values()) : [];
  }

  /**
   * Asks the SFU to forward the given layers of `peerId`'s `source` video (0 = smallest); remembered for
   * consumers made later. Resolves once the server took the request.
   */
  async setPreferredLayers(
    peerId: string,
    source: PublishKind,
    spatialLayer: number,
    temporalLayer?: number,
  ): Promise<void> {
    if (this.closed) throw new InvalidStateError('setPreferredLayers() | the session is closed');
    const layers: Layers = temporalLayer === undefined ? { spatialLayer } : { spatialLayer, temporalLayer };
    this.layers.set(`${peerId}/${source}`, layers);
    const entry = this.receiver.videoOf(peerId, source);
    if (entry) await this.requestLayers(entry.consumer.id, layers);
  }

  /** Picks the layer of `peerId`'s `source` video that fits a view `width` device pixels wide. */
  setVideoSize(peerId: string, source: PublishKind, width: number): void {
    if (this.closed || !(width > 0)) return;
    const entry = this.receiver.videoOf(peerId, source);
    const layers = entry ? spatialLayersOf(entry.consumer.rtpParameters.encodings) : source === 'cam' ? 3 : 1;
    if (layers <= 1) return;
    const spatialLayer = spatialLayerFor(width, layers);
    if (this.layers.get(`${peerId}/${source}`)?.spatialLayer === spatialLayer) return;
    this.setPreferredLayers(peerId, source, spatialLayer).catch((error: unknown) =>
      log.warn('setVideoSize() | %o', error),
    );
  }

  resumed(): void {
    this.ladder.retry();
  }

  repair(step: MediaRepair): void {
    if (this.closed) return;
    if (step === 'recreate') return this.reset();
    // Consuming a producer again makes the server replace its consumer: a fresh one, resumed with a keyframe.
    for (const info of this.receiver.removeAll()) void this.consume(info);
  }

  suspended(): void {
    this.ladder.suspend();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.ladder.close();
    this.generation++;
    this.dropMedia();
    this.removeAllListeners();
  }

  /** Loads the device and opens the receive transport at once (it carries everything we'll watch), then produces. */
  private async setUp(): Promise<void> {
    const generation = this.generation;
    const transports = this.transports;
    await transports.loadDevice();
    void transports.recvTransport().catch((error: unknown) => this.fail('recv transport', error, generation));
    if (!this.canPublish) return;
    await Promise.all([...this.local].map(([kind, tracks]) => this.serial(() => this.produceKind(kind, tracks))));
  }

  /** Makes what is sent as `kind` match `tracks`: replaces, produces or closes one producer per media kind. */
  private async produceKind(kind: PublishKind, tracks: readonly MediaStreamTrack[]): Promise<void> {
    if (this.closed) return;
    const transports = this.transports;
    const created: Producer[] = [];
    try {
      for (const mediaKind of ['video', 'audio'] as const) {
        const track = tracks.find((t) => t.kind === mediaKind);
        const key = `${kind}/${mediaKind}` as const;
        const existing = this.producers.get(key);
        if (existing && !existing.closed && track) {
          if (existing.track !== track) await existing.replaceTrack({ track });
          continue;
        }
        if (existing) this.closeProducer(key, existing);
        if (!track) continue;
        const device = await transports.loadDevice();
        const transport = await transports.sendTransport();
        if (transports !== this.transports) return;
        const producer = await transport.produce(produceOptions(kind, track, device));
        created.push(producer);
        this.producers.set(key, producer);
        log.debug('produced [source:%s, kind:%s, producer:%s]', kind, mediaKind, producer.id);
      }
    } catch (error) {
      // The transports were replaced meanwhile (mediaReset): the new set-up produces `this.local` again.
      if (transports !== this.transports && !this.closed) return log.debug('produceKind() | superseded: %o', error);
      // Undo this call's own producers (e.g. the screen's video when its audio was refused).
      for (const producer of created) {
        const key = `${kind}/${producer.kind as MediaKind}` as const;
        if (this.producers.get(key) === producer) this.closeProducer(key, producer);
      }
      throw error;
    }
  }

  private closeProducer(key: `${PublishKind}/${MediaKind}`, producer: Producer): void {
    this.producers.delete(key);
    if (producer.closed) return;
    producer.close();
    this.context.signaling
      .request('closeProducer', { producerId: producer.id })
      .catch((error: unknown) => log.warn('closeProducer() | %o [producer:%s]', error, producer.id));
  }

  /** Consumes one producer: consume request, local consumer, `track`, then the resume that starts the media. */
  private async consume(info: ProducerInfo): Promise<void> {
    const { producerId, peerId, source } = info;
    if (this.consuming.has(producerId) || this.receiver.hasProducer(producerId)) return;
    this.consuming.add(producerId);
    const generation = this.generation;
    const transports = this.transports;
    try {
      const device = await transports.loadDevice();
      const transport = await transports.recvTransport();
      if (generation !== this.generation) return;
      const data = await this.context.signaling.request('consume', {
        transportId: transport.id,
        producerId,
        rtpCapabilities: toWireRtpCapabilities(device.recvRtpCapabilities),
      });
      if (generation !== this.generation || this.wasClosed(producerId, data.consumerId)) return;
      const consumer = await transport.consume({
        id: data.consumerId,
        producerId,
        kind: data.kind,
        rtpParameters: toClientRtpParameters(data.rtpParameters),
        streamId: SfuReceiver.streamIdOf(data.peerId, data.source),
      });
      if (generation !== this.generation || this.wasClosed(producerId, data.consumerId)) return void consumer.close();
      this.receiver.add(consumer, data.peerId, data.source);
      const layers = this.layers.get(`${data.peerId}/${data.source}`);
      if (layers && data.kind === 'video') await this.requestLayers(data.consumerId, layers);
      await this.context.signaling.request('resumeConsumer', { consumerId: data.consumerId });
      log.debug('consuming [peer:%s, source:%s, kind:%s, consumer:%s]', peerId, source, data.kind, data.consumerId);
    } catch (error) {
      // A producer that went away while we asked for it is no failure.
      if (this.closedMeanwhile.has(producerId))
        log.debug('consume() | producer gone meanwhile [producer:%s]', producerId);
      else this.fail(`consume ${source} of ${peerId}`, error, generation);
    } finally {
      this.consuming.delete(producerId);
      if (this.consuming.size === 0) this.closedMeanwhile.clear();
    }
  }

  private async requestLayers(consumerId: string, layers: Layers): Promise<void> {
    await this.context.signaling.request('setConsumerPreferredLayers', { consumerId, ...layers });
  }

  /** A producer or consumer we don't hold was closed: remember it if a consume may be about to create it. */
  private noteClosed(id: string): void {
    if (this.consuming.size > 0) this.closedMeanwhile.add(id);
  }

  private wasClosed(producerId: string, consumerId: string): boolean {
    return this.closedMeanwhile.has(producerId) || this.closedMeanwhile.has(consumerId);
  }

  /** The room's media was lost on the server (or the ladder gave up on it): new transports, producers, consumers. */
  private reset(): void {
    if (this.closed) return;
    log.warn('reset | setting up SFU media again [room:%s]', this.context.roomId);
    this.generation++;
    this.dropMedia();
    this.transports = this.newTransports();
    const generation = this.generation;
    this.setUp().catch((error: unknown) => this.fail('set-up after mediaReset', error, generation));
  }

  /** Closes our side of every transport, producer and consumer; remote tracks end. */
  private dropMedia(): void {
    this.producers.clear();
    this.consuming.clear();
    this.closedMeanwhile.clear();
    this.receiver.removeAll();
    this.transports.close();
  }

  private newTransports(): SfuTransports {
    const { signaling, iceServers } = this.context;
    const onState = (state: LinkState) => this.ladder.update(state);
    return new SfuTransports({ signaling, iceServers, createDevice: this.options.createDevice, onState });
  }

  /** Reports a failure of the current set-up; failures of a set-up already replaced or closed are only logged. */
  private fail(what: string, error: unknown, generation: number): void {
    if (this.closed || generation !== this.generation || hasCode(error, 'CLOSED')) {
      log.debug('%s | abandoned: %o', what, error);
      return;
    }
    log.error('%s | failed: %o', what, error);
    this.emit('error', error instanceof Error ? error : new Error(String(error)));
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task, task);
    this.queue = result.catch(() => undefined);
    return result;
  }
}

/** Spatial layers of a consumer, from its encoding's scalability mode (simulcast 'S3T3' / 'L3T3' → 3). */
function spatialLayersOf(encodings: readonly { scalabilityMode?: string }[] | undefined): number {
  return parseScalabilityMode(encodings?.[0]?.scalabilityMode).spatialLayers;
}
