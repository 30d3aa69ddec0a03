import { serverConfigSchema, type ServerConfigInput } from './config';
import { startServer, type RunningServer } from './server';
import { mediasoupOrP2pOnly, sfuSettingsFrom } from './sfu/start-mediasoup';

/**
 * Starts a room server the way the CLI and the desktop app host one: with the mediasoup SFU when its worker
 * can run (unless `noSfu`), otherwise P2P rooms only.
 */
export function startHostedServer(input: ServerConfigInput = {}): Promise<RunningServer> {
  const config = serverConfigSchema.parse(input);
  const media = config.noSfu ? undefined : mediasoupOrP2pOnly(sfuSettingsFrom(config));
  return startServer({ ...config, media });
}
