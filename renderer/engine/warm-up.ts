import { methods, notifications } from '../../common/protocol';
import { createLogger } from './log';

const log = createLogger('warm-up');

/** What the warm-up uses of the platform (tests pass fakes). */
export interface WarmUpPlatform {
  RTCPeerConnection?: typeof globalThis.RTCPeerConnection;
}

let warmed = false;

/**
 * Does, once per page and ahead of the first join, the set-up a page pays the first time it uses WebRTC and the
 * protocol's schemas, so the join does not pay it on its critical path: a join profiled on a busy machine spent
 * ~45 ms in its first `new RTCPeerConnection()` (Chromium starts its WebRTC threads then; later ones take ~2 ms),
 * ~10 ms in its first transceiver and ~20 ms building the schemas of its first messages. A connection is made,
 * asked for an offer (codec lists, as mediasoup-client's `Device.load()` will ask) and closed; it never gathers a
 * candidate, so nothing goes on the network.
 */
export function warmUpEngine(platform: WarmUpPlatform = globalThis): void {
  if (warmed) return;
  warmed = true;
  warmSchemas();
  const PeerConnection = platform.RTCPeerConnection;
  if (!PeerConnection) return;
  try {
    const pc = new PeerConnection();
    pc.addTransceiver('audio', { direction: 'recvonly' });
    pc.addTransceiver('video', { direction: 'recvonly' });
    pc.createOffer()
      .catch((error: unknown) => log.debug('warmUpEngine() | offer failed: %o', error))
      .finally(() => pc.close());
  } catch (error) {
    log.debug('warmUpEngine() | no connection: %o', error);
  }
}

/** Runs every response and notification schema once: zod builds a schema's parser on its first parse. */
function warmSchemas(): void {
  for (const method of Object.values(methods)) method.response.safeParse({});
  for (const schema of Object.values(notifications)) schema.safeParse({});
}

/** Forgets that the page is warm (tests). */
export function resetWarmUpForTests(): void {
  warmed = false;
}
