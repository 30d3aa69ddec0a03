import type { Device } from 'mediasoup-client';
import type { ProducerOptions, RtpEncodingParameters } from 'mediasoup-client/types';
import type { PublishKind } from '../../common/protocol';
import { screenEncoding } from './sfu-screen';

/**
 * Camera simulcast: three VP8 layers at a quarter, half and full size (320/640/1280 wide for the 720p
 * camera Moim asks for), each with three temporal layers so the SFU can also drop frame rate.
 */
export const CAMERA_ENCODINGS: RtpEncodingParameters[] = [
  { scaleResolutionDownBy: 4, maxBitrate: 150_000, scalabilityMode: 'L1T3' },
  { scaleResolutionDownBy: 2, maxBitrate: 500_000, scalabilityMode: 'L1T3' },
  { scaleResolutionDownBy: 1, maxBitrate: 1_500_000, scalabilityMode: 'L1T3' },
];

/** Width of the top camera layer the receive side plans with (Moim's camera constraint asks for 1280×720). */
export const CAMERA_TOP_WIDTH = 1280;

/**
 * How one local track of `source` is produced: camera as 3-layer VP8 simulcast, screen as one VP8 layer
 * (its profile's caps, scaled down to fit 1920×1080: see sfu-screen.ts), audio as Opus with DTX and in-band FEC.
 * Tracks stay the engine's: a producer never stops them.
 */
export function produceOptions(
  source: PublishKind,
  track: MediaStreamTrack,
  device: Pick<Device, 'sendRtpCapabilities'>,
): ProducerOptions {
  const base: ProducerOptions = { track, stopTracks: false, appData: { source } };
  if (track.kind === 'audio') return { ...base, codecOptions: { opusDtx: true, opusFec: true } };
  const codec = device.sendRtpCapabilities.codecs?.find((c) => c.mimeType.toLowerCase() === 'video/vp8');
  if (source === 'cam') {
    return {
      ...base,
      codec,
      encodings: CAMERA_ENCODINGS.map((e) => ({ ...e })),
      codecOptions: { videoGoogleStartBitrate: 1000 },
    };
  }
  return {
    ...base,
    codec,
    encodings: [screenEncoding(track)],
    codecOptions: { videoGoogleStartBitrate: 1000 },
    // Pausing must neither black out the presenter's preview nor renegotiate (zeroRtpOnPause would set the
    // transceiver inactive: two offers per pause); sfu-screen.ts detaches the track from the sender instead.
    disableTrackOnPause: false,
    zeroRtpOnPause: false,
  };
}

/**
 * The spatial layer that fits a view `width` device pixels wide, out of `layers` layers whose top one is
 * `topWidth` wide and each lower one half as wide: the smallest layer at least as wide as the view.
 */
export function spatialLayerFor(width: number, layers: number, topWidth = CAMERA_TOP_WIDTH): number {
  if (layers <= 1) return 0;
  for (let layer = 0; layer < layers - 1; layer++) {
    if (topWidth / 2 ** (layers - 1 - layer) >= width) return layer;
  }
  return layers - 1;
}
