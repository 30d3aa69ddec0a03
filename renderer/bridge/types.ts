/**
 * The renderer's only door to desktop features. Two implementations: the Electron preload (IPC to main)
 * and a browser one (getDisplayMedia, localStorage), so the same renderer runs in Electron, a browser and tests.
 */

/** Persisted user settings (secrets are kept apart, see `MoimBridge.secrets`). */
export interface Settings {
  serverUrl: string;
  displayName: string;
  language: 'ko' | 'en';
  cameraId: string | null;
  microphoneId: string | null;
  speakerId: string | null;
  iceServers: { urls: string | string[]; username?: string }[];
  kiosk: { enabled: boolean; serverUrl: string; roomId: string };
  recentRooms: { roomId: string; serverUrl: string; joinedAt: number }[];
}

/** A screen or window the user may share, as the picker shows it. */
export interface CaptureSource {
  id: string;
  name: string;
  kind: 'screen' | 'window';
  /** PNG data URL of a live thumbnail. */
  thumbnail: string;
  /** PNG data URL of the window's icon, when the platform gives one. */
  icon: string | null;
}

/** A request from the desktop shell to pick what to share (the renderer's getDisplayMedia triggered it). */
export interface PickerRequest {
  requestId: string;
  sources: CaptureSource[];
  /** True where the platform can capture system audio along with the screen. */
  audioSupported: boolean;
}

/** The user's answer to a picker request; null source = cancelled. */
export interface PickerChoice {
  requestId: string;
  sourceId: string | null;
  shareAudio: boolean;
}

/** How the app was launched: kiosk viewer or a deep link to a room. */
export interface LaunchIntent {
  kiosk: { serverUrl: string; roomId: string } | null;
  /** `presenterKey`: the link was a presenter link (the room's key, from its `#key=` fragment). */
  join: { serverUrl: string; roomId: string; presenterKey?: string } | null;
}
