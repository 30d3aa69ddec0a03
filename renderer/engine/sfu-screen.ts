import type { Producer } from 'mediasoup-client/types';
import { SCREEN_MAX_SIZE } from '../lib/media-constraints';
import { createLogger } from './log';
import { applyProfileToSender, profileOf, SCREEN_PROFILES } from './screen-profile';
import type { SignalingPort } from './signaling-types';

const log = createLogger('sfu');

/**
 * A screen share goes to the SFU as ONE high layer, not simulcast, on purpose: a second, small layer
 * (480×270) can't show text anyone could read, so a viewer who wants to read must pull the top layer anyway;
 * the presenter's machine, already encoding 1080p, would pay a second encode for a thumbnail; and every
 * layer switch costs a keyframe, the very thing that makes late or returning viewers wait. Moim shows a share
 * large (spotlight), so the small-tile case is rare and costs bandwidth, not readability.
 *
 * The single screen encoding for `track`: scaled down to fit `SCREEN_MAX_SIZE`, with its profile's frame and bit
 * caps.
 */
export function screenEncoding(track: MediaStreamTrack): RTCRtpEncodingParameters {
  const { maxBitrate, maxFramerate } = SCREEN_PROFILES[profileOf(track) ?? 'text'];
  const { width = 0, height = 0 } = track.getSettings?.() ?? {};
  const scale = Math.max(1, width / SCREEN_MAX_SIZE.width, height / SCREEN_MAX_SIZE.height);
  return { scaleResolutionDownBy: scale, maxFramerate, maxBitrate };
}

/** After a screen producer is made: its sender gets the profile's degradation preference (not a produce option). */
export function producerCreated(producer: Producer): void {
  const track = producer.track;
  const profile = track && profileOf(track);
  if (profile && producer.rtpSender) void applyProfileToSender(producer.rtpSender, profile);
}

/**
 * Pauses or resumes a producer on both ends: the client stops sending (replaceTrack(null): no renegotiation,
 * the track stays live for the presenter's preview) and the server stops forwarding and tells every viewer,
 * who keeps the last frame.
 */
export async function setProducerPaused(producer: Producer, signaling: SignalingPort, paused: boolean): Promise<void> {
  if (producer.closed || producer.paused === paused) return;
  if (paused) producer.pause();
  else producer.resume();
  await producer.rtpSender?.replaceTrack(paused ? null : producer.track);
  try {
    await signaling.request(paused ? 'pauseProducer' : 'resumeProducer', { producerId: producer.id });
  } catch (error) {
    log.warn('setProducerPaused() | server refused: %o [producer:%s]', error, producer.id);
    if (paused) producer.resume();
    else producer.pause();
    await producer.rtpSender?.replaceTrack(paused ? producer.track : null).catch(() => undefined);
    throw error;
  }
}
