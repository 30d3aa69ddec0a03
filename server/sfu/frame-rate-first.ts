import type { types } from 'mediasoup';
import { createLogger } from '../log';
import type { SfuConsumer, SfuProducer, SfuTransport } from './mediasoup-types';

const log = createLogger('sfu:frame-rate-first');

/** The consumer calls the governor makes. */
type Steered = Pick<SfuConsumer, 'id' | 'closed' | 'setPreferredLayers'>;

/** Whether the viewer's link looks wide enough for `spatialLayer` at full frame rate (asked before each try). */
export type Headroom = (spatialLayer: number) => Promise<boolean>;

/** Timings of the governor (tests shorten them). */
export interface FrameRateFirstTimings {
  /** How long a layer must run below its full frame rate before the governor steps down. */
  holdMs: number;
  /** How long after a step down the governor lets mediasoup try the larger layer again; doubles per failed try. */
  retryMs: number;
  /** The longest wait between tries. */
  maxRetryMs: number;
}

const DEFAULT_TIMINGS: FrameRateFirstTimings = { holdMs: 2000, retryMs: 15_000, maxRetryMs: 120_000 };

/**
 * Keeps a camera consumer on a thin link at full frame rate on a smaller simulcast layer. mediasoup itself picks
 * the largest spatial layer that fits at *any* temporal layer, so a 300 kbit/s viewer was measured on the 640×360
 * layer at 7.5 fps, stalling on every keyframe, instead of 320×180 at 30 fps. When the forwarded layer stays below
 * its top temporal layer for `holdMs`, the governor lowers the consumer's preferred spatial layer by one (never
 * above the viewer's own choice, set by tile size). Every `retryMs` it asks whether the link's bandwidth estimate
 * now fits the larger layer at full frame rate, and if so lets mediasoup have it again (a try that fails doubles the
 * wait), so a link that got better is used again without trying blindly on one that didn't.
 */
export class FrameRateFirst {
  #wanted: types.ConsumerLayers;
  #ceiling: number;
  #retryMs: number;
  /** Set while a raised ceiling has not yet shown it holds at full frame rate. */
  #trying = false;
  #slow: ReturnType<typeof setTimeout> | null = null;
  #retry: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly consumer: Steered,
    private readonly top: { spatialLayer: number; temporalLayer: number },
    private readonly headroom: Headroom = () => Promise.resolve(true),
    private readonly timings: FrameRateFirstTimings = DEFAULT_TIMINGS,
  ) {
    this.#wanted = { ...top };
    this.#ceiling = top.spatialLayer;
    this.#retryMs = timings.retryMs;
  }

  /** The highest spatial layer the link has shown it carries at full frame rate (for tests and logs). */
  get ceiling(): number {
    return this.#ceiling;
  }

  /** Told every 'layerschange' of the consumer: what it forwards now (undefined: nothing, e.g. paused). */
  layersChanged(layers: types.ConsumerLayers | undefined): void {
    if (this.consumer.closed) return this.close();
    const slow =
      layers !== undefined && layers.spatialLayer > 0 && (layers.temporalLayer ?? 0) < this.top.temporalLayer;
    if (!slow) {
      this.#clearSlow();
      if (this.#trying && layers?.spatialLayer === this.#ceiling) {
        // The larger layer holds at full frame rate: the next step down starts from a short wait again.
        this.#trying = false;
        this.#retryMs = this.timings.retryMs;
      }
      return;
    }
    this.#slow ??= setTimeout(() => this.#stepDown(layers.spatialLayer - 1), this.timings.holdMs);
    this.#slow.unref?.();
  }

  /** The viewer's own choice (by tile size); the consumer gets it, or less while the link can't carry it; rejects as mediasoup does. */
  async want(layers: types.ConsumerLayers): Promise<void> {
    this.#wanted = layers;
    await this.#apply();
  }

  /** Stops the timers (the consumer closed). */
  close(): void {
    this.#clearSlow();
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = null;
  }

  #stepDown(ceiling: number): void {
    this.#slow = null;
    if (this.consumer.closed) return this.close();
    if (this.#trying) this.#retryMs = Math.min(this.#retryMs * 2, this.timings.maxRetryMs);
    this.#trying = false;
    this.#ceiling = Math.max(0, Math.min(ceiling, this.#ceiling));
    log.debug('step down [consumer:%s, ceiling:%d, retry in %d ms]', this.consumer.id, this.#ceiling, this.#retryMs);
    this.#applyOwn();
    this.#scheduleTry();
  }

  #scheduleTry(): void {
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = setTimeout(() => void this.#tryLarger(), this.#retryMs);
    this.#retry.unref?.();
  }

  async #tryLarger(): Promise<void> {
    this.#retry = null;
    if (this.consumer.closed) return this.close();
    if (this.#ceiling >= this.top.spatialLayer) return;
    const fits = await this.headroom(this.#ceiling + 1).catch(() => false);
    if (this.consumer.closed) return this.close();
    if (!fits) return this.#scheduleTry();
    this.#ceiling++;
    this.#trying = true;
    log.debug('try larger [consumer:%s, ceiling:%d]', this.consumer.id, this.#ceiling);
    this.#applyOwn();
  }

  async #apply(): Promise<void> {
    if (this.consumer.closed) return;
    const spatialLayer = Math.min(this.#wanted.spatialLayer, this.#ceiling);
    const temporalLayer = this.#wanted.temporalLayer;
    const layers = temporalLayer === undefined ? { spatialLayer } : { spatialLayer, temporalLayer };
    await this.consumer.setPreferredLayers(layers);
  }

  /** Applies a step the governor took by itself: a consumer closing meanwhile is no error. */
  #applyOwn(): void {
    this.#apply().catch((error: unknown) => {
      log.debug('setPreferredLayers failed [consumer:%s]: %o', this.consumer.id, error);
    });
  }

  #clearSlow(): void {
    if (this.#slow) clearTimeout(this.#slow);
    this.#slow = null;
  }
}

