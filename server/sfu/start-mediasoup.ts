import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ServerConfig } from '../config';
import { createLogger } from '../log';
import { defaultDataDir } from '../tls/data-dir';
import type { MediaServiceFactory } from './media-service';
import { DEFAULT_SFU_SETTINGS, type SfuSettings } from './media-settings';
import { MediasoupMediaService } from './mediasoup-media-service';
import type { SfuWorker } from './mediasoup-types';
import { UnavailableMediaService } from './unavailable-media-service';
import { openWebRtcServer } from './webrtc-servers';

const log = createLogger('sfu');

/** The SFU settings a server configuration asks for. */
export function sfuSettingsFrom(config: ServerConfig): SfuSettings {
  return {
    ...DEFAULT_SFU_SETTINGS,
    workers: config.workers,
    consumersPerRouter: config.consumersPerRouter,
    rtcMinPort: config.rtcMinPort,
    rtcMaxPort: config.rtcMaxPort,
    listenIp: config.rtcListenIp,
    announcedIp: config.announcedIp,
    recordingDir: path.join(config.dataDir ?? defaultDataDir(), 'recordings'),
  };
}

/**
 * Starts the mediasoup SFU from the installed package and its worker binary. Throws with a clear
 * message when the binary is missing (MEDIASOUP_WORKER_BIN must not be set when the server runs).
 */
export async function startMediasoup(settings: SfuSettings): Promise<MediasoupMediaService> {
  // Loaded lazily so a server without mediasoup installed still runs P2P-only.
  const mediasoup = await import('mediasoup');
  const bin = mediasoup.workerBin;
  if (!existsSync(bin)) {
    const hint = process.env.MEDIASOUP_WORKER_BIN
      ? 'unset MEDIASOUP_WORKER_BIN (it is only for installing)'
      : 'run `node scripts/ensure-mediasoup-worker.mjs`';
    throw new Error(`no mediasoup worker binary at ${bin}; ${hint}`);
  }
  const { rtcMinPort, rtcMaxPort } = settings;
  const spawnWorker = async (): Promise<SfuWorker> => {
    const worker = await mediasoup.createWorker({ logLevel: 'warn', rtcMinPort, rtcMaxPort });
    try {
      await openWebRtcServer(worker, settings);
    } catch (error) {
      worker.close();
      throw error;
    }
    return worker;
  };
  const service = await MediasoupMediaService.start({ settings, spawnWorker });
  log.debug('startMediasoup() | %d workers running [mediasoup:%s]', settings.workers, mediasoup.version);
  return service;
}

/** The CLI's media service: mediasoup when it starts, else one logged line and P2P-only (sfuAvailable false). */
export function mediasoupOrP2pOnly(settings: SfuSettings): MediaServiceFactory {
  return async () => {
    try {
      return await startMediasoup(settings);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      log.error('mediasoup did not start (%s): running P2P-only, sfu and broadcast rooms are unavailable', reason);
      return new UnavailableMediaService();
    }
  };
}
