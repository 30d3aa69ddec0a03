import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Server } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeIssue } from '../common/protocol';
import { pageOrigin } from '../common/server-list';
import { systemClock, type Clock } from './clock';
import { serverConfigSchema, type ServerConfig, type ServerConfigInput } from './config';
import { createDispatcher } from './handlers';
import type { ClusterBackend } from './cluster/cluster-backend';
import { ClusterNode } from './cluster/cluster-node';
import { HttpHandler } from './http/http-handler';
import { StaticFiles } from './http/static-files';
import { createLogger } from './log';
import { Services } from './services';
import type { MediaHost, MediaServiceFactory } from './sfu/media-service';
import { OriginPolicy, ownHostNames } from './signaling/origin-policy';
import { WebSocketGateway } from './signaling/websocket-gateway';
import { resolveServerTls } from './tls/server-tls';

const log = createLogger('server');

/** Options of `startServer`: any config field (validated, defaulted) plus injected parts. */
export interface StartServerOptions extends ServerConfigInput {
  /** Time source for every timeout (ring, idle, grace, rate limits); a fake in tests. */
  clock?: Clock;
  /** Builds the SFU; without it SFU methods answer MEDIA_SERVER_UNAVAILABLE. */
  media?: MediaServiceFactory;
  /** The cluster's directory and bus (`--redis`); closed with the server. Without it the server is on its own. */
  cluster?: ClusterBackend;
}

/** A listening room server. */
export interface RunningServer {
  /** `http(s)://<host>:<port>`: the web client and /healthz. */
  url: string;
  /** `ws(s)://<host>:<port>/ws`: the signaling WebSocket. */
  wsUrl: string;
  /** The certificate when serving HTTPS/WSS, else null. */
  tls: { fingerprint: string; certFile: string; selfSigned: boolean } | null;
  host: string;
  /** The port actually bound (useful with port 0). */
  port: number;
  config: ServerConfig;
  /** Closes every connection (1001), stops every timer and stops listening; safe to call twice. */
  close(): Promise<void>;
}

/** dist/renderer of the checkout this module lives in (source or bundle), found via package.json. */
export function defaultStaticDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve('dist', 'renderer');
    dir = parent;
  }
  return path.join(dir, 'dist', 'renderer');
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Starts the room server: HTTP (web client, /healthz) and signaling WebSocket on one port. */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const { clock = systemClock, media, cluster, ...input } = options;
  const parsed = serverConfigSchema.safeParse(input);
  if (!parsed.success) throw new TypeError(`invalid server options: ${describeIssue(parsed.error)}`);
  const config = parsed.data;
  // First, before anything that would need closing: a bad certificate stops the start.
  const tls = await resolveServerTls(config);
  // The host is bound late: the media service is built before the services it reports to.
  const late: { services?: Services } = {};
  const host: MediaHost = {
    room: (roomId) => late.services?.rooms.get(roomId),
    notify: (peerId, name, data) => late.services?.peers.get(peerId)?.notify(name, data),
  };
  const services = new Services({ config, clock, media: media ? await media(host) : undefined });
  late.services = services;
  const startedAt = clock.now();
  const staticDir = config.staticDir ?? defaultStaticDir();
  if (!existsSync(path.join(staticDir, 'index.html'))) {
    log.warn('startServer() | no web client at %s (build it with `npm run build`)', staticDir);
  }
  const dispatcher = createDispatcher(services);
  const node = cluster
    ? new ClusterNode({ backend: cluster, services, dispatcher, heartbeatMs: config.clusterHeartbeatMs })
    : null;
  const http = tls ? createHttpsServer({ cert: tls.cert, key: tls.key }) : createServer();
  const gateway = new WebSocketGateway({
    httpServer: http,
    originPolicy: new OriginPolicy({
      hosts: ownHostNames(config.host, [...config.allowedHosts, ...(tls?.dnsNames ?? [])]),
      // Pages served by the servers a client may fail over to come here when theirs is gone.
      origins: [...config.allowedOrigins, ...config.failoverServers.map(pageOrigin)],
    }),
    dispatcher,
    clock,
    config,
    onPeerDisconnected: (peer, keepSeat) => services.disconnected(peer, keepSeat),
  });
  const health = () => ({
    service: 'moim-room-server',
    uptimeS: Math.round((clock.now() - startedAt) / 1000),
    connections: gateway.size,
    peers: services.peers.size,
    rooms: services.rooms.size,
    /** Bytes of notifications kept for dropped peers awaiting a resume. */
    queuedBytes: services.outboxBudget.usedBytes,
    sfuAvailable: services.media.available,
  });
  const updateFeed = config.updateFeedDir ? new StaticFiles(config.updateFeedDir, { spaFallback: false }) : undefined;
  const connectTo = config.failoverServers;
  http.on('request', new HttpHandler({ files: new StaticFiles(staticDir), updateFeed, health, connectTo }).handle);

  let closing: Promise<void> | null = null;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      // Recordings end first: ffmpeg finishes a file as soon as its next packet comes, while media still flows.
      await services.media.finishRecordings?.();
      await gateway.close();
      await node?.close();
      await services.close();
      await cluster?.close();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
      log.debug('close() | server closed');
    })());

  try {
    await node?.start();
    await listen(http, config.port, config.host);
  } catch (error) {
    await close();
    throw error;
  }
  const { port } = http.address() as AddressInfo;
  const hostPart = config.host.includes(':') ? `[${config.host}]` : config.host;
  log.debug('startServer() | listening [host:%s, port:%d, tls:%s]', config.host, port, tls !== null);
  return {
    url: `${tls ? 'https' : 'http'}://${hostPart}:${port}`,
    wsUrl: `${tls ? 'wss' : 'ws'}://${hostPart}:${port}/ws`,
    tls: tls && { fingerprint: tls.fingerprint, certFile: tls.certFile, selfSigned: tls.selfSigned },
    host: config.host,
    port,
    config,
    close,
  };
}
