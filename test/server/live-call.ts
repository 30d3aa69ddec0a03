// A real media call beside an attack: a Node VP8 sender feeds a producer in a room's mediasoup router, a
// consumer of it sends to a UDP socket, and the consumer's own stats (packetCount) show whether media flows.
import { createSocket, type Socket } from 'node:dgram';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { types } from 'mediasoup';
import { expect } from 'vitest';
import { Vp8Sender } from '../../bench/sfu-fanout/vp8-sender';
import { DEFAULT_SFU_SETTINGS } from '../../server/sfu/media-settings';
import type { MediasoupMediaService } from '../../server/sfu/mediasoup-media-service';
import { startMediasoup } from '../../server/sfu/start-mediasoup';
import type { StartServerOptions } from '../../server';
import { Harness } from './harness';

const FEEDBACK = [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }];

/** A fresh one-worker mediasoup service for one harness (a harness's `stop()` closes it). */
export function startSfu(): Promise<MediasoupMediaService> {
  return startMediasoup({ ...DEFAULT_SFU_SETTINGS, workers: 1 });
}

/** A VP8 stream through an SFU room's router that runs until `stop()`; `packets()` reads the consumer's stats. */
export class LiveCall {
  private running = true;
  private readonly streaming: Promise<void>;

  private constructor(
    private readonly sockets: Socket[],
    private readonly consumer: types.Consumer,
    sender: Vp8Sender,
  ) {
    this.streaming = (async () => {
      while (this.running) await sender.stream(15);
    })();
  }

  /**
   * Has a real client (connecting from `from`, a loopback address) create and join an SFU room, and starts a
   * call in the room's router.
   */
  static async open(harness: Harness, sfu: MediasoupMediaService, from?: string): Promise<LiveCall> {
    const host = await harness.raw(from);
    await host.request('hello', { displayName: 'call-host' });
    const created = await host.request('createRoom', { mode: 'sfu' });
    if (!created.ok) throw new Error(`the call's room was refused: ${created.error.code}`);
    const { roomId } = created.data as { roomId: string };
    expect(await host.request('joinRoom', { roomId })).toMatchObject({ ok: true });
    const router = sfu.roomMedia(roomId)!.router as types.Router;
    const ingest = await router.createPlainTransport({ listenIp: '127.0.0.1', rtcpMux: true, comedia: true });
    const producer = await ingest.produce({
      kind: 'video',
      rtpParameters: {
        codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90_000, rtcpFeedback: FEEDBACK }],
        encodings: [{ ssrc: 0x4242 }],
      },
    });
    const [out, back] = await Promise.all([udpSocket(), udpSocket()]);
    const egress = await router.createPlainTransport({ listenIp: '127.0.0.1', rtcpMux: true, comedia: false });
    await egress.connect({ ip: '127.0.0.1', port: back.address().port });
    const consumer = await egress.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities });
    const sender = new Vp8Sender(out, {
      ssrc: 0x4242,
      payloadType: 101,
      fps: 30,
      packetsPerFrame: 2,
      payloadBytes: 600,
    });
    sender.target.port = ingest.tuple.localPort;
    return new LiveCall([out, back], consumer, sender);
  }

  /** RTP packets the consumer has sent on (from mediasoup's own stats). */
  async packets(): Promise<number> {
    const stats = (await this.consumer.getStats()) as { type: string; packetCount?: number }[];
    return stats.find((s) => s.type === 'outbound-rtp')?.packetCount ?? 0;
  }

  /** Asserts that packets keep flowing: the count rises by at least `atLeast` within a few seconds. */
  async expectFlowing(atLeast = 30): Promise<void> {
    const before = await this.packets();
    await expect.poll(() => this.packets(), { timeout: 5_000, interval: 100 }).toBeGreaterThan(before + atLeast);
  }

  /** Samples the packet count every `everyMs` while `during` runs; resolves with its result and the samples. */
  async sampleDuring<T>(during: Promise<T>, everyMs = 250): Promise<{ result: T; samples: number[] }> {
    const samples: number[] = [];
    let done = false;
    const sampling = (async () => {
      while (!done) {
        samples.push(await this.packets());
        await new Promise((resolve) => setTimeout(resolve, everyMs));
      }
    })();
    try {
      return { result: await during, samples };
    } finally {
      done = true;
      await sampling;
    }
  }

  /** Runs `attack` while sampling; asserts the call never stalled during it and flows after it. */
  async survives<T>(attack: Promise<T>): Promise<T> {
    const { result, samples } = await this.sampleDuring(attack);
    expect(keptRising(samples), `packet counts during the attack: ${samples.join(',')}`).toBe(true);
    await this.expectFlowing();
    return result;
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.streaming;
    for (const socket of this.sockets) socket.close();
  }
}

/**
 * True when every `window` consecutive sample intervals (1 s at the default 250 ms) show progress: the call
 * never stalled that long. An attack over before a second sample proves nothing here; `expectFlowing` after it does.
 */
export function keptRising(samples: readonly number[], window = 4): boolean {
  for (let i = 0; i + window < samples.length; i++) if (samples[i + window]! <= samples[i]!) return false;
  return samples.length < 2 || samples.at(-1)! > samples[0]!;
}

async function udpSocket(): Promise<Socket> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return socket;
}

/**
 * A server on loopback with a real SFU and a call already flowing in it; its host is one more connection and
 * peer, from `from`. Stop the call before the harness.
 */
export async function serverWithCall(
  options: StartServerOptions = {},
  from?: string,
): Promise<{ harness: Harness; call: LiveCall }> {
  const sfu = await startSfu();
  const harness = await Harness.start({ ...options, media: () => sfu });
  const call = await LiveCall.open(harness, sfu, from);
  await call.expectFlowing();
  return { harness, call };
}

// The server runs in the test process, so its memory is this process's (plus the test's). A full collection
// first makes the heap figure what is still held, not what the collector has yet to free.
v8.setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** Heap in use after a full collection, and RSS, in MB. */
export function memoryMb(): { heap: number; rss: number } {
  collect();
  const { heapUsed, rss } = process.memoryUsage();
  return { heap: heapUsed / 1024 / 1024, rss: rss / 1024 / 1024 };
}
