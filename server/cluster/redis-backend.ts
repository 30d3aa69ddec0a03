import { Redis } from 'ioredis';
import { roomRecord, type RoomRecord } from '../../common/cluster/messages';
import { lobbyUser, type LobbyUser } from '../../common/protocol';
import { createLogger } from '../log';
import {
  ClusterUnavailableError,
  RECONNECT_BACKOFF_MAX_MS,
  type ClusterBackend,
  type ClusterBus,
  type ClusterDirectory,
} from './cluster-backend';

const log = createLogger('cluster:redis');

/** The sorted set of live servers, each scored by when its heartbeat runs out. */
export const SERVERS_KEY = 'moim:servers';
const roomKey = (roomId: string) => `moim:room:${roomId}`;
const lobbyKey = (server: string) => `moim:lobby:${server}`;

/** Opens one connection; fails at once (no retry) when Redis can't be reached now, then retries with backoff. */
async function open(url: string, name: string): Promise<Redis> {
  let started = false;
  const client = new Redis(url, {
    lazyConnect: true,
    connectionName: name,
    connectTimeout: 3_000,
    retryStrategy: (attempt) => (started ? Math.min(attempt * 100, RECONNECT_BACKOFF_MAX_MS) : null),
  });
  client.on('error', (error: Error) => log.warn('%s | %s', name, error.message));
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw new ClusterUnavailableError(`cannot reach Redis at ${redactUrl(url)}: ${(error as Error).message}`);
  }
  started = true;
  return client;
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}

function parseJson<T>(
  text: string | null,
  schema: { safeParse(v: unknown): { success: boolean; data?: T } },
): T | null {
  if (text === null) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? (parsed.data as T) : null;
  } catch {
    return null;
  }
}

class RedisDirectory implements ClusterDirectory {
  constructor(private readonly redis: Redis) {}

  async heartbeat(server: string, ttlMs: number, rooms: ReadonlyMap<string, RoomRecord>, lobby: LobbyUser[]) {
    const now = Date.now();
    const tx = this.redis
      .multi()
      .zadd(SERVERS_KEY, now + ttlMs, server)
      .zremrangebyscore(SERVERS_KEY, '-inf', now);
    for (const [roomId, record] of rooms) tx.set(roomKey(roomId), JSON.stringify(record), 'PX', ttlMs);
    tx.del(lobbyKey(server));
    if (lobby.length > 0) {
      tx.hset(lobbyKey(server), Object.fromEntries(lobby.map((user) => [user.peerId, JSON.stringify(user)])));
      tx.pexpire(lobbyKey(server), ttlMs);
    }
    await tx.exec();
  }

  async liveServers(): Promise<string[]> {
    return this.redis.zrangebyscore(SERVERS_KEY, Date.now(), '+inf');
  }

  async claimRoom(roomId: string, record: RoomRecord, ttlMs: number): Promise<RoomRecord> {
    const set = await this.redis.set(roomKey(roomId), JSON.stringify(record), 'PX', ttlMs, 'NX');
    if (set === 'OK') return record;
    return (await this.findRoom(roomId)) ?? record;
  }

  async findRoom(roomId: string): Promise<RoomRecord | null> {
    return parseJson(await this.redis.get(roomKey(roomId)), roomRecord);
  }

  async dropRoom(roomId: string, server: string): Promise<void> {
    if ((await this.findRoom(roomId))?.server === server) await this.redis.del(roomKey(roomId));
  }

  async lobby(servers: readonly string[]): Promise<{ server: string; user: LobbyUser }[]> {
    const all: { server: string; user: LobbyUser }[] = [];
    for (const server of servers) {
      for (const text of Object.values(await this.redis.hgetall(lobbyKey(server)))) {
        const user = parseJson(text, lobbyUser);
        if (user) all.push({ server, user });
      }
    }
    return all;
  }
}

class RedisBus implements ClusterBus {
  private readonly handlers = new Map<string, (message: unknown) => void>();

  constructor(
    private readonly pub: Redis,
    private readonly sub: Redis,
  ) {
    sub.on('message', (channel: string, text: string) => {
      const handler = this.handlers.get(channel);
      if (!handler) return;
      try {
        handler(JSON.parse(text));
      } catch (error) {
        log.warn('message | dropped a bad message on %s: %s', channel, (error as Error).message);
      }
    });
  }

  publish(channel: string, message: unknown): void {
    this.pub.publish(channel, JSON.stringify(message)).catch((error: Error) => {
      log.warn('publish() | lost a message on %s: %s', channel, error.message);
    });
  }

  async subscribe(channel: string, handler: (message: unknown) => void): Promise<void> {
    this.handlers.set(channel, handler);
    await this.sub.subscribe(channel);
  }
}

/** Connects to Redis (a command connection and a subscriber); ClusterUnavailableError when it can't now. */
export async function connectRedis(url: string): Promise<ClusterBackend> {
  const redis = await open(url, 'moim-directory');
  const sub = await open(url, 'moim-bus').catch(async (error: unknown) => {
    redis.disconnect();
    throw error;
  });
  const reconnectListeners: (() => void)[] = [];
  let lost = false;
  redis.on('close', () => (lost = true));
  redis.on('ready', () => {
    if (!lost) return;
    lost = false;
    log.warn('connectRedis() | Redis is back [%s]', redactUrl(url));
    for (const listener of reconnectListeners) listener();
  });
  let closed = false;
  return {
    directory: new RedisDirectory(redis),
    bus: new RedisBus(redis, sub),
    onReconnect: (listener) => reconnectListeners.push(listener),
    close: async () => {
      if (closed) return;
      closed = true;
      redis.disconnect();
      sub.disconnect();
    },
  };
}
