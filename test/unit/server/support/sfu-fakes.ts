// Small stand-ins for mediasoup's Worker, Router, WebRtcTransport, Producer, Consumer and AudioLevelObserver,
// passed to the SFU through its `spawnWorker` option (no module mocking). They close in cascade like mediasoup.
import type { types } from 'mediasoup';
import type {
  RouterDump,
  SfuAudioLevelObserver,
  SfuConsumer,
  SfuPipeTransport,
  SfuPlainTransport,
  SfuProducer,
  SfuRouter,
  SfuTransport,
  SfuWorker,
} from '../../../../server/sfu/mediasoup-types';

let counter = 0;
const nextId = (prefix: string) => `${prefix}-${++counter}`;

export class FakeProducer implements SfuProducer {
  readonly id = nextId('producer');
  paused: boolean;
  closed = false;

  constructor(
    readonly kind: types.MediaKind,
    paused: boolean,
  ) {
    this.paused = paused;
  }

  async pause(): Promise<void> {
    this.paused = true;
  }

  async resume(): Promise<void> {
    this.paused = false;
  }

  close(): void {
    this.closed = true;
  }
}

export class FakeConsumer implements SfuConsumer {
  readonly id = nextId('consumer');
  readonly rtpParameters = { mid: '0', codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }] };
  readonly type = 'simple';
  paused: boolean;
  closed = false;
  preferredLayers: types.ConsumerLayers | undefined;

  constructor(
    readonly producerId: string,
    readonly kind: types.MediaKind,
    readonly producerPaused: boolean,
    paused: boolean,
  ) {
    this.paused = paused;
  }

  async resume(): Promise<void> {
    this.paused = false;
  }

  async setPreferredLayers(layers: types.ConsumerLayers): Promise<void> {
    this.preferredLayers = layers;
  }

  keyFrameRequests = 0;

  async requestKeyFrame(): Promise<void> {
    this.keyFrameRequests++;
  }

  close(): void {
    this.closed = true;
  }
}

export class FakeTransport implements SfuTransport {
  readonly id = nextId('transport');
  readonly iceParameters = { usernameFragment: 'u', password: 'p', iceLite: true };
  readonly iceCandidates: types.IceCandidate[] = [];
  readonly dtlsParameters: types.DtlsParameters = {
    role: 'auto',
    fingerprints: [{ algorithm: 'sha-256', value: 'AB' }],
  };
  readonly sctpParameters: types.SctpParameters | undefined;
  readonly producers: FakeProducer[] = [];
  readonly consumers: FakeConsumer[] = [];
  closed = false;
  connected: types.DtlsParameters | undefined;
  /** The next produce() or consume() fails with this. */
  failNext: Error | undefined;
  /** When set, produce() and consume() wait for this before answering. */
  gate: Promise<void> | undefined;

  constructor(
    readonly router: FakeRouter,
    readonly options: types.WebRtcTransportOptions,
  ) {
    this.sctpParameters = options.enableSctp ? { port: 5000, OS: 1024, MIS: 1024, maxMessageSize: 262144 } : undefined;
  }

  async connect({ dtlsParameters }: { dtlsParameters: types.DtlsParameters }): Promise<void> {
    this.connected = dtlsParameters;
  }

  async restartIce(): Promise<types.IceParameters> {
    return { usernameFragment: 'u2', password: 'p2' };
  }

  async produce(options: types.ProducerOptions): Promise<FakeProducer> {
    await this.hurdles();
    const producer = new FakeProducer(options.kind, options.paused ?? false);
    this.producers.push(producer);
    this.router.producers.set(producer.id, producer);
    return producer;
  }

  async consume(options: types.ConsumerOptions): Promise<FakeConsumer> {
    await this.hurdles();
    const producer = this.router.producers.get(options.producerId)!;
    const consumer = new FakeConsumer(producer.id, producer.kind, producer.paused, options.paused ?? false);
    this.consumers.push(consumer);
    return consumer;
  }

  close(): void {
    this.closed = true;
    for (const object of [...this.producers, ...this.consumers]) object.close();
  }

  private async hurdles(): Promise<void> {
    await this.gate;
    const error = this.failNext;
    this.failNext = undefined;
    if (error) throw error;
  }
}

export class FakeObserver implements SfuAudioLevelObserver {
  readonly id = nextId('observer');
  readonly producerIds: string[] = [];
  closed = false;
  private readonly listeners: Record<string, ((...args: never[]) => void)[]> = {};

  async addProducer({ producerId }: { producerId: string }): Promise<void> {
    this.producerIds.push(producerId);
  }

  on(event: 'volumes' | 'silence', listener: (...args: never[]) => void): this {
    (this.listeners[event] ??= []).push(listener);
    return this;
  }

