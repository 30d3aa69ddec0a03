import type { Activity, InstallUpdateResult, UpdateStatus } from '../../common/ipc/updates';
import type { HostRoomResult, KioskExitResult, KioskPinResult } from '../../common/ipc/contract';
import type { ShareControlAction, ShareReport } from '../../common/ipc/share-control';
import type {
  CaptureSource,
  LaunchIntent,
  PickerChoice,
  PickerRequest,
  SecretName,
  SecretResult,
  Settings,
} from './types';

export type { CaptureSource, LaunchIntent, PickerChoice, PickerRequest, SecretName, SecretResult, Settings };
export type { HostRoomResult, KioskExitResult, KioskPinResult };

/** Leaving a locked kiosk with a PIN: only a desktop shell can lock a kiosk. */
export interface KioskCapability {
  /** The exit key combination (Ctrl/Cmd+Shift+Q) was pressed in the kiosk: show the PIN prompt. */
  onExitPrompt(listener: () => void, signal?: AbortSignal): void;
  /** Leaves kiosk mode when the PIN is right; the shell then closes the kiosk window itself. */
  exit(pin: string): Promise<KioskExitResult>;
  /** Sets (or with null clears) the exit PIN; refused inside the kiosk. */
  setPin(pin: string | null): Promise<KioskPinResult>;
}

/** Desktop app updates: progress from the shell, "Restart to update", and what the renderer is doing. */
export interface UpdatesCapability {
  onStatus(listener: (status: UpdateStatus) => void, signal?: AbortSignal): void;
  /** Refused during a call. */
  install(): Promise<InstallUpdateResult>;
  /** Tells the shell whether a restart now would cut into a call or a live broadcast. */
  reportActivity(activity: Activity): Promise<void>;
}

/**
 * The desktop shell's small always-on-top share control window: told about our share, its Pause/Resume/Stop come
 * back as actions, so the presenter can stop from any app.
 */
export interface ShareControlCapability {
  /** Our share started, changed or stopped: the shell shows, updates or hides its control window. */
  report(share: ShareReport): Promise<void>;
  /** A button was pressed in the control window. */
  onAction(listener: (action: ShareControlAction) => void, signal?: AbortSignal): void;
}

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
  onJoinLink(
    listener: (link: { serverUrl: string; roomId: string; presenterKey?: string }) => void,
    signal?: AbortSignal,
  ): void;
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
  /** Optional capabilities: present where the platform has them, so the UI shows only what works. */
  readonly kiosk?: KioskCapability;
  readonly updates?: UpdatesCapability;
  readonly shareControl?: ShareControlCapability;
  /** Starts the room server inside the app ('Host a room on this computer'). */
  hostRoom?(): Promise<HostRoomResult>;
}
