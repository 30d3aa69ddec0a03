/** Camera constraints: the chosen device when there is one, a 720p-class picture either way. */
export function cameraConstraints(deviceId: string | null): MediaTrackConstraints {
  const size = { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } };
  return deviceId ? { ...size, deviceId: { exact: deviceId } } : size;
}

/** Microphone constraints: the chosen device when there is one, with the browser's voice processing on. */
export function microphoneConstraints(deviceId: string | null): MediaTrackConstraints {
  const voice = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
  return deviceId ? { ...voice, deviceId: { exact: deviceId } } : voice;
}

/** Applies the preferred devices to constraints that ask for a device without naming one. */
export function withPreferredDevices(
  constraints: MediaStreamConstraints,
  prefs: { cameraId: string | null; microphoneId: string | null },
): MediaStreamConstraints {
  const video = constraints.video === true ? cameraConstraints(prefs.cameraId) : constraints.video;
  const audio = constraints.audio === true ? microphoneConstraints(prefs.microphoneId) : constraints.audio;
  return { ...constraints, video, audio };
}

/**
 * The largest picture a screen share is captured and sent at. Chromium captures a screen at 1280×720 unless a size
 * is asked for — a 1920×1080 screen's 12 px text then reaches viewers already scaled down by a third — and keeps
 * the source's aspect ratio inside this box (a 2560×1600 screen comes at 1728×1080, a 1280×1024 one as it is).
 * 1080p is the most a shared text page needs and what the "Text and slides" bitrate is sized for.
 */
export const SCREEN_MAX_SIZE = { width: 1920, height: 1080 } as const;

const SCREEN_BOX = { width: { max: SCREEN_MAX_SIZE.width }, height: { max: SCREEN_MAX_SIZE.height } };

/**
 * Screen capture constraints at up to `frameRate` fps, full size within `SCREEN_BOX`. `applyConstraints` replaces
 * every constraint, so changing the frame rate later goes through here too (or the size falls back to 720p).
 */
export function screenVideoConstraints(frameRate: number): MediaTrackConstraints {
  return { ...SCREEN_BOX, frameRate: { ideal: frameRate, max: frameRate } };
}

/**
 * Share audio constraints: the tab's or system's sound as it is (voice processing would treat music or a steady
 * tone as noise and thin it out), minus this page's own playback, so a captured screen's system audio does not send
 * the call's voices back into the room as an echo (`restrictOwnAudio`; browsers without it ignore the key).
 */
export function shareAudioConstraints(): MediaTrackConstraints {
  const raw = { echoCancellation: false, noiseSuppression: false, autoGainControl: false };
  return { ...raw, ...({ restrictOwnAudio: true } as object) };
}