  /** Reports `producerId` as the loudest. */
  loudest(producerId: string): void {
    for (const l of this.listeners.volumes ?? []) l(...([[{ producer: { id: producerId }, volume: -20 }]] as never[]));
  }

  silence(): void {
    for (const l of this.listeners.silence ?? []) l();
  }

  close(): void {
    this.closed = true;
  }
}

export class FakeRouter implements SfuRouter {
  readonly id = nextId('router');
  readonly rtpCapabilities: types.RtpCapabilities = { codecs: [], headerExtensions: [] };
  readonly transports: FakeTransport[] = [];
  readonly producers = new Map<string, FakeProducer>();
  readonly observers: FakeObserver[] = [];
  closed = false;
  /** What canConsume() answers. */
  consumable = true;

  async createWebRtcTransport(options: types.WebRtcTransportOptions): Promise<FakeTransport> {
    const transport = new FakeTransport(this, options);
    this.transports.push(transport);
    return transport;
  }

  /** A plain transport is a transport like any other here (the recorder's RTP path). */
  async createPlainTransport(options: types.PlainTransportOptions): Promise<SfuPlainTransport> {
    const transport = new FakeTransport(this, options as unknown as types.WebRtcTransportOptions);
    this.transports.push(transport);
    return transport as unknown as SfuPlainTransport;
  }

  /** Pipes between servers are proven with real workers (test/server/cluster-pipes.test.ts), not faked. */
  async createPipeTransport(): Promise<SfuPipeTransport> {
    throw new Error('FakeRouter has no PipeTransport');
  }

  async createAudioLevelObserver(): Promise<FakeObserver> {
    const observer = new FakeObserver();
    this.observers.push(observer);
    return observer;
  }

  canConsume(): boolean {
    return this.consumable;
  }

  /** Producers piped from this router, with the router each went to. */
  readonly pipes: { producerId: string; router: SfuRouter }[] = [];

  /** Like mediasoup: the producer appears on the other router under the same id. */
  async pipeToRouter({ producerId, router }: { producerId?: string; router: SfuRouter }): Promise<void> {
    this.pipes.push({ producerId: producerId!, router });
    const producer = this.producers.get(producerId!);
    if (producer && router instanceof FakeRouter) router.producers.set(producer.id, producer);
  }

  /** Open objects, counted like mediasoup's own dump; like mediasoup, a closed router has no handler to ask. */
  async dump(): Promise<RouterDump> {
    if (this.closed) throw new Error(`Channel request handler with ID ${this.id} not found [method:router.dump]`);
    const open = this.transports.filter((t) => !t.closed);
    const producers = open.flatMap((t) => t.producers).filter((p) => !p.closed);
    const consumers = open.flatMap((t) => t.consumers).filter((c) => !c.closed);
    return {
      transportIds: open.map((t) => t.id),
      rtpObserverIds: this.observers.filter((o) => !o.closed).map((o) => o.id),
      mapProducerIdConsumerIds: Object.fromEntries(producers.map((p) => [p.id, []])),
      mapConsumerIdProducerId: Object.fromEntries(consumers.map((c) => [c.id, c.producerId])),
    };
  }

  close(): void {
    this.closed = true;
    for (const transport of this.transports) transport.close();
    for (const observer of this.observers) observer.close();
  }
}

export class FakeWorker implements SfuWorker {
  readonly pid = 10_000 + ++counter;
  readonly routers: FakeRouter[] = [];
  closed = false;
  private readonly diedListeners: ((error: Error) => void)[] = [];

  async createRouter(): Promise<FakeRouter> {
    const router = new FakeRouter();
    this.routers.push(router);
    return router;
  }

  on(_event: 'died', listener: (error: Error) => void): this {
    this.diedListeners.push(listener);
    return this;
  }

  async dump(): Promise<{ routerIds: string[] }> {
    return { routerIds: this.routers.filter((r) => !r.closed).map((r) => r.id) };
  }

  /** The process is gone: everything on it closes, then 'died' fires (mediasoup's order). */
  die(): void {
    this.closed = true;
    for (const router of this.routers) router.close();
    for (const listener of this.diedListeners) listener(new Error('killed'));
  }

  close(): void {
    this.closed = true;
    for (const router of this.routers) router.close();
  }
}

/** A spawner that records every worker it started; `fail` makes the next start fail. */
export function fakeSpawner(): { spawn: () => Promise<FakeWorker>; workers: FakeWorker[]; fail: { next: boolean } } {
  const workers: FakeWorker[] = [];
  const fail = { next: false };
  return {
    workers,
    fail,
    spawn: async () => {
      if (fail.next) {
        fail.next = false;
        throw new Error('spawn failed');
      }
      const worker = new FakeWorker();
      workers.push(worker);
      return worker;
    },
  };
}
