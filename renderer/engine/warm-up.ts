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
 * ~45 ms in its first `new RTCPeerConnection()` (Chromium starts the page's WebRTC threads then; on an idle page the
 * first takes 14-21 ms, later ones ~2 ms) and ~20 ms building the schemas of its first messages. The connection made
 * here is closed at once: it has no transceiver and never gathers a candidate, so nothing goes on the network.
 */
export function warmUpEngine(platform: WarmUpPlatform = globalThis): void {
  if (warmed) return;
  warmed = true;
  warmSchemas();
  const PeerConnection = platform.RTCPeerConnection;
  if (!PeerConnection) return;
  try {
    new PeerConnection().close();
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
