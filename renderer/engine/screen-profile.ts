import { screenVideoConstraints } from '../lib/media-constraints';
import { createLogger } from './log';

const log = createLogger('engine:screen');

/** How a screen share is encoded: sharp text and slides, or smooth motion and video. */
export type ScreenProfile = 'text' | 'motion';

/** What a profile sets on the track and on every sender of it. */
export interface ScreenProfileParams {
  contentHint: 'detail' | 'text' | 'motion';
  degradationPreference: RTCDegradationPreference;
  /** Bits per second the single screen encoding may use. */
  maxBitrate: number;
  maxFramerate: number;
}

/**
 * Text: 'detail' so the encoder spends bits on edges, 'maintain-resolution' so a thin link drops frames rather
 * than pixels, 15 fps (slides and scrolling code need no more, and fewer frames leave more bits per frame) and
 * 3 Mbit/s, which holds a 1920×1080 page of 12 px text at SSIM ≥ 0.95 with VP8. Motion: 'motion',
 * 'maintain-framerate', up to 60 fps where the capture gives it, and twice the bits since every frame changes.
 */
export const SCREEN_PROFILES: Readonly<Record<ScreenProfile, ScreenProfileParams>> = {
  text: {
    contentHint: 'detail',
    degradationPreference: 'maintain-resolution',
    maxBitrate: 3_000_000,
    maxFramerate: 15,
  },
  motion: {
    contentHint: 'motion',
    degradationPreference: 'maintain-framerate',
    maxBitrate: 6_000_000,
    maxFramerate: 60,
  },
};

/** What the capture tells about its source (`MediaTrackSettings.displaySurface`), plus what the user said. */
export interface ScreenSource {
  displaySurface?: string;
  /** The user shares a tab that plays video (e.g. picked "Motion" before, or a video site's tab). */
  playsVideo?: boolean;
}

/**
 * The profile a new share starts with: a screen or a window is almost always slides, documents or code, so
 * text; a browser tab is text too unless it is known to play video. The sharing bar's toggle overrides it.
 */
export function chooseScreenProfile(source: ScreenSource): ScreenProfile {
  return source.displaySurface === 'browser' && source.playsVideo === true ? 'motion' : 'text';
}

/** The profile each screen track is sent with: senders made later (a peer joining) read it from here. */
const profiles = new WeakMap<MediaStreamTrack, ScreenProfile>();

/** The profile `track` is sent with, if it is a screen track. */
export function profileOf(track: MediaStreamTrack): ScreenProfile | undefined {
  return profiles.get(track);
}

/**
 * Marks `track` as a screen track sent with `profile`: sets its contentHint (the encoder reads it at once) and
 * asks the capture for up to 60 fps (motion) or 30, at full size either way. Senders are updated with `applyProfileToSender`.
 */
export function setTrackProfile(track: MediaStreamTrack, profile: ScreenProfile): void {
  const params = SCREEN_PROFILES[profile];
  profiles.set(track, profile);
  track.contentHint = params.contentHint;
  // The whole set again: constraints given without the size would drop the capture to Chromium's 720p default.
  const constraints = screenVideoConstraints(profile === 'motion' ? params.maxFramerate : 30);
  track.applyConstraints?.(constraints).catch((error: unknown) => log.debug('applyConstraints() | %o', error));
}

/**
 * Sets the profile's degradation preference, bitrate ceiling and frame-rate cap on `sender` with
 * `setParameters`: no renegotiation, the encoder changes course on its next frame. Layers other than the
 * top one (SFU simulcast, if any) keep their own caps. Resolves false when the sender refused.
 */
export async function applyProfileToSender(sender: RTCRtpSender, profile: ScreenProfile): Promise<boolean> {
  const params = SCREEN_PROFILES[profile];
  const parameters = sender.getParameters();
  parameters.degradationPreference = params.degradationPreference;
  const top = parameters.encodings?.[parameters.encodings.length - 1];
  if (top) {
    top.maxBitrate = params.maxBitrate;
    top.maxFramerate = params.maxFramerate;
  }
  try {
    await sender.setParameters(parameters);
    return true;
  } catch (error) {
    log.warn('applyProfileToSender() | setParameters refused: %o', error);
    return false;
  }
}
