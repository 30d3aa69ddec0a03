// @vitest-environment node
import { EventEmitter } from 'node:events';
import type { BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { hardenWebContents, setupPermissions } from '../../../main/security';
import { setupWindows, visibleBounds, windowOptions, type SavedBounds, type WindowKind } from '../../../main/windows';
import { FakeWindow } from './support/fakes';

const SCREEN = { x: 0, y: 0, width: 1920, height: 1040 };

function setup(saved: SavedBounds | null = null) {
  const created: FakeWindow[] = [];
  let stored = saved;
  const windows = setupWindows({
    createWindow: (options) => {
      const win = new FakeWindow(options);
      created.push(win);
      return win;
    },
    preloadPath: '/app/dist/preload/index.cjs',
    bounds: { get: () => stored, set: (b) => (stored = b) },
    workAreas: () => [SCREEN],
  });
  return { windows, created, stored: () => stored };
}

// Electron's security checklist (https://www.electronjs.org/docs/latest/tutorial/security), item by
// item, against the options the windows module really passes to BrowserWindow. Items checked elsewhere:
// 7 CSP (protocol.test), 14 openExternal (security.test), 16 IPC senders (ipc.test), 17 no file://
// (protocol.test), 18 fuses (electron-builder.test), 19 no Electron APIs exposed (preload/api.test).
describe.each<WindowKind>(['normal', 'kiosk'])('the %s window follows the Electron security checklist', (kind) => {
  const { windows, created } = setup();
  windows.open(kind);
  const win = created[0]!;
  const prefs = win.options.webPreferences!;

  it('1. loads only the app over its own secure scheme (never http or file)', () => {
    expect(win.loadedUrl).toBe('moim-app://app/index.html');
  });
  it('2. does not enable Node.js integration, in the page, workers or subframes', () => {
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });
  it('3. enables context isolation', () => expect(prefs.contextIsolation).toBe(true));
  it('4. enables process sandboxing', () => expect(prefs.sandbox).toBe(true));
  it('6. does not disable webSecurity', () => expect(prefs.webSecurity).toBe(true));
  it('8. does not allow insecure content', () => expect(prefs.allowRunningInsecureContent).toBe(false));
  it('9. does not enable experimental features', () => expect(prefs.experimentalFeatures).toBe(false));
  it('10. does not use enableBlinkFeatures', () => expect(prefs.enableBlinkFeatures).toBeUndefined());
  it('11. does not enable <webview>', () => expect(prefs.webviewTag).toBe(false));
  it('uses the bundled sandboxed preload and nothing else', () =>
    expect(prefs.preload).toBe('/app/dist/preload/index.cjs'));
  it('does not show until the page is ready (no white flash, no half-drawn kiosk)', () => {
    expect(win.options.show).toBe(false);
    win.emit('ready-to-show');
    expect(win.calls).toContain('show');
  });
});

describe('security checklist items enforced outside the window options', () => {
  it('5. permission requests are handled (denied unless ours), 12. navigation and 13. new windows are limited', () => {
    let requestHandler: unknown;
    setupPermissions({
      setPermissionRequestHandler: (h) => (requestHandler = h),
      setPermissionCheckHandler: () => undefined,
    });
    expect(requestHandler).toBeTypeOf('function');
    const contents = Object.assign(new EventEmitter(), {
      handler: undefined as unknown,
      setWindowOpenHandler(h: unknown) {
        this.handler = h;
      },
    });
    hardenWebContents(contents as never, async () => undefined);
    expect(contents.listenerCount('will-navigate')).toBe(1);
    expect(contents.listenerCount('will-redirect')).toBe(1);
    expect(contents.listenerCount('will-attach-webview')).toBe(1);
    expect(contents.handler).toBeTypeOf('function');
  });
});

describe('kiosk window', () => {
  it('is full screen in kiosk mode with no frame and no menu, and keeps playing when hidden', () => {
    const { windows, created } = setup();
    windows.open('kiosk');
    const { options, calls } = created[0]!;
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, frame: false, autoHideMenuBar: true });
    expect(options.webPreferences).toMatchObject({
      backgroundThrottling: false,
      autoplayPolicy: 'no-user-gesture-required',
    });
    expect(calls).toContain('removeMenu');
  });
});

describe('window bounds', () => {
  it('restores remembered bounds that are on a connected display, maximized if it was', () => {
    const { windows, created } = setup({ x: 100, y: 80, width: 1100, height: 700, maximized: true });
    windows.open('normal');
    expect(created[0]!.options).toMatchObject({ x: 100, y: 80, width: 1100, height: 700 });
    expect(created[0]!.maximized).toBe(true);
  });

  it('ignores bounds left on a display that is gone', () => {
    const { windows, created } = setup({ x: 4000, y: 0, width: 1000, height: 700, maximized: false });
    windows.open('normal');
    expect(created[0]!.options).toMatchObject({ width: 1280, height: 800 });
    expect(created[0]!.options.x).toBeUndefined();
  });

  it('remembers the normal window bounds when it closes', () => {
    const { windows, created, stored } = setup();
    windows.open('normal');
    created[0]!.normalBounds = { x: 5, y: 6, width: 900, height: 650 };
    created[0]!.close();
    expect(stored()).toEqual({ x: 5, y: 6, width: 900, height: 650, maximized: false });
  });

  it('visibleBounds wants a usable part of the window on screen', () => {
    expect(visibleBounds({ x: 1900, y: 0, width: 800, height: 600, maximized: false }, [SCREEN])).toBeNull();
    expect(visibleBounds({ x: 1700, y: 0, width: 800, height: 600, maximized: false }, [SCREEN])).not.toBeNull();
  });
});

describe('window registry', () => {
  it('knows which webContents are ours and forgets closed windows; open() focuses an existing one', () => {
    const { windows, created } = setup();
    const normal = windows.open('normal');
    expect(windows.open('normal')).toBe(normal);
    expect(created).toHaveLength(1);
    expect(created[0]!.calls).toContain('focus');
    const id = normal.webContents.id;
    expect(windows.kindOf(id)).toBe('normal');
    expect(windows.kindOf(id + 1000)).toBeUndefined();
    created[0]!.close();
    expect(windows.kindOf(id)).toBeUndefined();
    expect(windows.get('normal')).toBeNull();
  });

  it('windowOptions never drops a hardened preference when bounds are given', () => {
    const options: BrowserWindowConstructorOptions = windowOptions('normal', {
      preloadPath: '/p.cjs',
      bounds: { x: 1, y: 2, width: 900, height: 600 },
    });
    expect(options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
  });
});
