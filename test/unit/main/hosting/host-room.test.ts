// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { setupRoomHost, type RunningServer } from '../../../../main/hosting/host-room';

describe('hosting a room on this computer', () => {
  it('starts the server once, on all interfaces, and gives out this computer’s LAN address', async () => {
    const server: RunningServer = {
      url: 'http://0.0.0.0:8480',
      wsUrl: 'ws://0.0.0.0:8480/ws',
      sfuAvailable: true,
      close: vi.fn(),
    };
    const startServer = vi.fn(async () => server);
    const load = vi.fn(async () => ({ startServer }));
    const addresses = [
      { name: 'wlp2s0', address: '192.168.1.20' },
      { name: 'enp3s0', address: '10.1.2.3' },
    ];
    const host = setupRoomHost({ load, port: 8480, lanAddresses: () => addresses });
    const [a, b] = await Promise.all([host.start(), host.start()]);
    expect(a).toEqual({
      ok: true,
      httpUrl: 'http://192.168.1.20:8480',
      wsUrl: 'ws://192.168.1.20:8480/ws',
      sfu: true,
      addresses,
    });
    expect(b).toEqual(a);
    expect(load).toHaveBeenCalledTimes(1);
    expect(startServer).toHaveBeenCalledWith({ host: '0.0.0.0', port: 8480, tls: 'off' });
  });

  it('without a mediasoup worker the server runs P2P-only and says so', async () => {
    const host = setupRoomHost({
      load: async () => ({ startServer: async () => ({ port: 9000, sfuAvailable: false, close: () => undefined }) }),
    });
    expect(await host.start()).toEqual({
      ok: true,
      httpUrl: 'http://127.0.0.1:9000',
      wsUrl: 'ws://127.0.0.1:9000/ws',
      sfu: false,
      addresses: [],
    });
  });

  it('hosts the real room server in-process, P2P-only without a media service', async () => {
    const host = setupRoomHost({ load: () => import('../../../../server/index'), host: '127.0.0.1', port: 0 });
    const result = await host.start();
    try {
      expect(result).toMatchObject({
        ok: true,
        sfu: false,
        httpUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      });
      if (!result.ok) return;
      const health = (await (await fetch(`${result.httpUrl}/healthz`)).json()) as { service: string };
      expect(health.service).toBe('moim-room-server');
      expect(result.wsUrl).toBe(`${result.httpUrl.replace('http', 'ws')}/ws`);
    } finally {
      await host.stop();
    }
  });

  it('reports unavailable when the server module is missing or has no startServer, and may retry later', async () => {
    const load = vi
      .fn<() => Promise<{ startServer?: never }>>()
      .mockRejectedValueOnce(
        Object.assign(new Error("Cannot find module '/app/dist/server/index.js'"), { code: 'ERR_MODULE_NOT_FOUND' }),
      )
      .mockResolvedValueOnce({});
    const host = setupRoomHost({ load });
    expect(await host.start()).toMatchObject({ ok: false, reason: 'unavailable' });
    expect(await host.start()).toMatchObject({ ok: false, reason: 'unavailable' });
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('reports failed when the server cannot listen', async () => {
    const host = setupRoomHost({
      load: async () => ({ startServer: async () => Promise.reject(new Error('listen EADDRINUSE :::8480')) }),
    });
    expect(await host.start()).toEqual({ ok: false, reason: 'failed', message: 'listen EADDRINUSE :::8480' });
  });

  it('stop() closes the running server, and is safe to call twice', async () => {
    const close = vi.fn();
    const host = setupRoomHost({ load: async () => ({ startServer: async () => ({ port: 1, close }) }) });
    await host.start();
    await host.stop();
    await host.stop();
    expect(close).toHaveBeenCalledTimes(1);
  });
});
