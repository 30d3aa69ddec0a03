// @vitest-environment node
// The composition root, wired to a fake `electron` module: what must happen before `ready` does, and
// after `ready` every feature is set up. (Every other main module takes Electron as parameters instead.)
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { channelId, channelNames, contract } from '../../../common/ipc/contract';
import { FakeContents, FakeMenu, FakeWindow } from './support/fakes';

// electron-store is conf with Electron's userData as its directory (see node_modules/electron-store).
let userDataDir = '';
vi.mock('electron-store', async () => {
  const { default: Conf } = await import('conf');
  return {
    default: class extends Conf<Record<string, unknown>> {
      constructor(options: Record<string, unknown>) {
        super({ ...options, cwd: userDataDir, configName: options.name as string });
      }
    },
  };
});

class MainFrameContents extends FakeContents {
  readonly mainFrame = { url: 'moim-app://app/index.html', parent: null };
}
class ElectronWindow extends FakeWindow {
  static all: ElectronWindow[] = [];
  override readonly webContents = new MainFrameContents();
  constructor(options: ConstructorParameters<typeof FakeWindow>[0]) {
    super(options);
    ElectronWindow.all.push(this);
  }
}

function fakeElectron(userData: string) {
  const log: string[] = [];
  let ready!: () => void;
  const readyPromise = new Promise<void>((resolve) => (ready = resolve));
  const app = Object.assign(new EventEmitter(), {
    enableSandbox: () => log.push('enableSandbox'),
    setPath: (name: string, value: string) => log.push(`setPath:${name}:${value}`),
    getPath: () => userData,
    requestSingleInstanceLock: () => (log.push('requestSingleInstanceLock'), true),
    setAsDefaultProtocolClient: () => true,
    whenReady: () => readyPromise,
    getVersion: () => '0.1.0',
    getLocale: () => 'en-US',
    isPackaged: false,
    commandLine: { getSwitchValue: () => '' },
    quit: () => log.push('quit'),
    exit: (code: number) => log.push(`exit:${code}`),
  });
  const displayMedia: unknown[] = [];
  const handled = new Map<string, unknown>();
  const electron = {
    app,
    BrowserWindow: ElectronWindow,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) =>
        log.push(`registerSchemesAsPrivileged:${JSON.stringify(schemes)}`),
      handle: (scheme: string) => log.push(`protocol.handle:${scheme}`),
    },
    ipcMain: { handle: (channel: string, listener: unknown) => handled.set(channel, listener) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => log.push('setPermissionRequestHandler'),
        setPermissionCheckHandler: () => log.push('setPermissionCheckHandler'),
        setDisplayMediaRequestHandler: (...args: unknown[]) => displayMedia.push(args),
      },
    },
    desktopCapturer: { getSources: async () => [] },
    Menu: new FakeMenu(),
    powerSaveBlocker: { start: () => 1, stop: () => true },
    safeStorage: {},
    screen: {
      getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
      getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
    },
    shell: { openExternal: async () => undefined },
    webContents: {
      fromFrame: () => undefined,
      fromId: (id: number) => ElectronWindow.all.find((w) => w.webContents.id === id)?.webContents,
    },
  };
  return { electron, log, ready, displayMedia, handled, app };
}

let argv: string[];
beforeEach(() => {
  argv = process.argv;
  ElectronWindow.all = [];
  vi.resetModules();
});
afterEach(() => {
  process.argv = argv;
});

async function boot(args: string[] = []) {
  userDataDir = mkdtempSync(path.join(tmpdir(), 'moim-main-'));
  const env = fakeElectron(userDataDir);
  vi.doMock('electron', () => env.electron);
  process.argv = ['/usr/bin/electron', '/src/moim', ...args];
  await import('../../../main/index');
  return env;
}

