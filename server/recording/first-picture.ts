import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger } from '../log';
import type { SfuTracedConsumer } from '../sfu/mediasoup-types';

const log = createLogger('recording');

/** How often a keyframe is asked for while waiting: a browser ignores a request soon after its last keyframe. */
const KEYFRAME_RETRY_MS = 300;

/** How often the wait looks again whether it is over. */
const POLL_MS = 20;

/** The highest spatial layer a consumer can forward (0 when it has no layers). */
function topSpatialLayer(consumer: SfuTracedConsumer): number {
  const mode = consumer.rtpParameters.encodings?.[0]?.scalabilityMode ?? '';
  return Number(/^[LS](\d+)/.exec(mode)?.[1] ?? 1) - 1;
}

/** Asks for a keyframe every `KEYFRAME_RETRY_MS` until `done()` or `timeoutMs`; true when `done()` came first. */
async function askUntil(video: SfuTracedConsumer, done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let askedAt = 0;
  while (!video.closed && Date.now() < deadline) {
    if (done()) return true;
    if (Date.now() - askedAt >= KEYFRAME_RETRY_MS) {
      askedAt = Date.now();
      video.requestKeyFrame().catch((error: unknown) => log.warn('requestKeyFrame() | %o', error));
    }
    await sleep(POLL_MS);
  }
  return done();
}

/**
 * Resolves once a (resumed) simulcast consumer forwards its producer's top layer, or after `timeoutMs` (that layer
 * may not be sent at all on a thin link). mediasoup starts a consumer on the best layer whose stream it scores
 * well at that moment, which can be a lower one for a while; ffmpeg fixes the file's picture size from the first
 * keyframe it sees, so the recorder waits for the top layer before it starts ffmpeg.
 */
export async function topLayerFlowing(video: SfuTracedConsumer, timeoutMs = 3_000): Promise<void> {
  const top = topSpatialLayer(video);
  const onTop = (): boolean => (video.currentLayers?.spatialLayer ?? (top === 0 ? 0 : -1)) >= top;
  const since = Date.now();
  if (!(await askUntil(video, onTop, timeoutMs))) log.warn('topLayerFlowing() | still on %o', video.currentLayers);
  else log.debug('topLayerFlowing() | on layer %d after %d ms', top, Date.now() - since);
}

/** Asks for keyframes until one has gone out to ffmpeg (traced), or after `timeoutMs`. */
export async function keyFrameSent(video: SfuTracedConsumer, timeoutMs = 6_000): Promise<void> {
  let sent = false;
  const onTrace = (trace: { type: string; direction: string }): void => {
    if (trace.type === 'keyframe' && trace.direction === 'out') sent = true;
  };
  video.on('trace', onTrace);
  await video.enableTraceEvent(['keyframe']);
  if (!(await askUntil(video, () => sent, timeoutMs))) log.warn('keyFrameSent() | no keyframe went out');
  video.off('trace', onTrace);
  if (!video.closed) await video.enableTraceEvent([]).catch(() => undefined);
}
