import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { describeIssue } from '../common/protocol';
import { serverConfigSchema, type ServerConfig, type ServerConfigInput } from './config';
import { tlsSettingsProblem } from './tls/server-tls';

/** A bad flag or environment variable; the CLI prints the message and exits with code 2. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type FlagKind = 'string' | 'path' | 'int' | 'json' | 'boolean' | 'list' | 'secret-file';
type TopKey = Exclude<keyof ServerConfigInput, 'rateLimit'>;

interface Flag {
  key: TopKey;
  kind: FlagKind;
  help: string;
}

/**
 * Every command-line flag; each also reads MOIM_<FLAG_IN_CAPS> from the environment (the flag wins).
 * Adding a setting (the SFU's --rtc-min-port, --announced-ip, --workers…) is one field in
 * `serverConfigSchema` plus one row here.
 */
export const CLI_FLAGS: Record<string, Flag> = {
  host: { key: 'host', kind: 'string', help: 'interface to listen on (default 127.0.0.1; 0.0.0.0 = every interface)' },
  port: { key: 'port', kind: 'int', help: 'TCP port (default 8480; 0 = a free port)' },
  static: { key: 'staticDir', kind: 'path', help: 'directory of the built web client (default dist/renderer)' },
  'update-feed-dir': {
    key: 'updateFeedDir',
    kind: 'path',
    help: 'serve desktop-app updates (latest*.yml, installers) from this directory under /updates/',
  },
  'ice-servers': { key: 'iceServers', kind: 'json', help: 'JSON array of RTCIceServer entries given to clients' },
  'session-idle-ms': { key: 'sessionIdleMs', kind: 'int', help: 'idle limit of device audio sessions (default 60000)' },
  'ring-timeout-ms': { key: 'ringTimeoutMs', kind: 'int', help: 'how long an invite rings (default 30000)' },
  'max-peers-per-room': { key: 'maxPeersPerRoom', kind: 'int', help: 'peers one room holds (default 200)' },
  'reconnect-grace-ms': {
    key: 'reconnectGraceMs',
    kind: 'int',
    help: 'how long a dropped peer keeps its seat to resume (default 10000)',
  },
  'max-rooms': { key: 'maxRooms', kind: 'int', help: 'rooms open at once (default 10000)' },
  'max-connections': { key: 'maxConnections', kind: 'int', help: 'signaling connections at once (default 5000)' },
  'max-connections-per-ip': {
    key: 'maxConnectionsPerIp',
    kind: 'int',
    help: 'signaling connections at once from one IP (default 200)',
  },
  'hello-timeout-ms': { key: 'helloTimeoutMs', kind: 'int', help: 'close a connection without hello (default 10000)' },
  'ip-rate-per-second': { key: 'ipRatePerSecond', kind: 'int', help: 'requests/s from one IP (default 1000)' },
  'ip-rate-burst': { key: 'ipRateBurst', kind: 'int', help: 'request burst from one IP (default 2000)' },
  'max-unjoined-rooms-per-ip': {
    key: 'maxUnjoinedRoomsPerIp',
    kind: 'int',
    help: 'rooms created and not joined, per IP (default 50)',
  },
  'max-lobby-per-ip': { key: 'maxLobbyPerIp', kind: 'int', help: 'lobby members from one IP (default 50)' },
  'max-signal-bytes': { key: 'maxSignalBytes', kind: 'int', help: 'largest relayed signal (default 32768)' },
  'signal-burst-bytes': {
    key: 'signalBurstBytes',
    kind: 'int',
    help: 'signal bytes one peer may send another in a burst (default 262144)',
  },
  'signal-bytes-per-second': {
    key: 'signalBytesPerSecond',
    kind: 'int',
    help: 'signal bytes/s one peer may send another (default 65536)',
  },
  'peer-backlog-bytes': {
    key: 'peerBacklogBytes',
    kind: 'int',
    help: 'unsent bytes to a peer above which signals to it are refused (default 1048576)',
  },
  'ghost-queue-bytes': {
    key: 'ghostQueueBytes',
    kind: 'int',
    help: 'bytes kept for one dropped peer before it is released (default 262144)',
  },
  'ghost-queue-total-bytes': {
    key: 'ghostQueueTotalBytes',
    kind: 'int',
    help: 'bytes kept for all dropped peers together (default 67108864)',
  },
  'no-sfu': { key: 'noSfu', kind: 'boolean', help: 'no mediasoup SFU: P2P rooms only' },
  workers: { key: 'workers', kind: 'int', help: 'mediasoup worker processes (default: one per CPU core)' },
  'consumers-per-router': {
    key: 'consumersPerRouter',
    kind: 'int',
    help: 'consumers on a room router before new viewers go to a router on another worker (default 500)',
  },
  'rtc-min-port': { key: 'rtcMinPort', kind: 'int', help: 'lowest port of SFU WebRTC transports (default 40000)' },
  'rtc-max-port': { key: 'rtcMaxPort', kind: 'int', help: 'highest port of SFU WebRTC transports (default 49999)' },
  'rtc-listen-ip': { key: 'rtcListenIp', kind: 'string', help: 'IP the SFU listens on for media (default 127.0.0.1)' },
  'announced-ip': {
    key: 'announcedIp',
    kind: 'string',
    help: 'IP the SFU announces to clients (public IP behind NAT)',
  },
  redis: {
    key: 'redis',
    kind: 'string',
    help: 'redis://host:port shared by the room servers of a cluster (directory + bus); unset = on its own',
  },
  'failover-servers': {
    key: 'failoverServers',
    kind: 'list',
    help: 'comma-separated ws(s):// addresses of the other cluster servers clients move to when this one is gone',
  },
  'cluster-heartbeat-ms': {
    key: 'clusterHeartbeatMs',
    kind: 'int',
    help: 'how often a clustered server refreshes its Redis entries (default 2000; they expire after 3 beats)',
  },
  tls: {
    key: 'tls',
    kind: 'string',
    help: 'auto (default: certificate files, else self-signed beyond loopback) | self-signed | off',
  },
  'tls-cert': { key: 'tlsCert', kind: 'path', help: 'PEM certificate (chain) file for HTTPS/WSS' },
  'tls-key': { key: 'tlsKey', kind: 'path', help: 'PEM private key file of --tls-cert' },
  'data-dir': { key: 'dataDir', kind: 'path', help: 'where the self-signed certificate is kept (~/.local/share/moim)' },
  'allowed-origins': {
    key: 'allowedOrigins',
    kind: 'list',
    help: 'comma-separated extra origins whose pages may connect (e.g. https://portal.example.org)',
  },
  'allowed-hosts': {
    key: 'allowedHosts',
    kind: 'list',
    help: 'comma-separated names this server is reached under (Host), besides IPs and localhost',
  },
  // The secret itself only ever comes from a file or MOIM_AUTH_SECRET: a command line is visible to `ps`.
  'auth-secret-file': {
    key: 'authSecret',
    kind: 'secret-file',
    help: 'file holding the secret (>= 32 bytes) of signed join tokens; or MOIM_AUTH_SECRET. Turns auth on',
  },
};

