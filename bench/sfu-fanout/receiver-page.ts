// Runs inside each headless Chromium page of the fan-out bench (bundled by bench/sfu-fanout.mjs): a real WebRTC
// viewer — mediasoup-client, ICE, DTLS, SRTP, the browser's jitter buffer and VP8 decoder — with no app UI.
// The bench drives it through `window.moimReceiver`, and the page reaches back through `window.moimConnect`.
import { Device, type types } from 'mediasoup-client';

/** A WebRtcTransport and a consumer on it, as the bench created them on a router. */
export interface ReceiveRequest {
  key: string;
  transport: Pick<types.TransportOptions, 'id' | 'iceParameters' | 'iceCandidates' | 'dtlsParameters'>;
  consumer: Pick<types.ConsumerOptions, 'id' | 'producerId' | 'kind' | 'rtpParameters'>;
}

/** A receiver's cumulative video counters, from its inbound-rtp stats. */
export interface ReceiverCounters {
  packetsReceived: number;
  packetsLost: number;
  /** Frames assembled from packets, frames decoded, and frames dropped before decoding. */
  framesReceived: number;
  framesDecoded: number;
  framesDropped: number;
  /** Current interarrival jitter, in seconds. */
  jitter: number;
}

/** What the page offers the bench. */
export interface ReceiverApi {
  /** Loads the device from a router's capabilities; returns the device's receive capabilities. */
  load(routerRtpCapabilities: types.RtpCapabilities): Promise<types.RtpCapabilities>;
  /** Creates the receive transport, consumes, and plays the track in a muted video element. */
  receive(request: ReceiveRequest): Promise<void>;
  counters(key: string): Promise<ReceiverCounters>;
}

/** The page's globals: its API, and the function the bench exposes for the transport's `connect`. */
export type ReceiverWindow = Window & {
  moimReceiver: ReceiverApi;
  moimConnect(transportId: string, dtlsParameters: types.DtlsParameters): Promise<void>;
};

const page = window as unknown as ReceiverWindow;
// Named, not detected: on about:blank (not a secure context) there is no navigator.userAgentData, and headless
// Chromium's user agent says "HeadlessChrome", which mediasoup-client's detection does not take for Chrome.
const device = new Device({ handlerName: 'Chrome111' });
const consumers = new Map<string, types.Consumer>();

page.moimReceiver = {
  async load(routerRtpCapabilities) {
    if (!device.loaded) await device.load({ routerRtpCapabilities });
    return device.rtpCapabilities;
  },

  async receive({ key, transport: options, consumer: consumerOptions }) {
    const transport = device.createRecvTransport(options);
    transport.on('connect', ({ dtlsParameters }, ok, fail) => {
      page.moimConnect(options.id, dtlsParameters).then(ok, fail);
    });
    const consumer = await transport.consume(consumerOptions);
    consumers.set(key, consumer);
    // Played like a viewer's tile, so the decoder works for a sink as it does in the app.
    const video = document.createElement('video');
    video.muted = true;
    video.autoplay = true;
    video.srcObject = new MediaStream([consumer.track]);
    document.body.append(video);
  },

  async counters(key) {
    const sum: ReceiverCounters = {
      packetsReceived: 0,
      packetsLost: 0,
      framesReceived: 0,
      framesDecoded: 0,
      framesDropped: 0,
      jitter: 0,
    };
    const report = await consumers.get(key)!.getStats();
    report.forEach((s: Record<string, unknown>) => {
      if (s.type !== 'inbound-rtp') return;
      sum.packetsReceived += Number(s.packetsReceived ?? 0);
      sum.packetsLost += Number(s.packetsLost ?? 0);
      sum.framesReceived += Number(s.framesReceived ?? 0);
      sum.framesDecoded += Number(s.framesDecoded ?? 0);
      sum.framesDropped += Number(s.framesDropped ?? 0);
      sum.jitter = Math.max(sum.jitter, Number(s.jitter ?? 0));
    });
    return sum;
  },
};
