// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { setupRoomHost, type RunningServer } from '../../../main/host-room';

describe('hosting a room on this computer', () => {
  it('starts the server once, on all interfaces, and reports its URLs and whether the SFU runs', async () => {
    const server: RunningServer = { url: 'http://0.0.0.0:8480/', sfuAvailable: true, close: vi.fn() };
    const startServer = vi.fn(async () => server);
    const load = vi.fn(async () => ({ startServer }));
    const host = setupRoomHost({ load, port: 8480 });
    const [a, b] = await Promise.all([host.start(), host.start()]);
    expect(a).toEqual({ ok: true, httpUrl: 'http://0.0.0.0:8480', wsUrl: 'ws://0.0.0.0:8480', sfu: true });
    expect(b).toEqual(a);
    expect(load).toHaveBeenCalledTimes(1);
    expect(startServer).toHaveBeenCalledWith({ host: '0.0.0.0', port: 8480 });
  });

  it('without a mediasoup worker the server runs P2P-only and says so', async () => {
    const host = setupRoomHost({ load: async () => ({ startServer: async () => ({ port: 9000, sfuAvailable: false, close: () => undefined }) }) });
    expect(await host.start()).toEqual({ ok: true, httpUrl: 'http://127.0.0.1:9000', wsUrl: 'ws://127.0.0.1:9000', sfu: false });
  });

  it('reports unavailable when the server module is missing or has no startServer, and may retry later', async () => {
    const load = vi
      .fn<() => Promise<{ startServer?: never }>>()
      .mockRejectedValueOnce(Object.assign(new Error("Cannot find module '/app/dist/server/index.js'"), { code: 'ERR_MODULE_NOT_FOUND' }))
      .mockResolvedValueOnce({});
    const host = setupRoomHost({ load });
    expect(await host.start()).toMatchObject({ ok: false, reason: 'unavailable' });
    expect(await host.start()).toMatchObject({ ok: false, reason: 'unavailable' });
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('reports failed when the server cannot listen', async () => {
    const host = setupRoomHost({ load: async () => ({ startServer: async () => Promise.reject(new Error('listen EADDRINUSE :::8480')) }) });
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