/** The environment variable that may hold the auth secret itself (there is no flag for it). */
export const AUTH_SECRET_ENV = 'MOIM_AUTH_SECRET';

/** The environment variable that backs a flag, e.g. `ice-servers` → `MOIM_ICE_SERVERS`. */
export function envName(flag: string): string {
  return `MOIM_${flag.toUpperCase().replace(/-/g, '_')}`;
}

/** The `--help` text. */
export function usage(): string {
  const rows = Object.entries(CLI_FLAGS).map(([name, f]) => `  --${name.padEnd(20)} ${f.help}  [${envName(name)}]`);
  const mint = '       moim-server mint-token --help   (sign a join token for a server with an auth secret)';
  return ['Usage: moim-server [options]', mint, '', ...rows, `  --${'help'.padEnd(20)} show this text`].join('\n');
}

function convert(name: string, flag: Flag, raw: string): unknown {
  switch (flag.kind) {
    case 'string':
      return raw;
    case 'path':
      return path.resolve(raw);
    case 'int':
      // Number('') would be 0 and Number('1e3') a surprise; insist on plain digits.
      if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`--${name}: expected a whole number, got "${raw}"`);
      return Number(raw);
    case 'boolean':
      // A flag given on the command line arrives as 'true'; variables may say 1/0, true/false, yes/no.
      if (/^(1|true|yes)$/i.test(raw.trim())) return true;
      if (/^(0|false|no)$/i.test(raw.trim())) return false;
      throw new ConfigError(`--${name}: expected true or false, got "${raw}"`);
    case 'secret-file':
      return readSecretFile(name, raw);
    case 'list':
      return raw
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');
    case 'json':
      try {
        return JSON.parse(raw);
      } catch {
        throw new ConfigError(`--${name}: not valid JSON`);
      }
  }
}

