import type { CaptureSource, LaunchIntent, PickerChoice, PickerRequest, Settings } from './types';

export type { CaptureSource, LaunchIntent, PickerChoice, PickerRequest, Settings };

/** Names of the secrets the bridge keeps encrypted (Electron: safeStorage). */
export type SecretName = 'authToken' | 'turnCredential';

/** Result of storing a secret: expected failures are results, not exceptions. */
export type SecretResult = { ok: true } | { ok: false; reason: 'encryption-unavailable' | 'invalid' };

/**
 * Desktop features as the renderer sees them. Implemented by the Electron preload (IPC to main)
 * and by the browser bridge, so one renderer runs in both.
 */
export interface MoimBridge {
  readonly platform: 'electron' | 'browser';
  getSettings(): Promise<Settings>;
  updateSettings(patch: Partial<Settings>): Promise<Settings>;
  getSecret(name: SecretName): Promise<string | null>;
  setSecret(name: SecretName, value: string): Promise<SecretResult>;
  /** How this window was launched (kiosk, deep link); read once at start-up. */
  getLaunchIntent(): Promise<LaunchIntent>;
  /** Deep links that arrive while the app runs (moim://join/<room>?server=<url>). */
  onJoinLink(listener: (link: { serverUrl: string; roomId: string }) => void, signal?: AbortSignal): void;
  /**
   * Capture a screen or window. Electron: the renderer's getDisplayMedia, answered by main through Moim's
   * picker. Browser: Moim's picker offers screen/window/tab, then the browser's getDisplayMedia.
   * Cancel rejects with a DOMException named NotAllowedError.
   */
  getDisplayMedia(options: { audio: boolean }): Promise<MediaStream>;
  /** The shell asks the renderer to show the picker; the renderer answers with `answerPicker`. */
  onPickerRequest(listener: (request: PickerRequest) => void, signal?: AbortSignal): void;
  answerPicker(choice: PickerChoice): Promise<void>;
  /** Keep the display awake (kiosk) or let it sleep again. */
  keepAwake(on: boolean): Promise<void>;
  /** Open an http(s) link in the system browser. */
  openExternal(url: string): Promise<void>;
}
