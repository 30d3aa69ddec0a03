import { connectRedis } from './cluster/redis-backend';
import { serverConfigSchema, type ServerConfigInput } from './config';
import { startServer, type RunningServer } from './server';
import { mediasoupOrP2pOnly, sfuSettingsFrom } from './sfu/start-mediasoup';

/**
 * Starts a room server the way the CLI and the desktop app host one: with the mediasoup SFU when its worker
 * can run (unless `noSfu`), otherwise P2P rooms only; with `redis`, as one server of a cluster.
 */
export async function startHostedServer(input: ServerConfigInput = {}): Promise<RunningServer> {
  const config = serverConfigSchema.parse(input);
  const media = config.noSfu ? undefined : mediasoupOrP2pOnly(sfuSettingsFrom(config));
  // With --redis, an unreachable Redis stops the start (ClusterUnavailableError) instead of a server half-clustered.
  const cluster = config.redis === undefined ? undefined : await connectRedis(config.redis);
  try {
    return await startServer({ ...config, media, cluster });
  } catch (error) {
    await cluster?.close();
    throw error;
  }
}
