import { stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogger } from '../log';
import type { SfuLayeredConsumer } from '../sfu/mediasoup-types';

const log = createLogger('recording');

/** How often a keyframe is asked for while waiting: a browser ignores a request soon after its last keyframe. */
const KEYFRAME_RETRY_MS = 300;

/** How often a keyframe is asked for while ffmpeg has written nothing yet. */
const FILE_KEYFRAME_RETRY_MS = 1_000;

/** How often the wait looks again whether it is over. */
const POLL_MS = 20;

/** The highest spatial layer a consumer can forward (0 when it has no layers). */
function topSpatialLayer(consumer: SfuLayeredConsumer): number {
  const mode = consumer.rtpParameters.encodings?.[0]?.scalabilityMode ?? '';
  return Number(/^[LS](\d+)/.exec(mode)?.[1] ?? 1) - 1;
}

/**
 * Asks `video` (when there is one) for a keyframe every `retryMs` until `done()` or `timeoutMs`, or until the
 * consumer closed; true when `done()` came first.
 */
async function askUntil(
  video: SfuLayeredConsumer | undefined,
  done: () => boolean | Promise<boolean>,
  timeoutMs: number,
  retryMs = KEYFRAME_RETRY_MS,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let askedAt = 0;
  while (!video?.closed && Date.now() < deadline) {
    if (await done()) return true;
    if (video && Date.now() - askedAt >= retryMs) {
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
export async function topLayerFlowing(video: SfuLayeredConsumer, timeoutMs = 3_000): Promise<void> {
  const top = topSpatialLayer(video);
  const onTop = (): boolean => (video.currentLayers?.spatialLayer ?? (top === 0 ? 0 : -1)) >= top;
  const since = Date.now();
  if (!(await askUntil(video, onTop, timeoutMs))) log.warn('topLayerFlowing() | still on %o', video.currentLayers);
  else log.debug('topLayerFlowing() | on layer %d after %d ms', top, Date.now() - since);
}

/** Size in bytes of `file`, 0 while it does not exist. */
async function sizeOf(file: string): Promise<number> {
  return (await stat(file).catch(() => null))?.size ?? 0;
}

/**
 * Resolves once ffmpeg has begun writing `file`, asking `video` (when there is one) for keyframes meanwhile;
 * rejects after `timeoutMs`. A keyframe that went out is not enough: ffmpeg may not read yet when it passes, or
 * lose one of its many packets on a loaded machine, and without a whole keyframe it never learns the picture
 * size, writes nothing, and a browser sends no keyframe unasked. The file's first bytes are the proof.
 */
export async function fileBegun(
  file: string,
  video: SfuLayeredConsumer | undefined,
  timeoutMs = 10_000,
): Promise<void> {
  const since = Date.now();
  // Every viewer of the stream gets these keyframes too, so they are asked for less often than for a layer switch.
  const begun = await askUntil(video, async () => (await sizeOf(file)) > 0, timeoutMs, FILE_KEYFRAME_RETRY_MS);
  if (!begun) throw new Error(`fileBegun() | ffmpeg wrote nothing in ${timeoutMs} ms`);
  log.debug('fileBegun() | after %d ms', Date.now() - since);
}
