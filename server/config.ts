import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { iceServer } from '../common/protocol';
import { MAX_SERVERS, signalingUrl } from '../common/server-list';

const ms = (max: number) => z.number().int().min(0).max(max);
const rtcPort = z.number().int().min(1024).max(65535);
const HOUR = 3_600_000;
/** `scheme://host[:port]` and nothing more, as a browser sends it in `Origin` (e.g. https://meet.example.org). */
const origin = z
  .string()
  .max(300)
  .regex(/^[a-z][a-z0-9+.-]*:\/\/[^/?#@\s]+$/i, 'expected an origin like https://meet.example.org');
/** A DNS name or IP address as it appears in `Host` (no port); `*.example.org` matches one more label. */
const hostName = z
  .string()
  .max(255)
  .regex(/^(\*\.)?[a-z0-9.:[\]-]+$/i, 'expected a host name like meet.example.org');

/** The shortest auth secret the server accepts: 32 bytes, the size of an HS256 key. */
export const MIN_AUTH_SECRET_BYTES = 32;

/**
 * Everything the room server can be configured with; defaults are the safe choice
 * (loopback only, no ICE servers that would leak calls to a third party).
 */
export const serverConfigSchema = z.strictObject({
  /** Interface to listen on; loopback unless the operator asks for more. */
  host: z.string().min(1).max(255).default('127.0.0.1'),
  /** TCP port; 0 picks a free one. */
  port: z.number().int().min(0).max(65535).default(8480),
  /** Directory of the built web renderer; unset = dist/renderer of this checkout. */
  staticDir: z.string().min(1).optional(),
  /** Directory of desktop-app update files (latest*.yml and installers), served read-only under /updates/. */
  updateFeedDir: z.string().min(1).optional(),
  /** STUN/TURN servers handed to every client in `hello`. */
  iceServers: z.array(iceServer).max(16).default([]),
  /** A device audio session with no heartbeat or signal for this long is ended. */
  sessionIdleMs: ms(24 * HOUR)
    .min(50)
    .default(60_000),
  /** An unanswered call invite ends with 'timeout' after this long. */
  ringTimeoutMs: ms(HOUR).min(50).default(30_000),
  /** Peers (members and viewers) one room holds at most. */
  maxPeersPerRoom: z.number().int().min(2).max(100_000).default(200),
  /** A peer whose connection dropped without a close frame keeps its seat this long to resume. */
  reconnectGraceMs: ms(HOUR).default(10_000),
  /** A created room nobody joins is closed after this long. */
  emptyRoomTtlMs: ms(24 * HOUR)
    .min(1)
    .default(60_000),
  /** Rooms open at once on this server. */
  maxRooms: z.number().int().min(1).default(10_000),
  /** Signaling connections open at once on this server; more are refused with 503. */
  maxConnections: z.number().int().min(1).default(5_000),
  /** Signaling connections open at once from one IP address (generous: offices share one NAT address). */
  maxConnectionsPerIp: z.number().int().min(1).default(200),
  /** A connection that has not sent `hello` this long after opening is closed (1008). */
  helloTimeoutMs: ms(HOUR).min(10).default(10_000),
  /** Requests per second from one IP address across all its connections (a reconnect does not refill it). */
  ipRatePerSecond: z.number().int().min(1).default(1_000),
  /** Requests one IP address may send in a burst across all its connections. */
  ipRateBurst: z.number().int().min(1).default(2_000),
  /** Rooms created and not yet joined that peers from one IP address may hold at once. */
  maxUnjoinedRoomsPerIp: z.number().int().min(1).default(50),
  /** Lobby members from one IP address at once. */
  maxLobbyPerIp: z.number().int().min(1).default(50),
  /** Largest relayed `signal` (its JSON); real SDPs are well under 20 KB, candidates under 1 KB. */
  maxSignalBytes: z.number().int().min(1_024).max(65_536).default(32_768),
  /** Signal bytes one peer may relay to one other peer in a burst. */
  signalBurstBytes: z.number().int().min(1_024).default(262_144),
  /** Signal bytes per second one peer may relay to one other peer, sustained. */
  signalBytesPerSecond: z.number().int().min(1_024).default(65_536),
  /** Signals to a peer with more unsent bytes than this are refused (RATE_LIMITED to the sender). */
  peerBacklogBytes: z.number().int().min(65_536).default(1_048_576),
  /** Bytes of notifications kept for one dropped peer; past it the peer's seat is released early. */
  ghostQueueBytes: z.number().int().min(1_024).default(262_144),
  /** Bytes of notifications kept for all dropped peers together; past it the overflowing peer is released. */
  ghostQueueTotalBytes: z.number().int().min(1_024).default(67_108_864),
  /** WebSocket ping period; a connection that misses one pong is considered lost. */
  pingIntervalMs: ms(HOUR).min(10).default(20_000),
  /** Per-connection token bucket; `strikes` rejected frames in a burst close the connection (1008). */
  rateLimit: z
    .strictObject({
      burst: z.number().int().min(1).default(200),
      perSecond: z.number().positive().default(100),
      strikes: z.number().int().min(1).default(100),
      strikesPerSecond: z.number().positive().default(10),
    })
    .default({ burst: 200, perSecond: 100, strikes: 100, strikesPerSecond: 10 }),
  /** Run without the mediasoup SFU: P2P rooms only, `hello` says sfuAvailable false. */
  noSfu: z.boolean().default(false),
  /** mediasoup worker processes; SFU rooms are spread over them. One per CPU core by default. */
  workers: z
    .number()
    .int()
    .min(1)
    .max(256)
    .default(() => availableParallelism()),
  /**
   * Consumers a room's router carries before new viewers' receive transports go to an edge router on another
   * worker, fed from the origin by pipeToRouter (a fresh receive transport counts as one consumer).
   */
  consumersPerRouter: z.number().int().min(1).max(1_000_000).default(500),
  /** The port range of the SFU's WebRTC transports (UDP and TCP); the CLI checks min ≤ max. */
  rtcMinPort: rtcPort.default(40_000),
  rtcMaxPort: rtcPort.default(49_999),
  /** Interface the SFU's WebRTC transports listen on; loopback unless the operator asks for more. */
  rtcListenIp: z.union([z.ipv4(), z.ipv6()]).default('127.0.0.1'),
  /** Address the SFU puts in its ICE candidates instead of the listen IP (a public IP behind NAT). */
  announcedIp: z.string().min(1).max(255).optional(),
  /**
   * HTTPS/WSS. `auto`: the tlsCert/tlsKey files when given, else a self-signed certificate when listening
   * beyond loopback (browsers on other computers open cameras only on secure pages), else plain http;
   * `self-signed`: always one; `off`: plain http (behind a proxy that terminates TLS).
   */
  tls: z.enum(['auto', 'self-signed', 'off']).default('auto'),
  /**
   * Redis (`redis://[:password@]host:port[/db]`) shared by the room servers of a cluster: a directory of rooms and
   * lobby, and a bus between servers. Unset: this server is on its own, as always.
   */
  redis: z
    .string()
    .max(1_000)
    .regex(/^rediss?:\/\/[^\s]+$/, 'expected a URL like redis://127.0.0.1:6379')
    .optional(),
  /**
   * Signaling addresses of the other servers of this cluster, handed to clients in `hello` as the servers to sign in on
   * when this one stops answering; the web client this server serves may connect to them, and their pages here.
   */
  failoverServers: z
    .array(signalingUrl)
    .max(MAX_SERVERS - 1)
    .default([]),
  /** How often a clustered server refreshes its directory entries; they expire after three missed beats. */
  clusterHeartbeatMs: ms(60_000).min(50).default(2_000),
  /** PEM certificate (with its chain) for HTTPS/WSS; needs tlsKey. */
  tlsCert: z.string().min(1).optional(),
  /** PEM private key of tlsCert. */
  tlsKey: z.string().min(1).optional(),
  /** Where the server keeps what it makes (the self-signed certificate); unset = ~/.local/share/moim. */
  dataDir: z.string().min(1).optional(),
  /** Pages of these origins may open the signaling WebSocket too (the served client and the app always may). */
  allowedOrigins: z.array(origin).max(64).default([]),
  /** Names besides IP addresses, localhost and this computer's name that the server is reached under (`Host`). */
  allowedHosts: z.array(hostName).max(64).default([]),
  /**
   * The HS256 secret of signed join tokens. When set, opening and joining rooms and entering the lobby need a token
   * signed with it; unset, room ids and presenter keys work as they always have. Never from the command line.
   */
  authSecret: z
    .string()
    .refine((secret) => Buffer.byteLength(secret, 'utf8') >= MIN_AUTH_SECRET_BYTES, {
      message: `must be at least ${MIN_AUTH_SECRET_BYTES} bytes`,
    })
    .optional(),
});

/** Validated server configuration. */
export type ServerConfig = z.output<typeof serverConfigSchema>;
/** Server configuration as a caller may give it (everything optional). */
export type ServerConfigInput = z.input<typeof serverConfigSchema>;
