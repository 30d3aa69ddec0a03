import { parseScalabilityMode } from 'mediasoup-client';
import type { NotificationOf, PublishKind } from '../../common/protocol';
import { InvalidStateError } from './errors';
import { createLogger } from './log';
import { spatialLayerFor } from './sfu-encodings';
import { SfuReceiver } from './sfu-receiver';
import type { SfuSetUp } from './sfu-state';
import { toClientRtpParameters, toWireRtpCapabilities } from './sfu-wire';
import type { SignalingPort } from './signaling-types';

const log = createLogger('sfu');

type ProducerInfo = Omit<NotificationOf<'newProducer'>, 'paused'>;
interface Layers {
  spatialLayer: number;
  temporalLayer?: number;
}

/**
 * The SFU session's receiving half: consumes what the others produce (the server creates each consumer paused
 * and resumes it once `resumeConsumer` says the local one exists, so the first keyframe is not lost), tracks
 * closures that race a consume, and asks for the video layers that fit each view.
 */
export class SfuConsumers {
  /** Preferred layers by `${peerId}/${source}`: kept across consumers, applied before each one resumes. */
  private readonly layers = new Map<string, Layers>();
  /** Producers being consumed, and closures that arrived while they were. */
  private readonly consuming = new Set<string>();
  private readonly closedMeanwhile = new Set<string>();

  constructor(
    private readonly signaling: SignalingPort,
    private readonly receiver: SfuReceiver,
    private readonly setUp: SfuSetUp,
  ) {}

  /** Consumes one producer: consume request, local consumer, `track`, then the resume that starts the media. */
  async consume(info: ProducerInfo): Promise<void> {
    const { producerId, peerId, source } = info;
    if (this.consuming.has(producerId) || this.receiver.hasProducer(producerId)) return;
    this.consuming.add(producerId);
    const generation = this.setUp.generation();
    const transports = this.setUp.transports();
    try {
      const device = await transports.loadDevice();
      const transport = await transports.recvTransport();
      if (generation !== this.setUp.generation()) return;
      const data = await this.signaling.request('consume', {
        transportId: transport.id,
        producerId,
        rtpCapabilities: toWireRtpCapabilities(device.recvRtpCapabilities),
      });
      if (generation !== this.setUp.generation() || this.wasClosed(producerId, data.consumerId)) return;
      const consumer = await transport.consume({
        id: data.consumerId,
        producerId,
        kind: data.kind,
        rtpParameters: toClientRtpParameters(data.rtpParameters),
        streamId: SfuReceiver.streamIdOf(data.peerId, data.source),
      });
      if (generation !== this.setUp.generation() || this.wasClosed(producerId, data.consumerId))
        return void consumer.close();
      this.receiver.add(consumer, data.peerId, data.source);
      const layers = this.layers.get(`${data.peerId}/${data.source}`);
      if (layers && data.kind === 'video') await this.requestLayers(data.consumerId, layers);
      await this.signaling.request('resumeConsumer', { consumerId: data.consumerId });
      log.debug('consuming [peer:%s, source:%s, kind:%s, consumer:%s]', peerId, source, data.kind, data.consumerId);
    } catch (error) {
      // A producer that went away while we asked for it is no failure.
      if (this.closedMeanwhile.has(producerId))
        log.debug('consume() | producer gone meanwhile [producer:%s]', producerId);
      else this.setUp.fail(`consume ${source} of ${peerId}`, error, generation);
    } finally {
      this.consuming.delete(producerId);
      if (this.consuming.size === 0) this.closedMeanwhile.clear();
    }
  }

  /** The server closed a producer: its consumer goes, or a consume about to create it is abandoned. */
  producerClosed(producerId: string): void {
    if (!this.receiver.removeProducer(producerId)) this.noteClosed(producerId);
  }

  /** The server closed a consumer: as `producerClosed`, by consumer id. */
  consumerClosed(consumerId: string): void {
    if (!this.receiver.removeConsumer(consumerId)) this.noteClosed(consumerId);
  }

  /** See `MediaSession.setPreferredLayers`: remembered for consumers made later. */
  async setPreferredLayers(
    peerId: string,
    source: PublishKind,
    spatialLayer: number,
    temporalLayer?: number,
  ): Promise<void> {
    if (this.setUp.closed()) throw new InvalidStateError('setPreferredLayers() | the session is closed');
    const layers: Layers = temporalLayer === undefined ? { spatialLayer } : { spatialLayer, temporalLayer };
    this.layers.set(`${peerId}/${source}`, layers);
    const entry = this.receiver.videoOf(peerId, source);
    if (entry) await this.requestLayers(entry.consumer.id, layers);
  }

  /** Picks the layer of `peerId`'s `source` video that fits a view `width` device pixels wide. */
  setVideoSize(peerId: string, source: PublishKind, width: number): void {
    if (this.setUp.closed() || !(width > 0)) return;
    const entry = this.receiver.videoOf(peerId, source);
    const layers = entry ? spatialLayersOf(entry.consumer.rtpParameters.encodings) : source === 'cam' ? 3 : 1;
    if (layers <= 1) return;
    const spatialLayer = spatialLayerFor(width, layers);
    if (this.layers.get(`${peerId}/${source}`)?.spatialLayer === spatialLayer) return;
    this.setPreferredLayers(peerId, source, spatialLayer).catch((error: unknown) =>
      log.warn('setVideoSize() | %o', error),
    );
  }

  /** Asks the server for a keyframe of every video received (the page became visible again, the link came back); failures only log. */
  requestKeyFrames(): void {
    for (const consumerId of this.receiver.videoConsumerIds()) this.requestKeyFrame(consumerId);
  }

  /** Asks the server for a keyframe of one consumer's video; failures only log. */
  requestKeyFrame(consumerId: string): void {
    if (this.setUp.closed()) return;
    this.signaling
      .request('requestKeyFrame', { consumerId })
      .catch((error: unknown) => log.debug('requestKeyFrame() | %o [consumer:%s]', error, consumerId));
  }

  /** Consumes every producer again (the kiosk watchdog): the server replaces each consumer with a fresh one. */
  resubscribe(): void {
    for (const info of this.receiver.removeAll()) void this.consume(info);
  }

  /** Drops every consumer (remote tracks end) and forgets consumes in flight; preferred layers are kept. */
  clear(): void {
    this.consuming.clear();
    this.closedMeanwhile.clear();
    this.receiver.removeAll();
  }

  private async requestLayers(consumerId: string, layers: Layers): Promise<void> {
    await this.signaling.request('setConsumerPreferredLayers', { consumerId, ...layers });
  }

  /** A producer or consumer we don't hold was closed: remember it if a consume may be about to create it. */
  private noteClosed(id: string): void {
    if (this.consuming.size > 0) this.closedMeanwhile.add(id);
  }

  private wasClosed(producerId: string, consumerId: string): boolean {
    return this.closedMeanwhile.has(producerId) || this.closedMeanwhile.has(consumerId);
  }
}

/** Spatial layers of a consumer, from its encoding's scalability mode (simulcast 'S3T3' / 'L3T3' → 3). */
function spatialLayersOf(encodings: readonly { scalabilityMode?: string }[] | undefined): number {
  return parseScalabilityMode(encodings?.[0]?.scalabilityMode).spatialLayers;
}
