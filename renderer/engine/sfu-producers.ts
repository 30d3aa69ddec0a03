import type { Producer } from 'mediasoup-client/types';
import type { PublishKind } from '../../common/protocol';
import { createLogger } from './log';
import { announcePaused } from './screen-share';
import { produceOptions } from './sfu-encodings';
import { producerCreated, setProducerPaused } from './sfu-screen';
import type { SfuSetUp } from './sfu-state';
import type { SignalingPort } from './signaling-types';

const log = createLogger('sfu');

type MediaKind = 'audio' | 'video';
type ProducerKey = `${PublishKind}/${MediaKind}`;

/** The SFU session's sending half: at most one mediasoup producer per published source and media kind. */
export class SfuProducers {
  private readonly producers = new Map<ProducerKey, Producer>();

  constructor(
    private readonly signaling: SignalingPort,
    private readonly setUp: SfuSetUp,
  ) {}

  /** Makes what is sent as `kind` match `tracks`: replaces, produces or closes one producer per media kind. */
  async produce(kind: PublishKind, tracks: readonly MediaStreamTrack[]): Promise<void> {
    if (this.setUp.closed()) return;
    const transports = this.setUp.transports();
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
        if (transports !== this.setUp.transports()) return;
        const producer = await transport.produce(produceOptions(kind, track, device));
        created.push(producer);
        this.producers.set(key, producer);
        producerCreated(producer);
        log.debug('produced [source:%s, kind:%s, producer:%s]', kind, mediaKind, producer.id);
      }
    } catch (error) {
      // The transports were replaced meanwhile (mediaReset): the new set-up produces the local tracks again.
      if (transports !== this.setUp.transports() && !this.setUp.closed())
        return log.debug('produce() | superseded: %o', error);
      // Undo this call's own producers (e.g. the screen's video when its audio was refused).
      for (const producer of created) {
        const key = `${kind}/${producer.kind as MediaKind}` as const;
        if (this.producers.get(key) === producer) this.closeProducer(key, producer);
      }
      throw error;
    }
  }

  /** The video sender of `kind`'s producer, if it is produced. */
  videoSendersOf(kind: PublishKind): RTCRtpSender[] {
    const sender = this.producers.get(`${kind}/video`)?.rtpSender;
    return sender ? [sender] : [];
  }

  /** Pauses or resumes every producer of `kind`, here and on the server (viewers are told). */
  async setPaused(kind: PublishKind, paused: boolean): Promise<void> {
    const producers = [...this.producers].filter(([key]) => key.startsWith(`${kind}/`)).map(([, p]) => p);
    await Promise.all(producers.map((p) => setProducerPaused(p, this.signaling, paused)));
    await announcePaused(this.signaling, kind, paused);
  }

  /** Forgets every producer without telling the server (their transport is being closed). */
  clear(): void {
    this.producers.clear();
  }

  private closeProducer(key: ProducerKey, producer: Producer): void {
    this.producers.delete(key);
    if (producer.closed) return;
    producer.close();
    this.signaling
      .request('closeProducer', { producerId: producer.id })
      .catch((error: unknown) => log.warn('closeProducer() | %o [producer:%s]', error, producer.id));
  }
}
