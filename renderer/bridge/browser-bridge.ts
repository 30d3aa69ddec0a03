import { createLogger } from '../../common/log';
import { parseLaunchUrl } from '../lib/launch';
import { defaultSettings, parseSettings, parseStoredSettings } from '../lib/settings';
import type { MoimBridge, SecretName, SecretResult } from './bridge';
import { screenVideoConstraints, shareAudioConstraints } from '../lib/media-constraints';
import { BROWSER_SOURCES, surfaceOf } from './picker-sources';
import type { LaunchIntent, PickerChoice, PickerRequest, Settings } from './types';

const log = createLogger('ui', 'browser-bridge');

/** Where the browser bridge keeps settings. */
export const SETTINGS_KEY = 'moim.settings.v1';

/** What the browser bridge needs from the page; tests pass fakes. */
export interface BrowserEnv {
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  pageUrl: string;
  locale: string;
  mediaDevices: Pick<MediaDevices, 'getDisplayMedia'>;
  wakeLock: Pick<WakeLock, 'request'> | null;
  document: Pick<Document, 'visibilityState' | 'addEventListener'>;
  open(url: string): void;
}

function pageEnv(): BrowserEnv {
  return {
    storage: window.localStorage,
    pageUrl: window.location.href,
    locale: navigator.language,
    mediaDevices: navigator.mediaDevices,
    wakeLock: 'wakeLock' in navigator ? navigator.wakeLock : null,
    document,
    open: (url) => window.open(url, '_blank', 'noopener,noreferrer'),
  };
}

/**
 * The bridge for a plain browser: settings in localStorage (validated on every read), no secret storage (the
 * browser has nothing to encrypt with, so `setSecret` refuses), Moim's picker in front of the browser's
 * getDisplayMedia, the launch intent from the page URL, and the Screen Wake Lock API for keepAwake.
 * No `kiosk` or `hostRoom`: a tab can neither lock itself nor run a room server, so the browser kiosk
 * (`/?kiosk=1&room=<id>`) has no PIN and is left by closing the tab.
 */
export class BrowserBridge implements MoimBridge {
  readonly platform = 'browser' as const;
  readonly #env: BrowserEnv;
  readonly #defaults: Settings;
  readonly #pickerListeners = new Set<(request: PickerRequest) => void>();
  readonly #pending = new Map<string, (choice: PickerChoice) => void>();
  #wakeLock: WakeLockSentinel | null = null;
  #wantAwake = false;

  constructor(env: BrowserEnv = pageEnv()) {
    this.#env = env;
    this.#defaults = defaultSettings({ pageUrl: env.pageUrl, locale: env.locale });
    env.document.addEventListener('visibilitychange', () => {
      // The browser drops a wake lock whenever the page is hidden; take it again on return.
      if (this.#wantAwake && env.document.visibilityState === 'visible') void this.#acquireWakeLock();
    });
  }

  async getSettings(): Promise<Settings> {
    let json: string | null = null;
    try {
      json = this.#env.storage.getItem(SETTINGS_KEY);
    } catch (error) {
      log.warn('getSettings() | storage unreadable: %o', error);
    }
    return this.#ownServer(parseStoredSettings(json, this.#defaults));
  }

  async updateSettings(patch: Partial<Settings>): Promise<Settings> {
    const current = await this.getSettings();
    const next = this.#ownServer(parseSettings({ ...current, ...patch }, current));
    try {
      this.#env.storage.setItem(SETTINGS_KEY, JSON.stringify(next));
    } catch (error) {
      log.warn('updateSettings() | storage unwritable: %o', error);
    }
    return next;
  }

  /**
   * A page can only reach the server that served it (its CSP allows `connect-src 'self'`), so that server is the
   * address whatever storage or a patch says: no address that can never connect is used or kept.
   */
  #ownServer(settings: Settings): Settings {
    return { ...settings, serverUrl: this.#defaults.serverUrl };
  }

  /** The browser stores no secrets: localStorage is plain text. */
  async getSecret(_name: SecretName): Promise<string | null> {
    return null;
  }

  /** Refused: a browser has no OS keychain to encrypt with, and plain-text secrets in localStorage are not kept. */
  async setSecret(_name: SecretName, _value: string): Promise<SecretResult> {
    return { ok: false, reason: 'encryption-unavailable' };
  }

  async getLaunchIntent(): Promise<LaunchIntent> {
    const settings = await this.getSettings();
    return parseLaunchUrl(this.#env.pageUrl, settings.serverUrl);
  }

  /** A browser page gets join links as its URL at load time (see getLaunchIntent); none arrive later. */
  onJoinLink(
    _listener: (link: { serverUrl: string; roomId: string; presenterKey?: string }) => void,
    _signal?: AbortSignal,
  ): void {}

  async getDisplayMedia(options: { audio: boolean }): Promise<MediaStream> {
    const requestId = crypto.randomUUID();
    const choice = await new Promise<PickerChoice>((resolve) => {
      this.#pending.set(requestId, resolve);
      const sources = BROWSER_SOURCES.map(({ surface: _surface, ...source }) => source);
      const request: PickerRequest = { requestId, sources, audioSupported: options.audio };
      if (this.#pickerListeners.size === 0) {
        this.#pending.delete(requestId);
        resolve({ requestId, sourceId: BROWSER_SOURCES[0]?.id ?? null, shareAudio: options.audio });
        return;
      }
      for (const listener of [...this.#pickerListeners]) listener(request);
    });
    const surface = choice.sourceId === null ? null : surfaceOf(choice.sourceId);
    if (surface === null) throw new DOMException('Screen sharing was cancelled', 'NotAllowedError');
    const audio = options.audio && choice.shareAudio;
    return this.#env.mediaDevices.getDisplayMedia({
      video: { ...screenVideoConstraints(30), displaySurface: surface },
      audio: audio ? shareAudioConstraints() : false,
      // Hints for Chromium's prompt; other browsers ignore what they don't know.
      ...({
        selfBrowserSurface: 'exclude',
        surfaceSwitching: 'include',
        systemAudio: audio ? 'include' : 'exclude',
      } as object),
    });
  }

  onPickerRequest(listener: (request: PickerRequest) => void, signal?: AbortSignal): void {
    if (signal?.aborted) return;
    this.#pickerListeners.add(listener);
    signal?.addEventListener('abort', () => this.#pickerListeners.delete(listener), { once: true });
  }

  async answerPicker(choice: PickerChoice): Promise<void> {
    const resolve = this.#pending.get(choice.requestId);
    this.#pending.delete(choice.requestId);
    resolve?.(choice);
  }

  async keepAwake(on: boolean): Promise<void> {
    this.#wantAwake = on;
    if (on) await this.#acquireWakeLock();
    else {
      const lock = this.#wakeLock;
      this.#wakeLock = null;
      await lock?.release().catch(() => undefined);
    }
  }

  async #acquireWakeLock(): Promise<void> {
    if (!this.#env.wakeLock || (this.#wakeLock && !this.#wakeLock.released)) return;
    try {
      this.#wakeLock = await this.#env.wakeLock.request('screen');
    } catch (error) {
      // Refused (hidden page, battery saver, policy): the display may sleep; nothing else to do in a browser.
      log.warn('keepAwake() | wake lock refused: %o', error);
    }
  }

  async openExternal(url: string): Promise<void> {
    if (/^https?:\/\//i.test(url)) this.#env.open(url);
  }
}
