import { createWorker, type types } from 'mediasoup';

/** The producer's RTP identity; the sender uses the same. */
export const PRODUCER_SSRC = 0x11223344;
export const VP8_PAYLOAD_TYPE = 101;

const VP8: types.RtpCodecCapability = { kind: 'video', mimeType: 'video/VP8', clockRate: 90_000 };
const FEEDBACK = [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }];

/**
 * The suite the SRTP consumers use: the one Chromium and mediasoup agree on over DTLS (see ENVIRONMENT.md), so
 * the plain-transport figure prices the same encryption a WebRTC viewer costs.
 */
export const SRTP_SUITE: types.SrtpCryptoSuite = 'AEAD_AES_256_GCM';

/**
 * mediasoup workers, a router on each, with a VP8 producer on a PlainTransport of the first (fed over UDP,
 * comedia) piped to the others' routers with `pipeToRouter` (as the SFU's edge routers are), and PlainTransport
 * consumers spread round-robin over the routers, each sending to a local UDP sink (comedia off, connected) —
 * in plain RTP, or SRTP-encrypted when started with `srtp`.
 */
export class MediasoupFanout {
  readonly consumerSsrcs: number[] = [];
  private readonly consumers: types.Consumer[] = [];

  private constructor(
    readonly workers: types.Worker[],
    /** The origin router (with the producer) first, then the edge routers. */
    readonly routers: types.Router[],
    private readonly producer: types.Producer,
    /** Where the sender sends its RTP. */
    readonly ingestPort: number,
    private readonly srtp: boolean,
  ) {}

  /** The producer's id, the same on every router (pipeToRouter keeps it). */
  get producerId(): string {
    return this.producer.id;
  }

  /** The worker that holds the producer. */
  get worker(): types.Worker {
    return this.workers[0]!;
  }

  static async start(workerCount = 1, { srtp = false } = {}): Promise<MediasoupFanout> {
    const workers = await Promise.all(Array.from({ length: workerCount }, () => createWorker({ logLevel: 'warn' })));
    const routers = await Promise.all(workers.map((w) => w.createRouter({ mediaCodecs: [VP8] })));
    const router = routers[0]!;
    const ingest = await router.createPlainTransport({ listenIp: '127.0.0.1', rtcpMux: true, comedia: true });
    const producer = await ingest.produce({
      kind: 'video',
      rtpParameters: {
        codecs: [{ mimeType: 'video/VP8', payloadType: VP8_PAYLOAD_TYPE, clockRate: 90_000, rtcpFeedback: FEEDBACK }],
        encodings: [{ ssrc: PRODUCER_SSRC }],
      },
    });
    for (const edge of routers.slice(1)) await router.pipeToRouter({ producerId: producer.id, router: edge });
    return new MediasoupFanout(workers, routers, producer, ingest.tuple.localPort, srtp);
  }

  /** Adds consumers until there are `total`, spread round-robin over the sink ports. */
  async grow(total: number, sinkPorts: readonly number[]): Promise<void> {
    const batch = 50;
    while (this.consumerSsrcs.length < total) {
      const start = this.consumerSsrcs.length;
      const count = Math.min(batch, total - start);
      const ssrcs = await Promise.all(
        Array.from({ length: count }, (_, i) =>
          this.addConsumer(
            this.routers[(start + i) % this.routers.length]!,
            sinkPorts[(start + i) % sinkPorts.length]!,
          ),
        ),
      );
      this.consumerSsrcs.push(...ssrcs);
    }
  }

  /** RTP packets the producer received and the consumers sent so far, from mediasoup's own stats. */
  async stats(): Promise<{ ingested: number; forwarded: number }> {
    const packets = (stats: { type: string; packetCount: number }[], type: string) =>
      stats.filter((s) => s.type === type).reduce((sum, s) => sum + s.packetCount, 0);
    const ingested = packets(await this.producer.getStats(), 'inbound-rtp');
    const sent = await Promise.all(this.consumers.map(async (c) => packets(await c.getStats(), 'outbound-rtp')));
    return { ingested, forwarded: sent.reduce((a, b) => a + b, 0) };
  }

  close(): void {
    for (const worker of this.workers) worker.close();
  }

  private async addConsumer(router: types.Router, sinkPort: number): Promise<number> {
    const transport = await router.createPlainTransport({
      listenIp: '127.0.0.1',
      rtcpMux: true,
      comedia: false,
      ...(this.srtp ? { enableSrtp: true, srtpCryptoSuite: SRTP_SUITE } : {}),
    });
    // The sink never sends, so the remote keys only have to be valid: it gets the transport's own.
    const srtpParameters = this.srtp ? transport.srtpParameters : undefined;
    await transport.connect({ ip: '127.0.0.1', port: sinkPort, ...(srtpParameters ? { srtpParameters } : {}) });
    const consumer = await transport.consume({
      producerId: this.producer.id,
      rtpCapabilities: router.rtpCapabilities,
    });
    this.consumers.push(consumer);
    return consumer.rtpParameters.encodings![0]!.ssrc!;
  }
}
