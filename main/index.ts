/**
 * Moim's Electron main process. ESM: imports resolve before this body runs, so everything Electron
 * needs before `ready` (privileged scheme, sandbox, userData path, single-instance lock, open-url) is
 * done at the top level; the rest reads as a table of contents under `app.whenReady()`.
 */
import { readFile } from 'node:fs/promises';
import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { networkInterfaces } from 'node:os';
import {
  app,
  BrowserWindow,
  desktopCapturer,
  ipcMain,
  Menu,
  powerSaveBlocker,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  webContents,
  type WebFrameMain,
} from 'electron';
import { launchJoin, parseCommandLine, type LaunchOptions } from './cli';
import { createSecrets } from './config/secrets';
import { createConfig } from './config/settings';
import { electronStoreFactory, openConfigStore } from './config/store';
import { setupDeepLinks, type DeepLinks } from './deep-links';
import { awakeOwner, createHandlers } from './handlers';
import { setupRoomHost } from './hosting/host-room';
import { lanCandidates } from './hosting/lan-address';
import { useUnpackedWorker } from './hosting/worker-path';
import { sendPush, setupIpc } from './ipc';
import { resolveKioskTarget, setupKiosk } from './kiosk';
import { enableDefaultLogging, logger } from './log';
import { setupMenus } from './menu';
import { usesSystemPortal } from './capture-backend';
import { attachContextMenu } from './context-menu';
import { createPicker } from './picker';
import { hashPin, verifyPin } from './pin';
import { createAwake } from './power';
import { APP_SCHEME_PRIVILEGES, setupAppProtocol } from './protocol';
import { setupSecurity } from './security';
import { setupShareControl, type ControlWindowLike } from './share-control';
import { electronUpdater } from './updates/electron-updater';
import { createUpdates } from './updates/updates';
import { setupWindows, type WindowLike } from './windows';

const log = logger('main');
const here = path.dirname(fileURLToPath(import.meta.url)); // dist/main
const devIcon = path.join(here, '../../build/icon.png');

// ---- Before `ready` -------------------------------------------------------------------------------
enableDefaultLogging(process.env);
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
app.enableSandbox();
// Lets tests and portable installs keep their own profile; must precede the single-instance lock.
if (process.env.MOIM_USER_DATA_DIR) app.setPath('userData', path.resolve(process.env.MOIM_USER_DATA_DIR));
// Before anything imports mediasoup: a packaged app's worker lives in app.asar.unpacked.
useUnpackedWorker({
  isPackaged: app.isPackaged,
  resourcesPath: process.resourcesPath,
  platform: process.platform,
  env: process.env,
  exists: existsSync,
});

const cli = parseCommandLine(process.argv);
if (!cli.ok) {
  process.stderr.write(`moim: ${cli.error}\n`);
  app.exit(2);
} else if (!app.requestSingleInstanceLock()) {
  // The running instance gets our argv through `second-instance`.
  app.quit();
} else {
  const deepLinks = setupDeepLinks({
    app,
    defaultApp: Boolean(process.defaultApp),
    execPath: process.execPath,
    appPath: process.argv[1] ? path.resolve(process.argv[1]) : undefined,
  });
  app
    .whenReady()
    .then(() => start(cli.value, deepLinks))
    .catch((error: unknown) => {
      log.error('start() | %o', error);
      process.stderr.write(`moim: could not start: ${(error as Error).message}\n`);
      app.exit(1);
    });
}

