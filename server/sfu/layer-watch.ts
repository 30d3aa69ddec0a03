import type { types } from 'mediasoup';
import { createLogger } from '../log';
import { LayerCeiling } from './layer-ceiling';
import { LayerFit } from './layer-fit';
import type { SfuConsumer, SfuProducer } from './mediasoup-types';
import { mediasoupCall } from './sfu-errors';
import type { TransportEstimate } from './transport-estimate';

const log = createLogger('sfu:layers');

/** How often a watched producer's layers are sampled. */
const SAMPLE_MS = 100;
/** A camera layer sends at least a packet a frame, every 50–100 ms even when starved: 350 ms without one is a stop. */
const STOP_AFTER_MS = 350;
/** Chromium flips a layer on and off every second or so under loss: it must flow this long to count again. */
const RESUME_AFTER_MS = 1500;
/**
 * A viewer's link: a layer must fit its budget for a second before the viewer moves up (mediasoup's first estimate
 * is its 3 Mbit/s start value until feedback arrives, ~250 ms in), and down after half a second of not fitting;
 * 85 % of the budget leaves room for audio, retransmissions and the estimate's swing.
 */
const FIT = { raiseAfterMs: 1000, lowerAfterMs: 500, headroom: 0.85 };
/** A transport whose estimate never comes (no transport-cc) leaves its consumers to mediasoup after this. */
const NO_ESTIMATE_MS = 3000;

interface Fitted {
  fit: LayerFit;
  estimate: TransportEstimate;
  adoptedAt: number;
}

type Layers = types.ConsumerLayers;

/**
 * Keeps a simulcast producer's consumers on layers its sender still sends (see LayerCeiling) and, given their
 * transport's estimate, on layers their viewer's link carries at full frame rate (see LayerFit): each consumer gets
 * the lowest of its viewer's preferred layers and the two ceilings. Stops by itself once the producer closes.
 */
export class LayerWatch {
  private readonly ceiling: LayerCeiling;
  private readonly consumers = new Set<SfuConsumer>();
  private readonly preferred = new WeakMap<SfuConsumer, Layers>();
  private readonly fitted = new Map<SfuConsumer, Fitted>();
  /** Each layer's measured bitrate at the last sample (lowest first). */
  private bitrates: number[] = [];
  private readonly timer: NodeJS.Timeout;
  private sampling = false;

  private constructor(
    private readonly producer: WatchedProducer,
    private readonly keys: (string | number)[],
    /** Each layer's maxBitrate as its sender set it (0 where unset). */
    private readonly nominalBitrates: number[],
  ) {
    this.ceiling = new LayerCeiling(keys.length, { stopAfterMs: STOP_AFTER_MS, resumeAfterMs: RESUME_AFTER_MS });
    this.timer = setInterval(() => void this.sample(), SAMPLE_MS);
    this.timer.unref();
  }

  /** A watch for a video producer sending several simulcast layers, else undefined (nothing to steer). */
  static of(producer: SfuProducer): LayerWatch | undefined {
    const encodings = producer.rtpParameters?.encodings ?? [];
    if (producer.kind !== 'video' || encodings.length < 2 || !producer.getStats) return undefined;
    // Chromium names its layers by rid; a sender that signals ssrcs instead is matched by those.
    const keys = encodings.map((encoding) => encoding.rid ?? encoding.ssrc);
    if (keys.includes(undefined)) return undefined;
    const nominal = encodings.map((encoding) => encoding.maxBitrate ?? 0);
    return new LayerWatch(producer as WatchedProducer, keys as (string | number)[], nominal);
  }

  /**
   * A new consumer of the producer: it starts within the sender's ceiling and, given its transport's `estimate`,
   * on the lowest layer until the estimate shows a higher one fits.
   */
  adopt(consumer: SfuConsumer, estimate?: TransportEstimate): Promise<void> {
    this.consumers.add(consumer);
    if (estimate) {
      estimate.share(consumer, () => this.demandOf(consumer));
      const fit = new LayerFit(this.nominalBitrates, FIT);
      this.fitted.set(consumer, { fit, estimate, adoptedAt: Date.now() });
    }
    return this.ceiling.ceiling === null && !estimate ? Promise.resolve() : this.steer(consumer);
  }