describe('main/index.ts', () => {
  it('registers the app scheme, the sandbox, the lock and open-url before ready, and nothing else yet', async () => {
    const env = await boot();
    expect(env.log[0]).toBe(
      'registerSchemesAsPrivileged:[{"scheme":"moim-app","privileges":{"standard":true,"secure":true,"supportFetchAPI":true}}]',
    );
    expect(env.log).toContain('enableSandbox');
    expect(env.log).toContain('requestSingleInstanceLock');
    expect(env.app.listenerCount('open-url')).toBe(1);
    expect(env.app.listenerCount('second-instance')).toBe(1);
    expect(ElectronWindow.all).toHaveLength(0);
    expect(env.handled.size).toBe(0);
  });

  it('after ready sets up security, the app protocol, the picker and every IPC channel, then opens the window', async () => {
    const env = await boot();
    env.ready();
    await vi.waitFor(() => expect(ElectronWindow.all).toHaveLength(1));
    expect(env.log).toEqual(
      expect.arrayContaining(['setPermissionRequestHandler', 'setPermissionCheckHandler', 'protocol.handle:moim-app']),
    );
    expect(env.displayMedia).toHaveLength(1);
    expect((env.displayMedia[0] as unknown[])[1]).toEqual({ useSystemPicker: false });
    const invokes = channelNames.filter((n) => contract[n].kind === 'invoke').map(channelId);
    expect([...env.handled.keys()].sort()).toEqual(invokes.sort());
    const win = ElectronWindow.all[0]!;
    expect(win.loadedUrl).toBe('moim-app://app/index.html');
    expect(win.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true });
    expect(win.options.webPreferences?.preload).toMatch(/preload[\\/]index\.cjs$/);
    expect(env.app.listenerCount('web-contents-created')).toBeGreaterThanOrEqual(2);
    expect(env.electron.Menu.roles()).toEqual(expect.arrayContaining(['editMenu', 'reload', 'windowMenu']));
  });

  it('a share in the main window brings up the capture-proof control window, whose Stop reaches the main window', async () => {
    const env = await boot();
    env.ready();
    await vi.waitFor(() => expect(ElectronWindow.all).toHaveLength(1));
    const main = ElectronWindow.all[0]!;
    type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;
    const invoke = (name: string, from: ElectronWindow, ...args: unknown[]) =>
      (env.handled.get(channelId(name as never)) as Handler)(
        { sender: { id: from.webContents.id }, senderFrame: { url: from.webContents.mainFrame.url, parent: null } },
        ...args,
      );
    await invoke('reportShare', main, { sharing: true, paused: false, language: 'en' });
    expect(ElectronWindow.all).toHaveLength(2);
    const control = ElectronWindow.all[1]!;
    expect(control.loadedUrl).toBe('moim-app://app/share-control.html');
    expect(control.contentProtection).toBe(true);
    expect(control.alwaysOnTop).toEqual({ flag: true, level: 'screen-saver' });
    expect(control.options.webPreferences?.preload).toMatch(/preload[\\/]share-control\.cjs$/);
    control.webContents.emit('dom-ready');
    control.emit('ready-to-show');
    expect(control.visible).toBe(true);
    await invoke('shareControl', control, 'stop');
    expect(main.webContents.sentOn(channelId('shareControlAction'))).toEqual([{ action: 'stop' }]);
    await expect(invoke('shareControl', main, 'stop')).rejects.toThrow(/refused/);
    await invoke('reportShare', main, { sharing: false, paused: false, language: 'en' });
    expect(control.visible).toBe(false);
  });

  it('--kiosk --server --room opens the kiosk window instead', async () => {
    const env = await boot(['--kiosk', '--server', 'ws://127.0.0.1:8480', '--room', 'hall']);
    env.ready();
    await vi.waitFor(() => expect(ElectronWindow.all).toHaveLength(1));
    expect(ElectronWindow.all[0]!.options).toMatchObject({ kiosk: true, fullscreen: true });
    expect(env.electron.Menu.current).toBeNull();
  });

  it('bad flags exit with status 2 before anything else starts', async () => {
    const env = await boot(['--kiosk', '--server', 'ftp://x', '--room', 'r']);
    expect(env.log).toContain('exit:2');
    expect(env.log).not.toContain('requestSingleInstanceLock');
  });
});
