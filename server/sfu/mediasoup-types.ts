// The parts of mediasoup's objects the SFU uses. Real mediasoup objects satisfy these structurally
// (start-mediasoup.ts proves it to the compiler); unit tests pass small fakes instead.
import type { types } from 'mediasoup';

/** The counts `router.dump()` reports that the SFU reads. */
export interface RouterDump {
  transportIds: string[];
  rtpObserverIds: string[];
  mapProducerIdConsumerIds: Record<string, string[]>;
  mapConsumerIdProducerId: Record<string, string>;
}

/** One mediasoup-worker process. */
export interface SfuWorker {
  readonly pid: number;
  readonly closed: boolean;
  createRouter(options: { mediaCodecs: types.RtpCodecCapability[] }): Promise<SfuRouter>;
  on(event: 'died', listener: (error: Error) => void): unknown;
  dump(): Promise<{ routerIds: string[] }>;
  close(): void;
}

/** A mediasoup Router: one per SFU room. */
export interface SfuRouter {
  readonly id: string;
  readonly closed: boolean;
  readonly rtpCapabilities: types.RtpCapabilities;
  canConsume(options: { producerId: string; rtpCapabilities: types.RtpCapabilities }): boolean;
  createWebRtcTransport(options: types.WebRtcTransportOptions): Promise<SfuTransport>;
  createAudioLevelObserver(options: types.AudioLevelObserverOptions): Promise<SfuAudioLevelObserver>;
  /** Feeds a producer of this router into `router` (on another worker): same producer id over there. */
  pipeToRouter(options: { producerId?: string; router: SfuRouter }): Promise<unknown>;
  createPlainTransport(options: types.PlainTransportOptions): Promise<SfuPlainTransport>;
  /** One end of a pipe to a router on another server (cluster/pipe-*.ts). */
  createPipeTransport(options: types.PipeTransportOptions): Promise<SfuPipeTransport>;
  dump(): Promise<RouterDump>;
  close(): void;
}

/** A WebRtcTransport: a peer's send or receive path. */
export interface SfuTransport {
  readonly id: string;
  readonly closed: boolean;
  readonly iceParameters: types.IceParameters;
  readonly iceCandidates: types.IceCandidate[];
  readonly dtlsParameters: types.DtlsParameters;
  readonly sctpParameters?: types.SctpParameters | undefined;
  connect(options: { dtlsParameters: types.DtlsParameters }): Promise<void>;
  restartIce(): Promise<types.IceParameters>;
  produce(options: types.ProducerOptions): Promise<SfuProducer>;
  consume(options: types.ConsumerOptions): Promise<SfuConsumer>;
  /** mediasoup's trace events ('bwe': the send estimate); fakes may leave them out. */
  enableTraceEvent?(types: types.TransportTraceEventType[]): Promise<void>;
  on?(event: 'trace', listener: (trace: types.TransportTraceEventData) => void): unknown;
  close(): void;
}

/** A Producer: one published track. */
export interface SfuProducer {
  readonly id: string;
  readonly kind: types.MediaKind;
  readonly paused: boolean;
  readonly closed: boolean;
  /** What it receives (each simulcast layer's ssrc); fakes may leave it out. */
  readonly rtpParameters?: types.RtpParameters;
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Per-stream receive counts; fakes may leave it out. */
  getStats?(): Promise<types.ProducerStat[]>;
  close(): void;
}

/** A Consumer: one forwarded track. */
export interface SfuConsumer {
  readonly id: string;
  readonly producerId: string;
  readonly kind: types.MediaKind;
  readonly rtpParameters: types.RtpParameters;
  readonly type: string;
  readonly producerPaused: boolean;
  readonly closed: boolean;
  resume(): Promise<void>;
  setPreferredLayers(layers: types.ConsumerLayers): Promise<void>;
  requestKeyFrame(): Promise<void>;
  /** mediasoup's 'layerschange' (simulcast/SVC consumers); fakes may leave it out. */
  on?(event: 'layerschange', listener: (layers?: types.ConsumerLayers) => void): unknown;
  close(): void;
}

/** A Consumer whose forwarded layers can be read (the recorder waits for the top one before ffmpeg starts). */
export interface SfuLayeredConsumer extends SfuConsumer {
  /** The layers it forwards now (simulcast/SVC consumers), undefined before the first. */
  readonly currentLayers?: types.ConsumerLayers | undefined;
}

/** A PlainTransport: plain RTP to a local process (the recorder's ffmpeg). */
export interface SfuPlainTransport {
  readonly id: string;
  readonly closed: boolean;
  connect(options: { ip: string; port: number; rtcpPort?: number }): Promise<void>;
  consume(options: types.ConsumerOptions): Promise<SfuLayeredConsumer>;
  close(): void;
}

/** A PipeTransport: plain (S)RTP between routers of two servers, one per room and pair of servers. */
export interface SfuPipeTransport {
  readonly id: string;
  readonly closed: boolean;
  readonly tuple: { localIp: string; localPort: number };
  readonly srtpParameters?: types.SrtpParameters | undefined;
  connect(options: { ip: string; port: number; srtpParameters?: types.SrtpParameters }): Promise<void>;
  consume(options: { producerId: string }): Promise<SfuPipeConsumer>;
  produce(options: types.ProducerOptions): Promise<SfuProducer>;
  /** mediasoup's 'routerclose': the router closed under it (its room closed, or its worker died). */
  on(event: 'routerclose', listener: () => void): unknown;
  close(): void;
}

/** A Consumer on a PipeTransport: it follows its producer, and the other server is told each change. */
export interface SfuPipeConsumer {
  readonly id: string;
  readonly kind: types.MediaKind;
  readonly rtpParameters: types.RtpParameters;
  readonly producerPaused: boolean;
  readonly closed: boolean;
  on(event: 'producerclose' | 'producerpause' | 'producerresume' | 'transportclose', listener: () => void): unknown;
  close(): void;
}

/** A Router's AudioLevelObserver, the source of active-speaker changes. */
export interface SfuAudioLevelObserver {
  readonly id: string;
  addProducer(options: { producerId: string }): Promise<void>;
  on(event: 'volumes', listener: (volumes: { producer: { id: string }; volume: number }[]) => void): unknown;
  on(event: 'silence', listener: () => void): unknown;
  close(): void;
}
