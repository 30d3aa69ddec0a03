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
 * Share audio constraints: the tab's or system's sound as it is (voice processing would treat music or a steady
 * tone as noise and thin it out), minus this page's own playback, so a captured screen's system audio does not send
 * the call's voices back into the room as an echo (`restrictOwnAudio`; browsers without it ignore the key).
 */
export function shareAudioConstraints(): MediaTrackConstraints {
  const raw = { echoCancellation: false, noiseSuppression: false, autoGainControl: false };
  return { ...raw, ...({ restrictOwnAudio: true } as object) };
}