/** The top spatial and temporal layer of a simulcast consumer, from its scalability mode ('L3T3' → 2 and 2). */
export function topLayers(consumer: Pick<SfuConsumer, 'type' | 'rtpParameters'>): {
  spatialLayer: number;
  temporalLayer: number;
} | null {
  if (consumer.type !== 'simulcast') return null;
  const mode = consumer.rtpParameters.encodings?.[0]?.scalabilityMode ?? '';
  const match = /^L(\d+)T(\d+)/.exec(mode);
  if (!match) return null;
  const [spatial, temporal] = [Number(match[1]), Number(match[2])];
  return spatial > 1 ? { spatialLayer: spatial - 1, temporalLayer: temporal - 1 } : null;
}

/** Bitrate a layer needs beyond what it measured, for audio and the estimate's own swings. */
const HEADROOM_FACTOR = 1.25;

/**
 * Headroom from mediasoup's figures: the receive transport's bandwidth estimate against the bitrate the producer
 * receives on that simulcast encoding (its full frame rate). mediasoup keeps probing towards the producer's top
 * layer whatever the preferred layers are, so the estimate grows again when the link does. Without figures: yes.
 */
export function measuredHeadroom(
  transport: Pick<SfuTransport, 'getStats'>,
  producer: Pick<SfuProducer, 'getStats' | 'rtpParameters'>,
): Headroom {
  return async (spatialLayer) => {
    const encoding = producer.rtpParameters?.encodings?.[spatialLayer];
    const [transportStats, producerStats] = await Promise.all([transport.getStats?.(), producer.getStats?.()]);
    const available = transportStats?.[0]?.availableOutgoingBitrate;
    const stream = producerStats?.find((s) => (encoding?.rid ? s.rid === encoding.rid : s.ssrc === encoding?.ssrc));
    if (available === undefined || !stream) return true;
    const fits = available >= stream.bitrate * HEADROOM_FACTOR;
    log.debug('headroom [layer:%d, available:%d, needs:%d, fits:%s]', spatialLayer, available, stream.bitrate, fits);
    return fits;
  };
}
