import type { types } from 'mediasoup';
import { createLogger } from '../log';
import type { SfuSettings } from './media-settings';
import type { SfuWorker } from './mediasoup-types';

const log = createLogger('sfu:webrtc-server');

/** The part of a mediasoup Worker that opens a WebRtcServer. */
export interface WebRtcServerHost {
  createWebRtcServer(options: types.WebRtcServerOptions): Promise<types.WebRtcServer>;
}

const servers = new WeakMap<SfuWorker, types.WebRtcServer>();

/** The WebRtcServer every transport of `worker` shares, if it has one. */
export function webRtcServerOf(worker: SfuWorker): types.WebRtcServer | undefined {
  return servers.get(worker);
}

/**
 * Opens the one UDP+TCP port of a worker: all its WebRtcTransports share it, so the number of calls is not
 * bounded by the size of the port range. Tries the range from a random start, because other servers (and
 * other workers) on this host may already hold some of its ports.
 */
export async function openWebRtcServer(worker: SfuWorker & WebRtcServerHost, settings: SfuSettings): Promise<void> {
  const { rtcMinPort, rtcMaxPort, listenIp, announcedIp } = settings;
  const size = rtcMaxPort - rtcMinPort + 1;
  const start = Math.floor(Math.random() * size);
  const announced = announcedIp ? { announcedIp } : {};
  for (let i = 0; i < Math.min(size, 500); i++) {
    const port = rtcMinPort + ((start + i) % size);
    try {
      const server = await worker.createWebRtcServer({
        listenInfos: [
          { protocol: 'udp', ip: listenIp, port, ...announced },
          { protocol: 'tcp', ip: listenIp, port, ...announced },
        ],
      });
      servers.set(worker, server);
      log.debug('openWebRtcServer() | listening [pid:%d, port:%d]', worker.pid, port);
      return;
    } catch (error) {
      // Port taken (by another process or server): try the next one.
      log.debug('openWebRtcServer() | port %d unavailable: %s', port, (error as Error).message);
    }
  }
  throw new Error(`no free port for the media server between ${rtcMinPort} and ${rtcMaxPort}`);
}
