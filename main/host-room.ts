import type { HostRoomResult } from '../common/ipc/contract';
import { logger } from './log';

const log = logger('host-room');

/** What main expects of a started room server; extra fields are ignored. */
export interface RunningServer {
  /** http://host:port: the web client and the signaling endpoint's base. */
  url?: string;
  port?: number;
  /** False when the mediasoup worker is missing and the server runs P2P rooms only. */
  sfuAvailable?: boolean;
  close(): Promise<void> | void;
}

/** The server module's entry point, loaded only when someone hosts a room. */
export type StartServer = (options: { host: string; port: number }) => Promise<RunningServer>;

/** Starts at most one in-process room server and stops it when the app quits. */
export interface RoomHost {
  start(): Promise<HostRoomResult>;
  stop(): Promise<void>;
}

/**
 * Hosts a room server inside the app. The module is imported lazily so the app starts without it, and
 * a machine without the mediasoup worker still hosts P2P rooms (the server decides; we report it).
 */
export function setupRoomHost(deps: {
  load: () => Promise<{ startServer?: StartServer }>;
  /** 0.0.0.0 so people on the LAN can join; the port is fixed so links stay valid across restarts. */
  host?: string;
  port?: number;
}): RoomHost {
  let running: Promise<{ server: RunningServer; result: HostRoomResult & { ok: true } }> | null = null;

  const launch = async () => {
    const mod = await deps.load();
    if (typeof mod.startServer !== 'function') throw new Error('the room server module has no startServer()');
    const port = deps.port ?? 4610;
    const server = await mod.startServer({ host: deps.host ?? '0.0.0.0', port });
    const base = server.url ?? `http://127.0.0.1:${server.port ?? port}`;
    const httpUrl = base.replace(/\/+$/, '');
    const result = { ok: true as const, httpUrl, wsUrl: httpUrl.replace(/^http/, 'ws'), sfu: server.sfuAvailable ?? false };
    log.debug('start() | hosting at %s (sfu: %s)', httpUrl, result.sfu);
    return { server, result };
  };

  return {
    async start() {
      running ??= launch();
      try {
        return (await running).result;
      } catch (error) {
        running = null;
        const message = (error as Error).message.slice(0, 300);
        log.error('start() | %s', message);
        const unavailable = /cannot find|no startServer|ERR_MODULE_NOT_FOUND/i.test(message);
        return { ok: false, reason: unavailable ? 'unavailable' : 'failed', message };
      }
    },
    async stop() {
      const current = running;
      running = null;
      if (!current) return;
      try {
        await (await current).server.close();
      } catch (error) {
        log.warn('stop() | %o', error);
      }
    },
  };
}
