import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';
import { APP_ENTRY_URL } from './app-origin';
import { logger } from './log';

const log = logger('windows');

export type WindowKind = 'normal' | 'kiosk';

/** Window bounds as remembered in config. */
export interface SavedBounds extends Rectangle {
  maximized: boolean;
}

const DEFAULT_SIZE = { width: 1280, height: 800 };
const MIN_SIZE = { minWidth: 800, minHeight: 560 };

/**
 * The webPreferences of every Moim window, after Electron's security checklist: isolated, sandboxed, no Node, web
 * security on, no insecure content, no experimental features, no webview.
 */
export function secureWebPreferences(
  preloadPath: string,
): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
  };
}

/** The constructor options of the app's normal and kiosk windows, with the hardened webPreferences. */
export function windowOptions(
  kind: WindowKind,
  opts: { preloadPath: string; bounds?: Rectangle | null; icon?: string },
): BrowserWindowConstructorOptions {
  const webPreferences = secureWebPreferences(opts.preloadPath);
  if (kind === 'kiosk') {
    return {
      show: false,
      kiosk: true,
      fullscreen: true,
      frame: false,
      autoHideMenuBar: true,
      backgroundColor: '#000000',
      ...(opts.icon ? { icon: opts.icon } : {}),
      // Nobody is there to click "play", and a kiosk hidden behind another window must keep playing.
      webPreferences: { ...webPreferences, autoplayPolicy: 'no-user-gesture-required', backgroundThrottling: false },
    };
  }
  return {
    show: false,
    title: 'Moim',
    ...DEFAULT_SIZE,
    ...MIN_SIZE,
    ...(opts.bounds ?? {}),
    backgroundColor: '#101418',
    ...(opts.icon ? { icon: opts.icon } : {}),
    webPreferences,
  };
}

/** Returns the saved bounds only when a usable part of them is on a connected display. */
export function visibleBounds(saved: SavedBounds | null, workAreas: Rectangle[]): SavedBounds | null {
  if (!saved) return null;
  const onScreen = workAreas.some((area) => {
    const w = Math.min(saved.x + saved.width, area.x + area.width) - Math.max(saved.x, area.x);
    const h = Math.min(saved.y + saved.height, area.y + area.height) - Math.max(saved.y, area.y);
    return w >= 100 && h >= 60;
  });
  return onScreen ? saved : null;
}

/** The parts of a key press `before-input-event` reports. */
export interface KeyInputLike {
  type: string;
  key: string;
  control: boolean;
  shift: boolean;
  alt: boolean;
  meta: boolean;
}

/** The slice of WebContents the main-process modules drive. */
export interface ContentsLike {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  insertCSS(css: string): Promise<string>;
  reload(): void;
  on(event: 'before-input-event', listener: (event: { preventDefault(): void }, input: KeyInputLike) => void): unknown;
  on(event: 'dom-ready' | 'destroyed', listener: () => void): unknown;
  on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string }) => void): unknown;
  on(event: 'did-navigate', listener: () => void): unknown;
  on(
    event: 'did-start-navigation',
    listener: (details: { isMainFrame: boolean; isSameDocument: boolean }) => void,
  ): unknown;
}

/** The slice of BrowserWindow this module drives. */
export interface WindowLike {
  readonly webContents: ContentsLike;
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  /** `close` can be refused with `event.preventDefault()` (the kiosk does without its PIN). */
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  show(): void;
  focus(): void;
  maximize(): void;
  isMaximized(): boolean;
  isMinimized(): boolean;
  restore(): void;
  removeMenu(): void;
  getNormalBounds(): Rectangle;
  isDestroyed(): boolean;
  close(): void;
}

/** What the windows module needs. */
export interface WindowsDeps {
  createWindow(options: BrowserWindowConstructorOptions): WindowLike;
  preloadPath: string;
  icon?: string;
  bounds: { get(): SavedBounds | null; set(bounds: SavedBounds): void };
  workAreas(): Rectangle[];
}

/** The app's windows: at most one normal and one kiosk window. */
export interface WindowManager {
  open(kind: WindowKind): WindowLike;
  get(kind: WindowKind): WindowLike | null;
  /** Which of our windows owns this WebContents id, if any. */
  kindOf(webContentsId: number): WindowKind | undefined;
}

/** Creates windows with the hardened options, remembers the normal window's bounds, tracks ownership. */
export function setupWindows(deps: WindowsDeps): WindowManager {
  const open = new Map<WindowKind, WindowLike>();
  const byContents = new Map<number, WindowKind>();

  const create = (kind: WindowKind): WindowLike => {
    const saved = kind === 'normal' ? visibleBounds(deps.bounds.get(), deps.workAreas()) : null;
    const win = deps.createWindow(
      windowOptions(kind, { preloadPath: deps.preloadPath, bounds: saved, icon: deps.icon }),
    );
    const contentsId = win.webContents.id;
    open.set(kind, win);
    byContents.set(contentsId, kind);
    if (kind === 'kiosk') win.removeMenu();
    if (saved?.maximized) win.maximize();
    win.once('ready-to-show', () => win.show());
    win.on('close', () => {
      if (kind === 'normal') deps.bounds.set({ ...win.getNormalBounds(), maximized: win.isMaximized() });
    });
    win.on('closed', () => {
      open.delete(kind);
      byContents.delete(contentsId);
    });
    win
      .loadURL(APP_ENTRY_URL)
      .catch((error: unknown) => log.error('open() | %s window failed to load: %o', kind, error));
    return win;
  };

  return {
    open(kind) {
      const existing = open.get(kind);
      if (existing && !existing.isDestroyed()) {
        if (existing.isMinimized()) existing.restore();
        existing.focus();
        return existing;
      }
      return create(kind);
    },
    get: (kind) => open.get(kind) ?? null,
    kindOf: (id) => byContents.get(id),
  };
}