/** The auth secret from `--auth-secret-file <file>` (else MOIM_AUTH_SECRET_FILE) or MOIM_AUTH_SECRET; never both. */
export function loadAuthSecret(file: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const fromEnv = env[envName('auth-secret-file')];
  const path = file ?? (fromEnv === '' ? undefined : fromEnv);
  return withEnvSecret(path === undefined ? undefined : readSecretFile('auth-secret-file', path), env);
}

function withEnvSecret(fromFile: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const fromEnv = env[AUTH_SECRET_ENV] === '' ? undefined : env[AUTH_SECRET_ENV];
  if (fromFile !== undefined && fromEnv !== undefined) {
    throw new ConfigError(`give the auth secret once: ${AUTH_SECRET_ENV} or --auth-secret-file, not both`);
  }
  return fromFile ?? fromEnv;
}

function readSecretFile(name: string, file: string): string {
  try {
    // One trailing newline is what `echo`/editors add; it is not part of the secret.
    return readFileSync(path.resolve(file), 'utf8').replace(/\r?\n$/, '');
  } catch (error) {
    throw new ConfigError(`--${name}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/**
 * Reads flags and MOIM_* variables into a validated config.
 * Returns null when `--help` was asked for; throws ConfigError on anything invalid.
 */
export function parseCliConfig(argv: readonly string[], env: NodeJS.ProcessEnv): ServerConfig | null {
  const options = Object.fromEntries(
    Object.entries(CLI_FLAGS).map(([name, f]) => [
      name,
      { type: f.kind === 'boolean' ? 'boolean' : 'string' } as const,
    ]),
  );
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  if (values.help) return null;

  const input: Record<string, unknown> = {};
  for (const [name, flag] of Object.entries(CLI_FLAGS)) {
    const fromFlag = values[name];
    const fromEnv = env[envName(name)];
    const given = fromFlag === true ? 'true' : fromFlag;
    const raw = typeof given === 'string' ? given : fromEnv !== undefined && fromEnv !== '' ? fromEnv : undefined;
    if (raw !== undefined) input[flag.key] = convert(name, flag, raw);
  }
  const authSecret = withEnvSecret(input.authSecret as string | undefined, env);
  if (authSecret !== undefined) input.authSecret = authSecret;
  const result = serverConfigSchema.safeParse(input);
  if (!result.success) {
    const key = result.error.issues[0]?.path[0];
    const name = Object.keys(CLI_FLAGS).find((n) => CLI_FLAGS[n]?.key === key);
    const detail = describeIssue(result.error).replace(/^[^:]*: /, '');
    const where = key === 'authSecret' ? `the auth secret (--auth-secret-file or ${AUTH_SECRET_ENV})` : null;
    if (where) throw new ConfigError(`${where}: ${detail}`);
    throw new ConfigError(name ? `--${name} (or ${envName(name)}): ${detail}` : detail);
  }
  if (result.data.rtcMinPort > result.data.rtcMaxPort) {
    throw new ConfigError(`--rtc-max-port (or ${envName('rtc-max-port')}): must not be below --rtc-min-port`);
  }
  const tlsProblem = tlsSettingsProblem(result.data);
  if (tlsProblem) throw new ConfigError(tlsProblem);
  return result.data;
}
