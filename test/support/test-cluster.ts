// A real Redis and several real room-server processes (the built CLI) on loopback, clustered with --redis.
import { Redis } from 'ioredis';
import { SERVERS_KEY } from '../../server/cluster/redis-backend';
import { startRedis, type RedisProcess } from './redis-server';
import { startRoomServer, type RoomServerProcess } from './room-server';
import { ensureServerBundle } from './server-bundle';
import { connectSignaling, type SignalingClient } from './ws-client';

/**
 * Heartbeat of the test clusters: entries of a dead server expire after three (1.2 s). Not shorter: a test machine
 * busy with browsers can stall a server's event loop for half a second, and at 200 ms that read as a death.
 */
export const TEST_HEARTBEAT_MS = 400;

/** A signed-in client of one server of the cluster. */
export interface ClusterClient extends SignalingClient {
  peerId: string;
}

/** The signaling clients a test opened on cluster servers, signed in and closed together. */
export class ClusterClients {
  private readonly open: SignalingClient[] = [];

  /** Connects to `wsUrl` and says hello as `displayName`. */
  async connect(wsUrl: string, displayName: string): Promise<ClusterClient> {
    const client = await connectSignaling(wsUrl);
    this.open.push(client);
    const { peerId } = await client.request('hello', { displayName });
    return Object.assign(client, { peerId });
  }

  /** Closes every client opened so far. */
  async closeAll(): Promise<void> {
    await Promise.all(this.open.splice(0).map((c) => c.close()));
  }
}

/** Redis plus `count` room servers sharing it; everything is stopped by `stop`. */
export class TestCluster {
  private readonly clients = new ClusterClients();

  private constructor(
    private redis: RedisProcess,
    readonly servers: RoomServerProcess[],
  ) {}

  /**
   * Kills Redis as a crash would, runs `meanwhile`, then starts a fresh (empty) Redis on the same port and resolves
   * once every server has found it and re-registered, so what comes next starts from a whole cluster again.
   */
  async withoutRedis(meanwhile: () => Promise<void>): Promise<void> {
    await this.redis.stop();
    try {
      await meanwhile();
    } finally {
      this.redis = await startRedis(this.redis.port);
    }
    await this.allRegistered();
  }

  /** Waits (at most 10 s) until every server's heartbeat is in the directory. */
  private async allRegistered(): Promise<void> {
    const redis = new Redis(this.redis.url);
    try {
      const until = Date.now() + 10_000;
      while ((await redis.zcount(SERVERS_KEY, Date.now(), '+inf')) < this.servers.length) {
        if (Date.now() > until) throw new Error('the servers did not re-register with the restarted Redis in 10 s');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      redis.disconnect();
    }
  }

  /**
   * `extraArgs` are every server's further flags, or a function of the server's index giving them; `ports`, when
   * given, the servers' ports (known before they start, so each can be told the others' addresses).
   */
  static async start(
    count: number,
    extraArgs: string[] | ((index: number) => string[]) = ['--no-sfu'],
    ports: readonly number[] = [],
  ): Promise<TestCluster> {
    ensureServerBundle();
    const redis = await startRedis();
    const servers: RoomServerProcess[] = [];
    const argsOf = typeof extraArgs === 'function' ? extraArgs : () => extraArgs;
    try {
      for (let i = 0; i < count; i++)
        servers.push(await startRoomServer(TestCluster.args(redis, argsOf(i)), {}, ports[i] ?? 0));
    } catch (error) {
      await Promise.all(servers.map((s) => s.stop()));
      await redis.stop();
      throw error;
    }
    return new TestCluster(redis, servers);
  }

  /** The flags that put a server into this cluster. */
  static args(redis: RedisProcess, extraArgs: string[] = []): string[] {
    return ['--redis', redis.url, '--cluster-heartbeat-ms', String(TEST_HEARTBEAT_MS), ...extraArgs];
  }

  /** Connects to server `index` and says hello. */
  client(index: number, displayName: string): Promise<ClusterClient> {
    return this.clients.connect(`${this.servers[index]!.wsUrl}/ws`, displayName);
  }

  /** Closes the clients a test opened. */
  reset(): Promise<void> {
    return this.clients.closeAll();
  }

  async stop(): Promise<void> {
    await this.reset();
    await Promise.all(this.servers.map((s) => s.stop()));
    await this.redis.stop();
  }
}
