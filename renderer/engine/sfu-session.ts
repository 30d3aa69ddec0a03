import type { Member, PublishKind } from '../../common/protocol';
import { Emitter } from './emitter';
import { hasCode, UnsupportedError } from './errors';
import { DecodeStallWatch } from './decode-stall-watch';
import { createLogger } from './log';
import type { MediaSession, MediaSessionContext, MediaSessionEvents } from './media-session';
import { createSessionLadder } from './session-ladder';
import { SfuConsumers } from './sfu-consumers';
import { SfuProducers } from './sfu-producers';
import { SfuReceiver } from './sfu-receiver';
import type { SfuSetUp } from './sfu-state';
import { SfuTransports, type DeviceFactory } from './sfu-transports';
import type { AnyNotification } from './signaling-types';
import { backAfterOutage, type LinkState } from './reconnect-ladder';
import type { RemoteStats } from './stats';
import type { StatsSource } from './track-stats';
import type { MediaRepair } from './types';

const log = createLogger('sfu');

/** Options of an SFU session beyond its context. */
export interface SfuSessionOptions {
  /** Builds the mediasoup-client Device (default: the browser's handler, auto-detected). Tests pass a fake. */
  createDevice?: DeviceFactory;
}

/**
 * An SFU room (or broadcast) through mediasoup-client: one send transport, made only when something is
 * published, and one receive transport. Sending is `SfuProducers`' job, receiving (and video layers)
 * `SfuConsumers`'; this class routes notifications to them, serialises publishes and owns the set-up they share.
 * `mediaReset` (the room's worker died) rebuilds both transports, produces again, and consumes what the others
 * produce again.
 */
export class SfuSession extends Emitter<MediaSessionEvents> implements MediaSession {
  private readonly receiver: SfuReceiver;
  private readonly producers: SfuProducers;
  private readonly consumers: SfuConsumers;
  private readonly local = new Map<PublishKind, readonly MediaStreamTrack[]>();
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
  /** Asks for a keyframe when a received video stalls with packets still arriving. */
  private readonly stalls: DecodeStallWatch;
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
    // The halves ask for the current set-up each time: `reset()` replaces transports and generation.
    const setUp: SfuSetUp = {
      transports: () => this.transports,
      generation: () => this.generation,
      closed: () => this.closed,
      fail: (what, error, generation) => this.fail(what, error, generation),
    };
    this.producers = new SfuProducers(context.signaling, setUp);
    this.consumers = new SfuConsumers(context.signaling, this.receiver, setUp);
    this.stalls = new DecodeStallWatch({
      report: async () => {
        if (this.receiver.videoConsumerIds().length === 0) return null;
        return (await this.transports.existingRecvTransport())?.getStats().then((report) => report.values()) ?? null;
      },
      consumerOf: (identity) => this.receiver.consumerIdOf(identity),
      requestKeyFrame: (consumerId) => this.consumers.requestKeyFrame(consumerId),
    });
    this.stalls.start();
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
        if (n.data.peerId !== this.context.selfId) void this.consumers.consume(n.data);
        return;
      case 'producerClosed':
        return this.consumers.producerClosed(n.data.producerId);
      case 'consumerClosed':
        return this.consumers.consumerClosed(n.data.consumerId);
      case 'consumerLayersChanged': {
        const { consumerId, spatialLayer: spatial, temporalLayer: temporal } = n.data;
        return this.receiver.setLayers(consumerId, spatial === null ? null : { spatial, temporal: temporal ?? 0 });
      }
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
    return this.serial(() => this.producers.produce(kind, tracks));
  }

  unpublish(kind: PublishKind): Promise<void> {
    this.local.delete(kind);
    return this.serial(() => this.producers.produce(kind, []));
  }

  videoSendersOf(kind: PublishKind): RTCRtpSender[] {
    return this.producers.videoSendersOf(kind);
  }

  setPaused(kind: PublishKind, paused: boolean): Promise<void> {
    return this.producers.setPaused(kind, paused);
  }

  async getStats(): Promise<RemoteStats[]> {
    const transport = await this.transports.existingRecvTransport();
    if (!transport || transport.closed) return [];
    const report = await transport.getStats().catch(() => null);
    return report ? this.receiver.stats(report.values()) : [];
  }

  /** The receive and send transports' stats reports, for the stats sampler. */
  async statsSources(): Promise<StatsSource[]> {
    const transports = [await this.transports.existingRecvTransport(), await this.transports.existingSendTransport()];
    const reports = await Promise.all(transports.map((t) => (t && !t.closed ? t.getStats().catch(() => null) : null)));
    return reports.flatMap((r) =>
      r ? [{ entries: [...r.values()], ownerOf: (id) => this.receiver.ownerOf(id) }] : [],
    );
  }

  /**
   * Asks the SFU to forward the given layers of `peerId`'s `source` video (0 = smallest); remembered for
   * consumers made later. Resolves once the server took the request.
   */
  setPreferredLayers(peerId: string, source: PublishKind, spatialLayer: number, temporalLayer?: number): Promise<void> {
    return this.consumers.setPreferredLayers(peerId, source, spatialLayer, temporalLayer);
  }

  /** Picks the layer of `peerId`'s `source` video that fits a view `width` device pixels wide. */
  setVideoSize(peerId: string, source: PublishKind, width: number): void {
    this.consumers.setVideoSize(peerId, source, width);
  }

  resumed(): void {
    this.ladder.retry();
    // A keyframe asked for while signaling was down was lost with it; the pictures may have stalled meanwhile.
    this.consumers.requestKeyFrames();
  }

  networkReturned(): void {
    this.ladder.nudge();
  }

  suspended(): void {
    this.ladder.suspend();
  }

  repair(step: MediaRepair): void {
    if (this.closed) return;
    if (step === 'recreate') this.reset();
    else if (step === 'keyframes') this.consumers.requestKeyFrames();
    else this.consumers.resubscribe();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stalls.stop();
    this.ladder.close();
    this.generation++;
    this.dropMedia();
    this.removeAllListeners();
  }

  /** Loads the device and opens the receive transport at once (it carries everything we'll watch), then produces. */
  private async setUp(): Promise<void> {
    const generation = this.generation;
    const transports = this.transports;
    // The receive transport is asked for at once: the server makes its side while the device loads.
    void transports.recvTransport().catch((error: unknown) => this.fail('recv transport', error, generation));
    await transports.loadDevice();
    if (!this.canPublish) return;
    await Promise.all([...this.local].map(([kind, tracks]) => this.serial(() => this.producers.produce(kind, tracks))));
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
    this.consumers.clear();
    this.transports.close();
  }

  private newTransports(): SfuTransports {
    const { signaling, iceServers } = this.context;
    const isBack = backAfterOutage();
    const onState = (state: LinkState) => {
      // Back after an outage, the decoders need a keyframe; Chromium asks for one only every few seconds (measured:
      // 2 s of packets arriving without a picture after a 10 s outage), so ask the server at once.
      if (isBack(state)) this.consumers.requestKeyFrames();
      this.ladder.update(state);
    };
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
