// @vitest-environment node
// Closing media in the right order on a real mediasoup worker: a consumer is closed once, before its
// producer, so the worker never hears about a consumer it already dropped ("Consumer not found" ERROR).
import createDebug from 'debug';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SFU_SETTINGS } from '../../server/sfu/media-settings';
import type { MediasoupMediaService } from '../../server/sfu/mediasoup-media-service';
import { startMediasoup } from '../../server/sfu/start-mediasoup';
import { Harness, type Client } from './harness';
import { camRtp, micRtp } from './sfu-rtp';

let h: Harness;
let sfu: MediasoupMediaService;
let enabledBefore = '';
/** mediasoup's WARN and ERROR lines (its own and the worker's, relayed by its Channel) since the last reset. */
const problems: string[] = [];

beforeAll(async () => {
  enabledBefore = createDebug.disable();
  createDebug.enable('mediasoup:WARN*,mediasoup:ERROR*');
  // mediasoup's loggers are `debug` instances bound to console.warn / console.error: catch their lines there.
  for (const method of ['warn', 'error'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      const line = args.map(String).join(' ');
      if (/mediasoup:(WARN|ERROR)/.test(line)) problems.push(line);
    });
  }
  sfu = await startMediasoup({ ...DEFAULT_SFU_SETTINGS, workers: 1 });
  h = await Harness.start({ media: () => sfu });
});
afterAll(async () => {
  await h.stop();
  vi.restoreAllMocks();
  createDebug.enable(enabledBefore);
});
afterEach(() => h.reset());

/** Ann presents camera and microphone in a room of `mode`; Bob consumes (and resumes) both. */
async function consumedRoom(mode: 'sfu' | 'broadcast') {
  const ann = await h.client('Ann');
  const bob = await h.client('Bob');
  const { roomId, presenterKey } = await ann.request('createRoom', { mode });
  await ann.request('joinRoom', { roomId, role: 'presenter', presenterKey });
  await bob.request('joinRoom', { roomId, role: mode === 'broadcast' ? 'viewer' : 'presenter' });
  const send = (await ann.request('createWebRtcTransport', { direction: 'send' })).transportId;
  const recv = (await bob.request('createWebRtcTransport', { direction: 'recv' })).transportId;
  const { rtpCapabilities } = await bob.request('getRouterRtpCapabilities', {});
  const producerIds: string[] = [];
  for (const [kind, source, rtpParameters] of [
    ['video', 'cam', camRtp('0', 1000)],
    ['audio', 'mic', micRtp('1', 2000)],
  ] as const) {
    const { producerId } = await ann.request('produce', { transportId: send, kind, rtpParameters, source });
    producerIds.push(producerId);
    const { consumerId } = await bob.request('consume', { transportId: recv, producerId, rtpCapabilities });
    await bob.request('resumeConsumer', { consumerId });
  }
  return { roomId, ann, bob, producerIds };
}

/** mediasoup's problems once the worker has answered everything sent before (its channel keeps order). */
async function problemsAfter(roomId: string): Promise<string[]> {
  const consumers = async () => (await sfu.dump()).rooms.find((r) => r.roomId === roomId)?.consumerIds ?? [];
  await expect.poll(consumers).toEqual([]);
  await sfu.dump();
  return problems.splice(0);
}

async function expectConsumersClosed(bob: Client, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await bob.notifications.waitFor('consumerClosed');
}

describe('closing consumers on a real mediasoup worker', () => {
  it('a presenter leaving closes every consumer of theirs once, with no mediasoup WARN or ERROR', async () => {
    problems.splice(0);
    const { roomId, ann, bob } = await consumedRoom('broadcast');
    expect(problems).toEqual([]);
    await ann.request('leaveRoom', {});
    await expectConsumersClosed(bob, 2);
    expect(await problemsAfter(roomId)).toEqual([]);
  });

  it('closeProducer closes its consumers once, with no mediasoup WARN or ERROR', async () => {
    problems.splice(0);
    const { roomId, ann, bob, producerIds } = await consumedRoom('sfu');
    for (const producerId of producerIds) await ann.request('closeProducer', { producerId });
    await expectConsumersClosed(bob, 2);
    expect(await problemsAfter(roomId)).toEqual([]);
  });

  it('a presenter disconnecting closes their consumers once, with no mediasoup WARN or ERROR', async () => {
    problems.splice(0);
    const { roomId, ann, bob } = await consumedRoom('sfu');
    await ann.close();
    await expectConsumersClosed(bob, 2);
    expect(await problemsAfter(roomId)).toEqual([]);
  });
});
