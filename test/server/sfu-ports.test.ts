// @vitest-environment node
// RTC ports are not a per-call resource: every WebRtcTransport of a worker shares the worker's one
// WebRtcServer port, so a handful of peers can't exhaust a small port range for everyone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SFU_SETTINGS } from '../../server/sfu/media-settings';
import { startMediasoup } from '../../server/sfu/start-mediasoup';
import { Harness, type Client } from './harness';

let h: Harness;
const rtcMinPort = 46_000 + Math.floor(Math.random() * 3_000);

beforeAll(async () => {
  const sfu = await startMediasoup({ ...DEFAULT_SFU_SETTINGS, workers: 1, rtcMinPort, rtcMaxPort: rtcMinPort + 3 });
  h = await Harness.start({ media: () => sfu });
});
afterAll(() => h.stop());

describe('SFU ports', () => {
  it('gives 24 transports in a 4-port range one shared port, and the next user still gets one', async () => {
    const clients: Client[] = [];
    for (let i = 0; i < 12; i++) clients.push(await h.client(`p${i}`));
    const { roomId } = await clients[0]!.request('createRoom', { mode: 'sfu' });
    const ports = new Set<number>();
    for (const client of clients) {
      await client.request('joinRoom', { roomId });
      for (const direction of ['send', 'recv'] as const) {
        const transport = await client.request('createWebRtcTransport', { direction });
        for (const candidate of transport.iceCandidates as { port: number }[]) ports.add(candidate.port);
      }
    }
    expect(ports.size).toBe(1);
    const [port] = [...ports];
    expect(port).toBeGreaterThanOrEqual(rtcMinPort);
    expect(port).toBeLessThanOrEqual(rtcMinPort + 3);
    const next = await h.client('next');
    await next.request('joinRoom', { roomId });
    await expect(next.request('createWebRtcTransport', { direction: 'recv' })).resolves.toMatchObject({
      transportId: expect.any(String),
    });
  }, 30_000);
});
