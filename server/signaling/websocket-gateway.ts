import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_FRAME_BYTES } from '../../common/protocol';
import type { Clock } from '../clock';
import type { ServerConfig } from '../config';
import { createLogger } from '../log';
import type { Peer } from '../peers/peer';
import type { Dispatcher } from './dispatcher';
import { IpAccounts, type IpAccount } from './ip-accounts';
import type { OriginPolicy } from './origin-policy';
import { SignalingConnection } from './signaling-connection';

const log = createLogger('gateway');

/** Options for the WebSocket gateway. */
export interface WebSocketGatewayOptions {
  httpServer: HttpServer | HttpsServer;
  dispatcher: Dispatcher;
  /** Which pages and names may connect; checked before the upgrade. */
  originPolicy: Pick<OriginPolicy, 'admit'>;
  clock: Clock;
  config: Pick<
    ServerConfig,
    | 'rateLimit'
    | 'maxConnections'
    | 'pingIntervalMs'
    | 'maxConnectionsPerIp'
    | 'helloTimeoutMs'
    | 'ipRatePerSecond'
    | 'ipRateBurst'
  >;
  onPeerDisconnected(peer: Peer, keepSeat: boolean): void;
}

/**
 * Accepts signaling WebSockets on the HTTP server (any path; clients use `/ws`) from allowed origins and
 * hosts only (else 403), enforces the frame cap (`maxPayload` → ws closes with 1009) and the connection cap,
 * and pings to find dead connections.
 */
export class WebSocketGateway {
  private readonly wss: WebSocketServer;
  private readonly connections = new Map<WebSocket, SignalingConnection>();
  private readonly pinger: NodeJS.Timeout;
  private readonly accounts: IpAccounts;

  constructor(private readonly options: WebSocketGatewayOptions) {
    const { clock, config } = options;
    this.accounts = new IpAccounts({
      clock,
      maxConnections: config.maxConnectionsPerIp,
      ratePerSecond: config.ipRatePerSecond,
      rateBurst: config.ipRateBurst,
    });
    // No compression: it costs CPU per message and invites decompression bombs for little gain on JSON this small.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
    options.httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) =>
      this.upgrade(req, socket, head),
    );
    this.pinger = setInterval(() => {
      for (const connection of this.connections.values()) connection.ping();
    }, options.config.pingIntervalMs);
    this.pinger.unref();
  }

  get size(): number {
    return this.connections.size;
  }

  /** Closes every connection with 1001 and waits (briefly) for them to go. */
  async close(): Promise<void> {
    clearInterval(this.pinger);
    const sockets = [...this.connections.keys()];
    await Promise.all(
      sockets.map(
        (socket) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => socket.terminate(), 1_000);
            socket.once('close', () => {
              clearTimeout(timer);
              resolve();
            });
            socket.close(1001, 'server shutting down');
          }),
      ),
    );
    this.wss.close();
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', (error) => log.debug('upgrade() | socket error: %s', error.message));
    const admission = this.options.originPolicy.admit(req.headers);
    if (!admission.ok) {
      const { origin = '', host = '' } = req.headers;
      log.warn(
        'upgrade() | refused, %s not allowed [origin:%j, host:%j]',
        admission.reason,
        origin.slice(0, 100),
        host.slice(0, 100),
      );
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (this.connections.size >= this.options.config.maxConnections) {
      log.warn('upgrade() | refused, %d connections open', this.connections.size);
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const account = this.accounts.open(req.socket.remoteAddress ?? 'unknown');
    if (!account) {
      log.warn('upgrade() | refused, too many connections from one address');
      socket.end('HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    // The account is given back when the socket goes, whether or not the upgrade completed.
    socket.once('close', () => this.accounts.close(account));
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req, account));
  }

  private accept(socket: WebSocket, req: IncomingMessage, account: IpAccount): void {
    const { dispatcher, clock, config, onPeerDisconnected } = this.options;
    const connection = new SignalingConnection({
      socket,
      dispatcher,
      clock,
      rateLimit: config.rateLimit,
      account,
      helloTimeoutMs: config.helloTimeoutMs,
      onPeerDisconnected,
    });
    this.connections.set(socket, connection);
    socket.on('close', () => this.connections.delete(socket));
    log.debug('accept() | connection open [conn:%s, from:%s]', connection.id, req.socket.remoteAddress);
  }
}
