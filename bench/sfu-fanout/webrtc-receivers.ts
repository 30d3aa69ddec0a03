import { chromium, type Browser, type Page } from '@playwright/test';
import type { types } from 'mediasoup';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test/support/chromium';
import type { MediasoupFanout } from './mediasoup-fanout';
import type { WindowProbe } from './measure';
import type { ReceiveRequest, ReceiverCounters, ReceiverWindow } from './receiver-page';

type ClientCapabilities = Parameters<ReceiverWindow['moimReceiver']['load']>[0];

/** One page's receiver of one variant over a measured window: deltas of its counters, and its jitter at the end. */
export interface ReceiverSample {
  page: number;
  /** The router its transport is on: the producer's own, or an edge router fed by pipeToRouter. */
  router: 'origin' | 'edge';
  packetsReceived: number;
  packetsLost: number;
  framesReceived: number;
  framesDecoded: number;
  framesDropped: number;
  jitterMs: number;
}

/** What a receiver counted between two reads of its cumulative counters. */
const delta = (a: ReceiverCounters, b: ReceiverCounters) => ({
  packetsReceived: a.packetsReceived - b.packetsReceived,
  packetsLost: a.packetsLost - b.packetsLost,
  framesReceived: a.framesReceived - b.framesReceived,
  framesDecoded: a.framesDecoded - b.framesDecoded,
  framesDropped: a.framesDropped - b.framesDropped,
});

/** A window probe that leaves every page's sample of one variant in `samples` once the window ended. */
export type ReceiverProbe = WindowProbe & { samples: ReceiverSample[] };

/**
 * The page's API seen from Node. mediasoup's and mediasoup-client's declarations of the same JSON differ in
 * optional fields only, so the values cross here with a cast: the page gets them as JSON anyway.
 */
const api = (page: Page) => ({
  load: async (caps: types.RtpCapabilities): Promise<types.RtpCapabilities> =>
    (await page.evaluate(
      (c) => (window as unknown as ReceiverWindow).moimReceiver.load(c),
      caps as unknown as ClientCapabilities,
    )) as unknown as types.RtpCapabilities,
  receive: (request: unknown) =>
    page.evaluate((r) => (window as unknown as ReceiverWindow).moimReceiver.receive(r), request as ReceiveRequest),
  counters: (key: string) => page.evaluate((k) => (window as unknown as ReceiverWindow).moimReceiver.counters(k), key),
});

/**
 * Headless Chromium pages, each a real WebRTC viewer (receiver-page.ts) with one receive transport per fan-out
 * variant: ICE, DTLS and SRTP end to end, beside the PlainTransport load.
 */
export class WebRtcReceivers {
  private readonly transports = new Map<string, types.WebRtcTransport>();
  private readonly routerOf = new Map<string, ('origin' | 'edge')[]>();

  private constructor(
    private readonly browser: Browser,
    private readonly pages: Page[],
  ) {}

  /** Launches Chromium and opens `count` pages running `script` (the bundled receiver-page.ts). */
  static async start(count: number, script: string): Promise<WebRtcReceivers> {
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const receivers = new WebRtcReceivers(browser, []);
    try {
      for (let i = 0; i < count; i++) receivers.pages.push(await receivers.openPage(i, script));
      return receivers;
    } catch (error) {
      await browser.close();
      throw error;
    }
  }

  /** Puts a receiver of `fanout`'s producer on every page, page i on router i mod routers (so one on an edge). */
  async attach(key: string, fanout: MediasoupFanout): Promise<void> {
    const routers: ('origin' | 'edge')[] = [];
    for (const [i, page] of this.pages.entries()) {
      const router = fanout.routers[i % fanout.routers.length]!;
      routers.push(i % fanout.routers.length === 0 ? 'origin' : 'edge');
      const rtpCapabilities = await api(page).load(router.rtpCapabilities);
      const transport = await router.createWebRtcTransport({ listenIps: [{ ip: '127.0.0.1' }], enableUdp: true });
      this.transports.set(transport.id, transport);
      // Paused until the page has its track, as Moim's server does, so the first packet is a keyframe it can use.
      const consumer = await transport.consume({ producerId: fanout.producerId, rtpCapabilities, paused: true });
      const { id, iceParameters, iceCandidates, dtlsParameters } = transport;
      await api(page).receive({
        key,
        transport: { id, iceParameters, iceCandidates, dtlsParameters },
        consumer: {
          id: consumer.id,
          producerId: consumer.producerId,
          kind: consumer.kind,
          rtpParameters: consumer.rtpParameters,
        },
      });
      await consumer.resume();
    }
    this.routerOf.set(key, routers);
  }

  /** A probe of the receivers of `key`: counters read at the window's start and after it drained. */
  probe(key: string): ReceiverProbe {
    let before: ReceiverCounters[] = [];
    const probe: ReceiverProbe = {
      samples: [],
      start: async () => {
        before = await this.counters(key);
      },
      end: async () => {
        const after = await this.counters(key);
        probe.samples = after.map((a, page) => ({
          page,
          router: this.routerOf.get(key)![page]!,
          ...delta(a, before[page]!),
          jitterMs: a.jitter * 1000,
        }));
      },
    };
    return probe;
  }

  async close(): Promise<void> {
    await this.browser.close();
  }

  private counters(key: string): Promise<ReceiverCounters[]> {
    return Promise.all(this.pages.map((page) => api(page).counters(key)));
  }

  private async openPage(index: number, script: string): Promise<Page> {
    const page = await this.browser.newPage();
    page.on('pageerror', (error) => console.log(`[receiver ${index}] page error: ${error.message}`));
    await page.exposeFunction('moimConnect', (transportId: string, dtlsParameters: types.DtlsParameters) =>
      this.transports.get(transportId)!.connect({ dtlsParameters }),
    );
    await page.setContent('<body style="margin:0"></body>');
    await page.addScriptTag({ content: script });
    return page;
  }
}
