import type { HostRoomResult, LanAddress } from '../../common/ipc/contract';
import { logger } from '../log';

const log = logger('host-room');

/** What main expects of a started room server; extra fields are ignored. */
export interface RunningServer {
  /** http://host:port: the web client. */
  url?: string;
  /** ws://host:port/ws: the signaling endpoint. */
  wsUrl?: string;
  port?: number;
  /** False when the mediasoup worker is missing and the server runs P2P rooms only. */
  sfuAvailable?: boolean;
  close(): Promise<void> | void;
}

/** The server module's entry point, loaded only when someone hosts a room. */
export type StartServer = (options: { host: string; port: number; tls: 'off' }) => Promise<RunningServer>;

/** Starts at most one in-process room server and stops it when the app quits. */
export interface RoomHost {
  start(): Promise<HostRoomResult>;
  stop(): Promise<void>;
}

/** Asks the server's /healthz whether its SFU runs (false when the mediasoup worker is missing). */
async function sfuFromHealth(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2_000) });
    return ((await response.json()) as { sfuAvailable?: unknown }).sfuAvailable === true;
  } catch {
    return false;
  }
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
  /** This computer's LAN addresses, best first, for links others can open; none when offline. */
  lanAddresses?: () => LanAddress[];
}): RoomHost {
  let running: Promise<{ server: RunningServer; result: HostRoomResult & { ok: true } }> | null = null;

  const launch = async () => {
    const mod = await deps.load();
    if (typeof mod.startServer !== 'function') throw new Error('the room server module has no startServer()');
    const host = deps.host ?? '0.0.0.0';
    const port = deps.port ?? 8480;
    // Plain http, as before the server learned TLS: on 0.0.0.0 it would make a self-signed certificate,
    // which this app's own window refuses (main trusts no certificate of its own yet; server/README.md).
    const server = await mod.startServer({ host, port, tls: 'off' });
    // A wildcard bind is no address to give out: name this computer as others on the LAN reach it.
    const addresses = host === '0.0.0.0' ? (deps.lanAddresses?.() ?? []) : [];
    const reachable = host === '0.0.0.0' ? (addresses[0]?.address ?? '127.0.0.1') : null;
    const rewrite = (url: string) => (reachable ? url.replace('//0.0.0.0', `//${reachable}`) : url);
    const httpUrl = rewrite(server.url ?? `http://127.0.0.1:${server.port ?? port}`).replace(/\/+$/, '');
    const wsUrl = rewrite(server.wsUrl ?? `${httpUrl.replace(/^http/, 'ws')}/ws`);
    const sfu = server.sfuAvailable ?? (await sfuFromHealth(server.port ?? port));
    // The renderer lets the user swap the first address for another of `addresses` in the links it shows.
    const result = { ok: true as const, httpUrl, wsUrl, sfu, addresses };
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
