// Clustered room servers with real mediasoup SFUs, run inside the test process (so their dumps and routers are
// reachable) and sharing a real redis-server, as `--redis` servers on separate machines would.
import type { ClusterBackend } from '../../server/cluster/cluster-backend';
import { connectRedis } from '../../server/cluster/redis-backend';
import { startServer, type RunningServer } from '../../server/server';
import { DEFAULT_SFU_SETTINGS, type SfuSettings } from '../../server/sfu/media-settings';
import type { MediasoupMediaService } from '../../server/sfu/mediasoup-media-service';
import { startMediasoup } from '../../server/sfu/start-mediasoup';
import { startRedis, type RedisProcess } from '../support/redis-server';
import { ClusterClients, TEST_HEARTBEAT_MS, type ClusterClient } from '../support/test-cluster';

/** One server of the cluster: its RTC port range, its SFU, its Redis connections and the server itself. */
export interface SfuNode {
  server: RunningServer;
  /** Closing it cuts the server off the cluster while it runs on (as a crash looks to the others). */
  backend: ClusterBackend;
  sfu: MediasoupMediaService;
  rtcMinPort: number;
  rtcMaxPort: number;
}

/** Redis and `count` clustered SFU servers on loopback, each with one worker and its own RTC port range. */
export class SfuCluster {
  private readonly clients = new ClusterClients();

  private constructor(
    private readonly redis: RedisProcess,
    readonly nodes: SfuNode[],
  ) {}

  /** `settings` overrides SFU settings of server `index` (workers, consumersPerRouter…). */
  static async start(
    count: number,
    firstPort = 44_000,
    settings: (index: number) => Partial<SfuSettings> = () => ({}),
  ): Promise<SfuCluster> {
    const redis = await startRedis();
    const nodes: SfuNode[] = [];
    for (let i = 0; i < count; i++) {
      const rtcMinPort = firstPort + i * 500;
      const rtcMaxPort = rtcMinPort + 499;
      const sfu = await startMediasoup({ ...DEFAULT_SFU_SETTINGS, workers: 1, rtcMinPort, rtcMaxPort, ...settings(i) });
      const backend = await connectRedis(redis.url);
      const server = await startServer({
        host: '127.0.0.1',
        port: 0,
        media: () => sfu,
        cluster: backend,
        clusterHeartbeatMs: TEST_HEARTBEAT_MS,
      });
      nodes.push({ server, backend, sfu, rtcMinPort, rtcMaxPort });
    }
    return new SfuCluster(redis, nodes);
  }

  /** Where the cluster's Redis listens. */
  get redisUrl(): string {
    return this.redis.url;
  }

  /** Connects to server `index` and says hello. */
  client(index: number, displayName: string): Promise<ClusterClient> {
    return this.clients.connect(this.nodes[index]!.server.wsUrl, displayName);
  }

  /** Closes the clients a test opened. */
  reset(): Promise<void> {
    return this.clients.closeAll();
  }

  async stop(): Promise<void> {
    await this.reset();
    for (const { server } of this.nodes) await server.close();
    await this.redis.stop();
  }
}
