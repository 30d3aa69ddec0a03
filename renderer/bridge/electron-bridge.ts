import type { HostRoomResult, MoimDesktopApi } from '../../common/ipc/contract';
import { shareControlRequestSchema } from '../../common/ipc/share-control';
import type {
  KioskCapability,
  MoimBridge,
  SecretName,
  SecretResult,
  ShareControlCapability,
  UpdatesCapability,
} from './bridge';
import { screenVideoConstraints, shareAudioConstraints } from '../lib/media-constraints';
import type { LaunchIntent, PickerChoice, PickerRequest, Settings } from './types';

/** How long to wait for main's "picker closed" after getDisplayMedia failed (they travel separate pipes). */
const CLOSE_GRACE_MS = 300;

/** Registers a listener through a preload `on…` method and removes it when `signal` aborts. */
function subscribe<T>(
  register: (listener: (value: T) => void) => () => void,
  listener: (value: T) => void,
  signal?: AbortSignal,
) {
  if (signal?.aborted) return;
  const off = register(listener);
  signal?.addEventListener('abort', off, { once: true });
}

/**
 * MoimBridge over the preload's `window.moimDesktop`. AbortSignals stay on this side of contextBridge
 * (which would copy one into an empty object) and become the preload's unsubscribe calls.
 */
export class ElectronBridge implements MoimBridge {
  readonly platform = 'electron' as const;
  readonly #desktop: MoimDesktopApi;
  readonly #media: Pick<MediaDevices, 'getDisplayMedia'>;
  /** The getDisplayMedia call in flight, and whether its picker was cancelled or closed by main. */
  #capture: { denied: boolean; onDenied?: () => void } | null = null;

  /** The kiosk exit flow over its three channels. */
  readonly kiosk: KioskCapability = {
    onExitPrompt: (listener, signal) => subscribe(this.#desktop.onKioskExitPrompt, () => listener(), signal),
    exit: (pin) => this.#desktop.exitKiosk(pin),
    setPin: (pin) => this.#desktop.setKioskPin(pin),
  };

  /** Update progress and the restart, over their three channels. */
  readonly updates: UpdatesCapability = {
    onStatus: (listener, signal) => subscribe(this.#desktop.onUpdateStatus, listener, signal),
    install: () => this.#desktop.installUpdate(),
    reportActivity: (activity) => this.#desktop.reportActivity(activity),
  };

  /** The control window: our share goes to main, its buttons come back (checked: only known actions pass). */
  readonly shareControl: ShareControlCapability = {
    report: (share) => this.#desktop.reportShare(share),
    onAction: (listener, signal) =>
      subscribe(
        this.#desktop.onShareControlAction,
        (request) => {
          const parsed = shareControlRequestSchema.safeParse(request);
          if (parsed.success) listener(parsed.data.action);
        },
        signal,
      ),
  };

  constructor(desktop: MoimDesktopApi, media: Pick<MediaDevices, 'getDisplayMedia'>) {
    this.#desktop = desktop;
    this.#media = media;
  }

  getSettings(): Promise<Settings> {
    return this.#desktop.getSettings();
  }
  updateSettings(patch: Partial<Settings>): Promise<Settings> {
    return this.#desktop.updateSettings(patch);
  }
  getSecret(name: SecretName): Promise<string | null> {
    return this.#desktop.getSecret(name);
  }
  setSecret(name: SecretName, value: string): Promise<SecretResult> {
    return this.#desktop.setSecret(name, value);
  }
  getLaunchIntent(): Promise<LaunchIntent> {
    return this.#desktop.getLaunchIntent();
  }
  onJoinLink(
    listener: (link: { serverUrl: string; roomId: string; presenterKey?: string }) => void,
    signal?: AbortSignal,
  ): void {
    subscribe(this.#desktop.onJoinLink, listener, signal);
  }

  /**
   * The plain getDisplayMedia: main's display-media handler answers it through Moim's picker. Electron
   * fails a refused request with AbortError; cancelling is reported as NotAllowedError like a browser.
   */
  async getDisplayMedia(options: { audio: boolean }): Promise<MediaStream> {
    const capture: { denied: boolean; onDenied?: () => void } = { denied: false };
    this.#capture = capture;
    const off = this.#desktop.onPickerClosed(() => {
      capture.denied = true;
      capture.onDenied?.();
    });
    try {
      return await this.#media.getDisplayMedia({
        video: screenVideoConstraints(30),
        audio: options.audio ? shareAudioConstraints() : false,
      });
    } catch (error) {
      if ((error as DOMException)?.name !== 'AbortError') throw error;
      if (!capture.denied) {
        await new Promise<void>((resolve) => {
          capture.onDenied = resolve;
          setTimeout(resolve, CLOSE_GRACE_MS);
        });
      }
      if (capture.denied) throw new DOMException('Screen sharing was cancelled', 'NotAllowedError');
      throw error;
    } finally {
      off();
      if (this.#capture === capture) this.#capture = null;
    }
  }

  onPickerRequest(listener: (request: PickerRequest) => void, signal?: AbortSignal): void {
    subscribe(this.#desktop.onPickerRequest, listener, signal);
  }
  answerPicker(choice: PickerChoice): Promise<void> {
    if (choice.sourceId === null && this.#capture) this.#capture.denied = true;
    return this.#desktop.answerPicker(choice);
  }
  keepAwake(on: boolean): Promise<void> {
    return this.#desktop.keepAwake(on);
  }
  openExternal(url: string): Promise<void> {
    return this.#desktop.openExternal(url);
  }

  hostRoom(): Promise<HostRoomResult> {
    return this.#desktop.hostRoom();
  }
}

/** The bridge inside Electron; throws when the preload's object is missing (not running in Moim's shell). */
export function createElectronBridge(
  desktop: MoimDesktopApi | null | undefined = typeof window === 'undefined' ? null : window.moimDesktop,
  media: Pick<MediaDevices, 'getDisplayMedia'> = navigator.mediaDevices,
): ElectronBridge {
  if (!desktop)
    throw new Error('createElectronBridge() | window.moimDesktop is missing: not inside Moim’s Electron shell');
  return new ElectronBridge(desktop, media);
}
