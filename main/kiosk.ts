import type { KioskExitResult, KioskPinResult } from '../common/ipc/contract';
import type { JoinLink } from '../common/ipc/schemas';
import type { Parsed, LaunchOptions } from './cli';
import type { PinHash, StoredConfig } from './config/schema';
import { sendPush } from './ipc';
import { logger } from './log';
import type { AppMenus } from './menu';
import type { Awake } from './power';
import type { KeyInputLike, WindowKind, WindowLike } from './windows';

const log = logger('kiosk');

/** Hides the pointer over everything; inserted by main so no page style can bring it back. */
export const HIDE_CURSOR_CSS = '*, *::before, *::after { cursor: none !important; }';
const MAX_FAILURES = 5;
const LOCKOUT_MS = 60_000;

/**
 * Where the kiosk should point, from the command line first and config second. `--kiosk` without a
 * complete target is an error; an incomplete kiosk config only logs and starts the normal window.
 */
export function resolveKioskTarget(cli: LaunchOptions, config: StoredConfig): Parsed<JoinLink | null> {
  if (cli.kiosk) {
    const serverUrl = cli.server ?? config.kiosk.serverUrl;
    const roomId = cli.room ?? config.kiosk.roomId;
    if (!serverUrl || !roomId)
      return { ok: false, error: '--kiosk needs --server and --room (or both in the kiosk settings)' };
    return { ok: true, value: { serverUrl, roomId } };
  }
  if (!config.kiosk.enabled) return { ok: true, value: null };
  if (!config.kiosk.serverUrl || !config.kiosk.roomId) {
    log.warn('resolve() | kiosk is enabled in config without a server and room; starting normally');
    return { ok: true, value: null };
  }
  return { ok: true, value: { serverUrl: config.kiosk.serverUrl, roomId: config.kiosk.roomId } };
}

/** True for the exit combination: Ctrl+Shift+Q (Cmd+Shift+Q on macOS), key down. */
export function isExitCombo(input: KeyInputLike): boolean {
  return input.type === 'keyDown' && input.shift && (input.control || input.meta) && input.key.toLowerCase() === 'q';
}

/** The kiosk controller the IPC handlers and `main/index.ts` use. */
export interface Kiosk {
  start(target: JoinLink): void;
  target(): JoinLink | null;
  exit(pin: string): Promise<KioskExitResult>;
  setPin(pin: string | null): Promise<KioskPinResult>;
  /** Lets the next quit through without the PIN: the kiosk's own restart into an update. */
  allowQuit(): void;
}

/** What the kiosk needs from the rest of main. */
export interface KioskDeps {
  windows: { open(kind: WindowKind): WindowLike; get(kind: WindowKind): WindowLike | null };
  awake: Awake;
  pin: { get(): PinHash | null; set(hash: PinHash | null): void };
  hash: (pin: string) => Promise<PinHash>;
  verify: (pin: string, stored: PinHash) => Promise<boolean>;
  /** Electron's `app`: quitting (Cmd+Q, the Dock, `app.quit()`) needs the PIN while the kiosk runs. */
  app: { on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown };
  menus: AppMenus;
  now?: () => number;
}

/**
 * Runs the full-screen kiosk window: display kept awake, pointer hidden, no menu, and no way out
 * (closing the window, quitting the app) without the PIN: each attempt shows the PIN prompt instead.
 */
export function setupKiosk(deps: KioskDeps): Kiosk {
  const now = deps.now ?? Date.now;
  let active: JoinLink | null = null;
  /** Set once the right PIN was given: the kiosk window may close now. */
  let leaving = false;
  let failures = 0;
  let lockedUntil = 0;

  const stop = () => {
    active = null;
    deps.awake.release('kiosk');
    deps.menus.normal();
  };
  const refuse = (event: { preventDefault(): void }, what: string) => {
    event.preventDefault();
    log.warn('%s refused without the PIN', what);
    const contents = deps.windows.get('kiosk')?.webContents;
    if (contents) sendPush(contents, 'kioskExitPrompt', {});
  };
  deps.app.on('before-quit', (event) => {
    if (active && !leaving) refuse(event, 'quit');
  });

  return {
    start(target) {
      active = target;
      leaving = false;
      deps.awake.hold('kiosk');
      deps.menus.kiosk();
      const win = deps.windows.open('kiosk');
      // Alt+F4, the window manager's close button, Cmd+W: all end here.
      win.on('close', (event) => {
        if (active && !leaving) refuse(event, 'closing the kiosk window');
      });
      const contents = win.webContents;
      contents.on('dom-ready', () => void contents.insertCSS(HIDE_CURSOR_CSS).catch(() => undefined));
      contents.on('before-input-event', (event, input) => {
        if (!isExitCombo(input)) return;
        event.preventDefault();
        sendPush(contents, 'kioskExitPrompt', {});
      });
      // A kiosk has nobody to press reload: bring a crashed renderer back by itself.
      contents.on('render-process-gone', (_event, details) => {
        log.error('renderer gone (%s); reloading', details.reason);
        if (!win.isDestroyed()) contents.reload();
      });
      win.on('closed', stop);
    },
    target: () => active,
    async exit(pin) {
      if (!active) return { ok: false, reason: 'not-kiosk' };
      const stored = deps.pin.get();
      if (!stored) return { ok: false, reason: 'no-pin-configured' };
      if (now() < lockedUntil) return { ok: false, reason: 'locked-out' };
      if (!(await deps.verify(pin, stored))) {
        failures += 1;
        if (failures >= MAX_FAILURES) {
          failures = 0;
          lockedUntil = now() + LOCKOUT_MS;
        }
        log.warn('exit() | wrong PIN');
        return { ok: false, reason: 'wrong-pin' };
      }
      failures = 0;
      const kioskWindow = deps.windows.get('kiosk');
      leaving = true;
      stop();
      // Open the normal window first: closing the last window would quit the app.
      deps.windows.open('normal');
      kioskWindow?.close();
      log.debug('exit() | left kiosk mode');
      return { ok: true };
    },
    allowQuit() {
      leaving = true;
    },
    async setPin(pin) {
      // A kiosk screen must not be able to change its own way out.
      if (active) return { ok: false, reason: 'kiosk-active' };
      deps.pin.set(pin === null ? null : await deps.hash(pin));
      return { ok: true };
    },
  };
}