  /** The viewer's own choice for `consumer`; it gets that or a ceiling, whichever is lowest. */
  prefer(consumer: SfuConsumer, layers: Layers): Promise<void> {
    this.preferred.set(consumer, layers);
    return this.steer(consumer);
  }

  stop(): void {
    clearInterval(this.timer);
    this.consumers.clear();
    this.fitted.clear();
  }

  private async sample(): Promise<void> {
    if (this.producer.closed) return this.stop();
    for (const consumer of this.consumers) {
      if (!consumer.closed) continue;
      this.consumers.delete(consumer);
      this.fitted.delete(consumer);
    }
    if (this.sampling || this.consumers.size === 0) return;
    this.sampling = true;
    try {
      const stats = await this.producer.getStats();
      const layers = this.keys.map((key) => stats.find((s) => s.rid === key || s.ssrc === key));
      const counts = layers.map((layer) => layer?.packetCount ?? 0);
      this.bitrates = layers.map((layer) => layer?.bitrate ?? 0);
      const now = Date.now();
      const senderChanged = this.ceiling.sample(now, counts);
      if (senderChanged)
        log.debug('layers [producer:%s]: ceiling %s', this.producer.id, this.ceiling.ceiling ?? 'none');
      const fitChanged = this.refit(now);
      const steered = senderChanged ? [...this.consumers] : fitChanged;
      await Promise.all(steered.map((consumer) => this.steer(consumer)));
    } catch (error) {
      if (!this.producer.closed) log.warn('sample() | [producer:%s]: %o', this.producer.id, error);
    } finally {
      this.sampling = false;
    }
  }

  /** Updates each fitted consumer's link ceiling from its budget; returns the consumers whose ceiling moved. */
  private refit(now: number): SfuConsumer[] {
    const moved: SfuConsumer[] = [];
    for (const [consumer, { fit, estimate, adoptedAt }] of this.fitted) {
      const budget = estimate.budgetBps();
      if (budget === null) {
        if (now - adoptedAt < NO_ESTIMATE_MS) continue;
        log.debug('refit() | no estimate for [consumer:%s]: left to mediasoup', consumer.id);
        this.fitted.delete(consumer);
        moved.push(consumer);
      } else if (fit.update(now, budget, this.bitrates)) {
        log.debug(
          'refit() | [consumer:%s] layer %d fits %d bit/s (layers %o)',
          consumer.id,
          fit.ceiling,
          budget,
          this.bitrates,
        );
        moved.push(consumer);
      }
    }
    return moved;
  }

  /** The budget `consumer` needs for the layer it would get on an unlimited link; 0 while its producer is paused. */
  private demandOf(consumer: SfuConsumer): number {
    const fit = this.fitted.get(consumer)?.fit;
    if (!fit || consumer.producerPaused) return 0;
    const top = this.keys.length - 1;
    const layer = Math.min(this.preferred.get(consumer)?.spatialLayer ?? top, this.ceiling.ceiling ?? top, top);
    return fit.budgetFor(layer, this.bitrates);
  }

  private async steer(consumer: SfuConsumer): Promise<void> {
    const wanted = this.preferred.get(consumer);
    const top = this.ceiling.ceiling;
    const link = this.fitted.get(consumer)?.fit.ceiling;
    const spatialLayer = Math.min(
      wanted?.spatialLayer ?? this.keys.length - 1,
      top ?? Number.POSITIVE_INFINITY,
      link ?? Number.POSITIVE_INFINITY,
    );
    const layers = { ...wanted, spatialLayer };
    if (consumer.closed) return;
    await mediasoupCall('setConsumerPreferredLayers', () => consumer.setPreferredLayers(layers));
  }
}

type WatchedProducer = SfuProducer & Required<Pick<SfuProducer, 'getStats'>>;
