import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';
import type { ShareControlAction, ShareControlState, ShareReport } from '../common/ipc/share-control';
import { APP_ORIGIN } from './app-origin';
import { sendPush, type PushTarget } from './ipc';
import { logger } from './log';
import { secureWebPreferences, type ContentsLike } from './windows';

const log = logger('share-control');

/** The page the control window shows (a second entry of the renderer build). */
export const SHARE_CONTROL_URL = `${APP_ORIGIN}/share-control.html`;
/** Small: a status and two buttons in one row. */
export const SHARE_CONTROL_SIZE = { width: 360, height: 52 } as const;

/**
 * The control window's options: small, frameless, on top of other apps, out of the taskbar, with the same hardened
 * webPreferences as every Moim window (its own preload exposes only the control channels). It can take focus, so
 * its buttons are reachable from the keyboard, but it is shown without taking it (see `showInactive`).
 */
export function shareControlOptions(opts: {
  preloadPath: string;
  workArea: Rectangle;
}): BrowserWindowConstructorOptions {
  const { width, height } = SHARE_CONTROL_SIZE;
  return {
    show: false,
    title: 'Moim',
    width,
    height,
    // Top centre of the main display, where a presenter looks for "stop sharing".
    x: Math.round(opts.workArea.x + (opts.workArea.width - width) / 2),
    y: opts.workArea.y + 8,
    frame: false,
    resizable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    alwaysOnTop: true,
    focusable: true,
    backgroundColor: '#101418',
    // The window must keep answering while the presenter works in another app.
    webPreferences: { ...secureWebPreferences(opts.preloadPath), backgroundThrottling: false },
  };
}

/** The slice of BrowserWindow the control window needs. */
export interface ControlWindowLike {
  readonly webContents: ContentsLike;
  loadURL(url: string): Promise<void>;
  setAlwaysOnTop(flag: boolean, level: 'screen-saver'): void;
  setContentProtection(enable: boolean): void;
  setVisibleOnAllWorkspaces(visible: boolean, options?: { visibleOnFullScreen?: boolean }): void;
  showInactive(): void;
  hide(): void;
  isDestroyed(): boolean;
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
}

/** What the control window needs from the app. */
export interface ShareControlDeps {
  createWindow(options: BrowserWindowConstructorOptions): ControlWindowLike;
  preloadPath: string;
  /** The work area of the display the window goes on. */
  workArea(): Rectangle;
  /** A kiosk shows a broadcast and never presents: no control window there. */
  isKiosk(): boolean;
  /** The WebContents of a window by id (the sharing window), or null when it is gone. */
  contents(webContentsId: number): PushTarget | null;
}

/** The presenter's control window: shown while a share runs, its buttons acting on that window's share. */
export interface ShareControl {
  /** A window reported its share (validated, from a normal window). */
  report(ownerId: number, share: ShareReport): void;
  /** A button was pressed in the control window. */
  act(action: ShareControlAction): void;
  /** A WebContents went away: if it was sharing, the control window hides. */
  forget(webContentsId: number): void;
  /** 'share-control' for the control window's WebContents id. */
  kindOf(webContentsId: number): 'share-control' | undefined;
}

/** Creates the control window on the first share and keeps it (hidden) for the next. */
export function setupShareControl(deps: ShareControlDeps): ShareControl {
  let win: ControlWindowLike | null = null;
  let contentsId: number | null = null;
  let ready = false;
  let owner: number | null = null;
  let state: ShareControlState | null = null;
  /** The page has loaded and listens: before that a push would be lost, and dom-ready sends the state. */
  let loaded = false;
  const pushState = (target: ControlWindowLike) => {
    if (state && loaded) sendPush(target.webContents, 'shareControlState', state);
  };

  const open = (): ControlWindowLike => {
    if (win && !win.isDestroyed()) return win;
    const created = deps.createWindow(
      shareControlOptions({ preloadPath: deps.preloadPath, workArea: deps.workArea() }),
    );
    // Not in the share itself (Windows and macOS honour it), and above full-screen apps and slideshows.
    created.setContentProtection(true);
    created.setAlwaysOnTop(true, 'screen-saver');
    created.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });
    const id = created.webContents.id;
    // The page subscribes as it loads (its module script runs before DOMContentLoaded): then it gets the state.
    created.webContents.on('dom-ready', () => {
      if (win !== created) return;
      loaded = true;
      pushState(created);
    });
    created.once('ready-to-show', () => {
      ready = true;
      if (owner !== null && win === created) created.showInactive();
    });
    created.on('closed', () => {
      if (win !== created) return;
      win = null;
      contentsId = null;
      ready = false;
      loaded = false;
    });
    created.loadURL(SHARE_CONTROL_URL).catch((error: unknown) => log.error('open() | load failed: %o', error));
    win = created;
    contentsId = id;
    ready = false;
    loaded = false;
    return created;
  };

  const hide = () => {
    owner = null;
    if (win && !win.isDestroyed()) win.hide();
  };

  return {
    report(ownerId, share) {
      if (!share.sharing) {
        if (owner === ownerId) hide();
        return;
      }
      if (deps.isKiosk()) return log.warn('report() | no control window in kiosk mode');
      owner = ownerId;
      state = { paused: share.paused, language: share.language };
      const target = open();
      pushState(target);
      if (ready) target.showInactive();
    },
    act(action) {
      const target = owner === null ? null : deps.contents(owner);
      if (!target || !sendPush(target, 'shareControlAction', { action })) {
        log.warn('act() | %s with no sharing window', action);
        hide();
      }
    },
    forget(webContentsId) {
      if (webContentsId === owner) hide();
    },
    kindOf: (id) => (id === contentsId ? 'share-control' : undefined),
  };
}
