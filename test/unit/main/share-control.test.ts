// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { channelId } from '../../../common/ipc/contract';
import type { ShareReport } from '../../../common/ipc/share-control';
import { setupIpc, type InvokeEventLike, type InvokeHandlers } from '../../../main/ipc';
import { createHandlers, type HandlerDeps } from '../../../main/handlers';
import { setupShareControl, SHARE_CONTROL_URL } from '../../../main/share-control';
import { FakeContents, FakeWindow } from './support/fakes';

const WORK_AREA = { x: 0, y: 0, width: 1920, height: 1040 };
const sharing: ShareReport = { sharing: true, paused: false, language: 'en' };
const stopped: ShareReport = { sharing: false, paused: false, language: 'en' };

function setup(opts: { kiosk?: boolean } = {}) {
  const created: FakeWindow[] = [];
  const main = new FakeContents();
  const control = setupShareControl({
    createWindow: (options) => {
      const win = new FakeWindow(options);
      created.push(win);
      return win;
    },
    preloadPath: '/app/dist/preload/share-control.cjs',
    workArea: () => WORK_AREA,
    isKiosk: () => opts.kiosk === true,
    contents: (id) => (id === main.id && !main.destroyed ? main : null),
  });
  /** The window as Electron would bring it up: page loaded (dom-ready), first paint (ready-to-show). */
  const load = (win: FakeWindow) => {
    win.webContents.emit('dom-ready');
    win.emit('ready-to-show');
  };
  return { control, created, main, load };
}

describe('share control window', () => {
  it('is small, frameless, always on top at screen-saver level, excluded from capture, with the hardened preferences', () => {
    const { control, created, main } = setup();
    control.report(main.id, sharing);
    expect(created).toHaveLength(1);
    const win = created[0]!;
    expect(win.loadedUrl).toBe(SHARE_CONTROL_URL);
    expect(win.contentProtection).toBe(true);
    expect(win.alwaysOnTop).toEqual({ flag: true, level: 'screen-saver' });
    expect(win.options).toMatchObject({
      show: false,
      frame: false,
      alwaysOnTop: true,
      skipTaskbar: true,
      focusable: true,
    });
    expect(win.options.kiosk).toBeUndefined();
    expect(win.options.width! * win.options.height!).toBeLessThan(400 * 80);
    expect(win.options.x).toBe((1920 - win.options.width!) / 2);
    const prefs = win.options.webPreferences!;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      preload: '/app/dist/preload/share-control.cjs',
    });
  });

  it('shows (without taking focus) when a share starts, follows pause, hides when it stops, and is reused', () => {
    const { control, created, main, load } = setup();
    control.report(main.id, sharing);
    const win = created[0]!;
    expect(win.visible).toBe(false); // not before its page is drawn
    load(win);
    expect(win.calls).toContain('showInactive');
    expect(win.calls).not.toContain('show');
    expect(win.visible).toBe(true);
    expect(win.webContents.sentOn(channelId('shareControlState'))).toEqual([{ paused: false, language: 'en' }]);

    control.report(main.id, { ...sharing, paused: true, language: 'ko' });
    expect(win.webContents.sentOn(channelId('shareControlState')).at(-1)).toEqual({ paused: true, language: 'ko' });

    control.report(main.id, stopped);
    expect(win.visible).toBe(false);
    control.report(main.id, sharing);
    expect(created).toHaveLength(1);
    expect(win.visible).toBe(true);
  });

  it('hides when the sharing window goes away, and a closed control window is made again for the next share', () => {
    const { control, created, main, load } = setup();
    control.report(main.id, sharing);
    load(created[0]!);
    control.forget(main.id);
    expect(created[0]!.visible).toBe(false);
    created[0]!.close();
    expect(control.kindOf(created[0]!.webContents.id)).toBeUndefined();
    control.report(main.id, sharing);
    expect(created).toHaveLength(2);
  });

  it('never opens in kiosk mode', () => {
    const { control, created, main } = setup({ kiosk: true });
    control.report(main.id, sharing);
    expect(created).toHaveLength(0);
  });

  it('Pause, Resume and Stop reach the sharing window as shareControlAction pushes', () => {
    const { control, created, main, load } = setup();
    control.report(main.id, sharing);
    load(created[0]!);
    for (const action of ['pause', 'resume', 'stop'] as const) control.act(action);
    expect(main.sentOn(channelId('shareControlAction'))).toEqual([
      { action: 'pause' },
      { action: 'resume' },
      { action: 'stop' },
    ]);
  });
});

describe('share control over IPC', () => {
  type Listener = (event: InvokeEventLike, ...args: unknown[]) => unknown;

  function wired() {
    const { control, created, main, load } = setup();
    const normalId = main.id;
    const registered = new Map<string, Listener>();
    setupIpc({
      ipcMain: { handle: (channel, listener) => registered.set(channel, listener) },
      handlers: createHandlers({ shareControl: control } as unknown as HandlerDeps) as InvokeHandlers,
      kindOf: (id) => (id === normalId ? 'normal' : control.kindOf(id)),
    });
    const invoke = (name: 'reportShare' | 'shareControl' | 'getSettings', senderId: number, ...args: unknown[]) =>
      Promise.resolve().then(() =>
        registered.get(channelId(name))!(
          { sender: { id: senderId }, senderFrame: { url: 'moim-app://app/share-control.html', parent: null } },
          ...args,
        ),
      );
    return { created, main, load, invoke };
  }

  it('the main window reports its share, the control window presses Stop, and the main window hears it', async () => {
    const { created, main, load, invoke } = wired();
    await invoke('reportShare', main.id, sharing);
    const win = created[0]!;
    load(win);
    await invoke('shareControl', win.webContents.id, 'stop');
    expect(main.sentOn(channelId('shareControlAction'))).toEqual([{ action: 'stop' }]);
  });

  it('refuses a button press from any other sender, a bad action, and any other channel from the control window', async () => {
    const { created, main, load, invoke } = wired();
    await invoke('reportShare', main.id, sharing);
    const win = created[0]!;
    load(win);
    await expect(invoke('shareControl', main.id, 'stop')).rejects.toThrow(/refused/);
    await expect(invoke('shareControl', 999, 'stop')).rejects.toThrow(/refused/);
    await expect(invoke('shareControl', win.webContents.id, 'explode')).rejects.toThrow(TypeError);
    await expect(invoke('getSettings', win.webContents.id)).rejects.toThrow(/refused/);
    await expect(invoke('reportShare', win.webContents.id, stopped)).rejects.toThrow(/refused/);
    await expect(invoke('reportShare', main.id, { ...sharing, extra: 1 })).rejects.toThrow(TypeError);
    expect(main.sentOn(channelId('shareControlAction'))).toEqual([]);
    expect(win.visible).toBe(true);
  });
});