// ---- After `ready` --------------------------------------------------------------------------------
async function start(options: LaunchOptions, deepLinks: DeepLinks): Promise<void> {
  const config = createConfig(
    openConfigStore({
      create: await electronStoreFactory(),
      version: app.getVersion(),
      locale: app.getLocale(),
      configPath: path.join(app.getPath('userData'), 'config.json'),
      exists: existsSync,
      moveAside: renameSync,
    }),
    app.getLocale(),
  );
  const kioskTarget = resolveKioskTarget(options, config.read());
  if (!kioskTarget.ok) {
    process.stderr.write(`moim: ${kioskTarget.error}\n`);
    app.exit(2);
    return;
  }

  // The share control window (set up below) only shows buttons: it gets no camera, microphone or capture.
  setupSecurity({
    app,
    session: session.defaultSession,
    shell,
    withoutPermissions: (id) => shareControl.kindOf(id) !== undefined,
  });
  setupAppProtocol({ protocol, rootDir: path.join(here, '../renderer'), readFile: (file) => readFile(file) });

  const windows = setupWindows({
    createWindow: (opts) => new BrowserWindow(opts) as unknown as WindowLike,
    preloadPath: path.join(here, '../preload/index.cjs'),
    // Packaged apps get their icon from the installer; a dev run shows build/icon.png.
    icon: existsSync(devIcon) ? devIcon : undefined,
    bounds: { get: config.getWindowBounds, set: config.setWindowBounds },
    workAreas: () => screen.getAllDisplays().map((d) => d.workArea),
  });
  const awake = createAwake(powerSaveBlocker);
  const picker = createPicker({
    getSources: (opts) => desktopCapturer.getSources(opts),
    contentsForFrame: (frame) => {
      // Only a top frame of one of our windows may capture; WebFrameMain identity is not guaranteed, parent is.
      const main = frame as WebFrameMain | null;
      const contents = main && main.parent === null ? webContents.fromFrame(main) : undefined;
      const ours = contents && windows.kindOf(contents.id);
      return ours ? (contents as unknown as WindowLike['webContents']) : null;
    },
    platform: process.platform,
    portal: usesSystemPortal({
      platform: process.platform,
      env: process.env,
      switchValue: (name) => app.commandLine.getSwitchValue(name),
    }),
  });
  // Our own picker everywhere; macOS 15's experimental system picker would bypass it (main/README.md).
  session.defaultSession.setDisplayMediaRequestHandler((request, callback) => picker.handle(request, callback), {
    useSystemPicker: false,
  });
  const menus = setupMenus({
    menu: {
      build: (template) => Menu.buildFromTemplate(template),
      setApplicationMenu: (m) => Menu.setApplicationMenu(m),
    },
    platform: process.platform,
    isPackaged: app.isPackaged,
  });
  const kiosk = setupKiosk({
    windows,
    awake,
    app,
    menus,
    pin: { get: config.getKioskPin, set: config.setKioskPin },
    hash: hashPin,
    verify: verifyPin,
  });
  // The hosted server runs SFU and broadcast rooms too when the mediasoup worker is available.
  const roomHost = setupRoomHost({
    load: async () => ({ startServer: (await import('../server/index')).startHostedServer }),
    lanAddresses: () => lanCandidates(networkInterfaces()),
  });
  const updates = createUpdates({
    updater: electronUpdater(),
    // A development run has nothing to update (electron-updater refuses unpackaged apps).
    feedUrl: () => (app.isPackaged ? config.getSettings().updateFeedUrl : ''),
    push: (status) => {
      for (const kind of ['normal', 'kiosk'] as const) {
        const win = windows.get(kind);
        if (win && !win.isDestroyed()) sendPush(win.webContents, 'updateStatus', status);
      }
    },
    isKiosk: () => kiosk.target() !== null,
    beforeInstall: () => kiosk.allowQuit(),
  });
  const shareControl = setupShareControl({
    createWindow: (opts) => new BrowserWindow(opts) as unknown as ControlWindowLike,
    preloadPath: path.join(here, '../preload/share-control.cjs'),
    workArea: () => screen.getPrimaryDisplay().workArea,
    isKiosk: () => kiosk.target() !== null,
    contents: (id) => webContents.fromId(id) ?? null,
  });
  // The room a normal window should open into: the launch link, or a link that arrived before it existed.
  let pendingJoin = launchJoin(options);

  setupIpc({
    ipcMain,
    kindOf: (id) => windows.kindOf(id) ?? shareControl.kindOf(id),
    handlers: createHandlers({
      config,
      secrets: createSecrets({ config, cipher: safeStorage, platform: process.platform }),
      kiosk,
      picker,
      awake,
      roomHost,
      updates,
      shareControl,
      launchJoin: () => pendingJoin,
      openExternal: (url) => shell.openExternal(url),
    }),
  });

  app.on('web-contents-created', (_event, contents) => {
    const id = contents.id;
    attachContextMenu(
      contents,
      (template) => Menu.buildFromTemplate(template).popup(),
      () => windows.kindOf(id) === 'kiosk',
    );
    contents.on('destroyed', () => {
      awake.release(awakeOwner(id));
      shareControl.forget(id);
    });
    // A reloaded page has no share any more (its new page reports only what it shares next).
    contents.on('did-navigate', () => shareControl.forget(id));
  });
  deepLinks.attach({
    onLink: (link) => {
      if (kiosk.target()) return log.warn('deep link | ignored in kiosk mode');
      const existing = windows.get('normal');
      if (!existing) pendingJoin = link; // a new window reads it through getLaunchIntent
      const win = windows.open('normal');
      if (existing) sendPush(win.webContents, 'joinLink', link);
    },
    onSecondInstance: () => {
      if (!kiosk.target()) windows.open('normal');
    },
  });
  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => kiosk.target() || windows.open('normal'));
  app.on('will-quit', () => {
    updates.stop();
    void roomHost.stop();
  });

  if (kioskTarget.value) kiosk.start(kioskTarget.value);
  else windows.open('normal');
  if (options.hostRoom) void roomHost.start();
  updates.start();
}
