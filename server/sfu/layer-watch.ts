import type { types } from 'mediasoup';
import { createLogger } from '../log';
import { LayerCeiling } from './layer-ceiling';
import type { SfuConsumer, SfuProducer } from './mediasoup-types';
import { mediasoupCall } from './sfu-errors';

const log = createLogger('sfu:layers');

/** How often a watched producer's layers are sampled. */
const SAMPLE_MS = 100;
/** A camera layer sends at least a packet a frame, every 50–100 ms even when starved: 350 ms without one is a stop. */
const STOP_AFTER_MS = 350;
/** Chromium flips a layer on and off every second or so under loss: it must flow this long to count again. */
const RESUME_AFTER_MS = 1500;

type Layers = types.ConsumerLayers;

/**
 * Keeps a simulcast producer's consumers on layers its sender still sends (see LayerCeiling): each consumer gets
 * the lower of its viewer's preferred layers and the ceiling. Stops by itself once the producer closes.
 */
export class LayerWatch {
  private readonly ceiling: LayerCeiling;
  private readonly consumers = new Set<SfuConsumer>();
  private readonly preferred = new WeakMap<SfuConsumer, Layers>();
  private readonly timer: NodeJS.Timeout;
  private sampling = false;

  private constructor(
    private readonly producer: WatchedProducer,
    private readonly keys: (string | number)[],
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
    return new LayerWatch(producer as WatchedProducer, keys as (string | number)[]);
  }

  /** A new consumer of the producer: it starts within the ceiling. */
  adopt(consumer: SfuConsumer): Promise<void> {
    this.consumers.add(consumer);
    return this.ceiling.ceiling === null ? Promise.resolve() : this.steer(consumer);
  }

  /** The viewer's own choice for `consumer`; it gets that or the ceiling, whichever is lower. */
  prefer(consumer: SfuConsumer, layers: Layers): Promise<void> {
    this.preferred.set(consumer, layers);
    return this.steer(consumer);
  }

  stop(): void {
    clearInterval(this.timer);
    this.consumers.clear();
  }

  private async sample(): Promise<void> {
    if (this.producer.closed) return this.stop();
    for (const consumer of this.consumers) if (consumer.closed) this.consumers.delete(consumer);
    if (this.sampling || this.consumers.size === 0) return;
    this.sampling = true;
    try {
      const stats = await this.producer.getStats();
      const counts = this.keys.map((key) => stats.find((s) => s.rid === key || s.ssrc === key)?.packetCount ?? 0);
      if (!this.ceiling.sample(Date.now(), counts)) return;
      log.debug('layers [producer:%s]: ceiling %s', this.producer.id, this.ceiling.ceiling ?? 'none');
      await Promise.all([...this.consumers].map((consumer) => this.steer(consumer)));
    } catch (error) {
      if (!this.producer.closed) log.warn('sample() | [producer:%s]: %o', this.producer.id, error);
    } finally {
      this.sampling = false;
    }
  }

  private async steer(consumer: SfuConsumer): Promise<void> {
    const wanted = this.preferred.get(consumer);
    const top = this.ceiling.ceiling;
    const spatialLayer = Math.min(wanted?.spatialLayer ?? this.keys.length - 1, top ?? Number.POSITIVE_INFINITY);
    const layers = { ...wanted, spatialLayer };
    if (consumer.closed) return;
    await mediasoupCall('setConsumerPreferredLayers', () => consumer.setPreferredLayers(layers));
  }
}

type WatchedProducer = SfuProducer & Required<Pick<SfuProducer, 'getStats'>>;
