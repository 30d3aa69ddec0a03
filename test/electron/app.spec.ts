// The desktop app end to end: the real Electron binary running dist/ (main, preload, renderer) against a
// real room server. Skipped, with one line saying why, where no Electron binary (or no display) exists.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, chromium, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { channelNames, contract, listenerName, type PushChannel } from '../../common/ipc/contract';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { startRoomServer, type RoomServerProcess } from '../support/room-server';
import { findElectronBinary } from './electron-binary';
import { startPresenter } from './presenter';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const binary = findElectronBinary();

test.skip(!binary.ok, binary.ok ? '' : binary.reason);

interface Launched {
  app: ElectronApplication;
  page: Page;
}

/** Starts Moim as `electron . <args>` with its own profile directory. */
async function launch(userData: string, args: string[] = []): Promise<Launched> {
  if (!binary.ok) throw new Error(binary.reason);
  const chromiumSwitches = [
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    '--use-fake-device-for-media-stream',
    '--allow-loopback-in-peer-connection',
    '--autoplay-policy=no-user-gesture-required',
    // The picker's buttons are found by their English names.
    '--lang=en-US',
  ];
  const app = await _electron.launch({
    executablePath: binary.path,
    args: [repo, ...chromiumSwitches, ...args],
    env: { ...process.env, MOIM_USER_DATA_DIR: userData, DEBUG: process.env.DEBUG ?? 'moim:*:WARN:*,moim:*:ERROR:*' },
  });
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  return { app, page };
}

const profile = () => mkdtempSync(path.join(tmpdir(), 'moim-e2e-'));

test.describe('Moim desktop app', () => {
  test('starts on its own scheme, sandboxed, with exactly the contract as its desktop API', async () => {
    const { app, page } = await launch(profile());
    try {
      expect(page.url()).toBe('moim-app://app/index.html');
      const globals = await page.evaluate(() => ({
        require: typeof (globalThis as { require?: unknown }).require,
        process: typeof (globalThis as { process?: unknown }).process,
        keys: Object.keys(window.moimDesktop ?? {}).sort(),
      }));
      const expected = channelNames
        .map((n) => (contract[n].kind === 'invoke' ? n : listenerName(n as PushChannel)))
        .sort();
      expect(globals).toMatchObject({ require: 'undefined', process: 'undefined', keys: expected });
      expect(
        await page.evaluate(() => fetch(location.href).then((r) => r.headers.get('content-security-policy'))),
      ).toMatch(/script-src 'self'/);
      // The page cannot reach the preload's world: nothing but the copied API object crosses over.
      expect(
        await page.evaluate(() => Object.getOwnPropertyNames(window).filter((k) => /ipc|electron/i.test(k))),
      ).toEqual([]);
    } finally {
      await app.close();
    }
  });

  test('the picker selects a source and the renderer gets a live video track', async () => {
    const { app, page } = await launch(profile());
    try {
      await page.evaluate(() => {
        const w = window as unknown as { capture: Promise<string> };
        w.capture = navigator.mediaDevices
          .getDisplayMedia({ video: true, audio: false })
          .then((stream) => `${stream.getVideoTracks()[0]?.kind}:${stream.getVideoTracks()[0]?.readyState}`);
      });
      const firstSource = page.locator('source-picker [role="option"]').first();
      await expect(firstSource).toBeVisible();
      await firstSource.click();
      await page.locator('source-picker').getByRole('button', { name: 'Share', exact: true }).click();
      expect(await page.evaluate(() => (window as unknown as { capture: Promise<string> }).capture)).toBe('video:live');
    } finally {
      await app.close();
    }
  });

  test('cancelling the picker rejects getDisplayMedia and shares nothing', async () => {
    const { app, page } = await launch(profile());
    try {
      await page.evaluate(() => {
        const w = window as unknown as { capture: Promise<string> };
        w.capture = navigator.mediaDevices.getDisplayMedia({ video: true }).then(
          () => 'shared',
          (error: DOMException) => error.name,
        );
      });
      await page.locator('source-picker').getByRole('button', { name: 'Cancel', exact: true }).click();
      // Electron fails a refused request with AbortError; the Electron bridge reports it as NotAllowedError.
      expect(['AbortError', 'NotAllowedError']).toContain(
        await page.evaluate(() => (window as unknown as { capture: Promise<string> }).capture),
      );
    } finally {
      await app.close();
    }
  });

  test('settings persist across a restart, in a config file only the user can read', async () => {
    const userData = profile();
    const first = await launch(userData);
    await first.page.evaluate(() =>
      window.moimDesktop!.updateSettings({ displayName: 'Persisted Pat', serverUrl: 'wss://rooms.example' }),
    );
    await first.app.close();

    const configFile = path.join(userData, 'config.json');
    expect(JSON.parse(readFileSync(configFile, 'utf8'))).toMatchObject({ displayName: 'Persisted Pat' });
    expect(statSync(configFile).mode & 0o777).toBe(0o600);

    const second = await launch(userData);
    try {
      const settings = await second.page.evaluate(() => window.moimDesktop!.getSettings());
      expect(settings).toMatchObject({ displayName: 'Persisted Pat', serverUrl: 'wss://rooms.example' });
    } finally {
      await second.app.close();
    }
  });

  test('a reload ends an open picker request: the reloaded page gets no picker and nothing is shared', async () => {
    const { app, page } = await launch(profile());
    try {
      await page.evaluate(() => void navigator.mediaDevices.getDisplayMedia({ video: true }).catch(() => undefined));
      await expect(page.locator('source-picker [role="option"]').first()).toBeVisible();
      await page.reload();
      await page.waitForLoadState('domcontentloaded');
      // Thumbnails refresh every 2 s while a request is open: wait past two refreshes.
      await page.waitForTimeout(5_000);
      await expect(page.locator('source-picker [role="option"]')).toHaveCount(0);
    } finally {
      await app.close();
    }
  });

  test.describe('presenting', () => {
    let server: RoomServerProcess;
    test.beforeAll(async () => {
      server = await startRoomServer();
    });
    test.afterAll(async () => {
      await server?.stop();
    });

    test('a share brings up the small always-on-top control window, out of the capture, whose buttons act on it', async () => {
      const { app, page } = await launch(profile());
      try {
        await page.evaluate(
          (serverUrl) => window.moimDesktop!.updateSettings({ serverUrl, displayName: 'Presenter Pat' }),
          server.wsUrl,
        );
        await page.reload();
        await page.getByRole('button', { name: 'Create room' }).click();
        await expect(page.getByTestId('room-id')).toHaveText(/\S+/);

        const controlOpened = app.waitForEvent('window', (w) => w.url().endsWith('/share-control.html'));
        await page.getByRole('button', { name: 'Share screen', exact: true }).click();
        await page.locator('source-picker [role="option"]').first().click();
        await page.locator('source-picker').getByRole('button', { name: 'Share', exact: true }).click();
        const control = await controlOpened;
        const controlState = () =>
          app.evaluate(({ BrowserWindow }) => {
            const win = BrowserWindow.getAllWindows().find((w) =>
              w.webContents.getURL().endsWith('/share-control.html'),
            );
            if (!win) return null;
            const [width, height] = win.getSize();
            return {
              visible: win.isVisible(),
              onTop: win.isAlwaysOnTop(),
              contentProtected: win.isContentProtected(),
              kiosk: win.isKiosk(),
              small: width! <= 400 && height! <= 80,
            };
          });
        await expect
          .poll(controlState)
          .toEqual({ visible: true, onTop: true, contentProtected: true, kiosk: false, small: true });
        const bar = control.getByRole('toolbar', { name: 'Screen sharing' });
        await expect(bar.getByRole('status')).toHaveText('You are sharing');
        // Only its two channels reach the control window's page.
        expect(
          await control.evaluate(() => [Object.keys(window.moimShareControl ?? {}).sort(), 'moimDesktop' in window]),
        ).toEqual([['onShareControlState', 'shareControl'], false]);

        // Pause from the control window (keyboard): the main window's share pauses, the control window follows.
        await bar.getByRole('button', { name: 'Pause' }).focus();
        await control.keyboard.press('Enter');
        await expect(page.getByRole('toolbar', { name: 'Screen sharing' }).getByRole('status')).toHaveText(
          'Sharing paused',
        );
        await expect(bar.getByRole('button', { name: 'Resume' })).toBeVisible();

        // Stop: the share ends in the main window and the control window goes away.
        await bar.getByRole('button', { name: 'Stop' }).click();
        await expect(page.getByRole('button', { name: 'Share screen', exact: true })).toHaveAttribute(
          'aria-pressed',
          'false',
        );
        await expect.poll(async () => (await controlState())?.visible).toBe(false);
      } finally {
        await app.close();
      }
    });
  });

  test.describe('kiosk', () => {
    let server: RoomServerProcess;
    test.beforeAll(async () => {
      server = await startRoomServer();
    });
    test.afterAll(async () => {
      await server?.stop();
    });

    test('--kiosk --server --room opens a full-screen viewer that auto-joins the broadcast and plays it', async () => {
      const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
      try {
        const presenter = await startPresenter(browser, server);
        // npm test builds the mediasoup worker first, so a server without SFU rooms is a failure here.
        expect(presenter.roomId, 'the room server runs broadcast rooms').not.toBeNull();
        const { app, page } = await launch(profile(), [
          '--kiosk',
          '--server',
          server.wsUrl,
          '--room',
          presenter.roomId!,
        ]);
        try {
          const state = await app.evaluate(({ BrowserWindow }) => {
            const win = BrowserWindow.getAllWindows()[0]!;
            return { kiosk: win.isKiosk(), fullScreen: win.isFullScreen(), menu: win.isMenuBarVisible() };
          });
          expect(state).toMatchObject({ kiosk: true, menu: false });
          expect(await page.evaluate(() => window.moimDesktop!.getLaunchIntent())).toEqual({
            kiosk: { serverUrl: server.wsUrl, roomId: presenter.roomId },
            join: null,
          });
          // The broadcast is decoding: the kiosk's video has real frames.
          await expect
            .poll(
              () =>
                page
                  .locator('kiosk-view video')
                  .first()
                  .evaluate((v: HTMLVideoElement) => v.videoWidth),
              { timeout: 45_000 },
            )
            .toBeGreaterThan(0);
          // The pointer is hidden by main's inserted CSS, whatever the page styles say.
          expect(await page.evaluate(() => getComputedStyle(document.body).cursor)).toBe('none');
        } finally {
          await app.close();
        }
      } finally {
        await browser.close();
      }
    });

    test('the kiosk refuses to close or quit without its PIN and has no application menu', async () => {
      const { app, page } = await launch(profile(), ['--kiosk', '--server', server.wsUrl, '--room', 'no-such-room']);
      try {
        const after = await app.evaluate(async ({ app: electronApp, BrowserWindow, Menu }) => {
          const win = BrowserWindow.getAllWindows()[0]!;
          win.close();
          electronApp.quit();
          await new Promise((resolve) => setTimeout(resolve, 1_000));
          return {
            open: !win.isDestroyed(),
            windows: BrowserWindow.getAllWindows().length,
            menu: Menu.getApplicationMenu(),
          };
        });
        expect(after).toEqual({ open: true, windows: 1, menu: null });
        // Each refused attempt asks for the PIN instead (the prompt is always in the DOM; open only when asked).
        await expect(page.locator('kiosk-exit-dialog dialog[open]')).toBeVisible();
        await expect(page.getByLabel('Kiosk PIN')).toBeFocused();
      } finally {
        // app.close() would quit through the PIN guard: end the process instead.
        app.process().kill('SIGKILL');
      }
    });

    test('with its PIN the kiosk closes into the normal window, and the app can quit again', async () => {
      const userData = profile();
      // The PIN is set from a normal window; the kiosk itself may not change its own way out.
      const setup = await launch(userData);
      expect(await setup.page.evaluate(() => window.moimDesktop!.setKioskPin('2468'))).toEqual({ ok: true });
      await setup.app.close();

      const { app, page } = await launch(userData, ['--kiosk', '--server', server.wsUrl, '--room', 'no-such-room']);
      try {
        // Alt+F4 / the close button without the PIN: refused, the prompt opens.
        await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
        await expect(page.locator('kiosk-exit-dialog dialog[open]')).toBeVisible();
        expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);

        await page.getByLabel('Kiosk PIN').fill('1111');
        await page.keyboard.press('Enter');
        await expect(page.locator('kiosk-exit-dialog [role="alert"]')).toBeVisible();
        expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.isKiosk())).toBe(true);

        const normalWindow = app.waitForEvent('window');
        await page.getByLabel('Kiosk PIN').fill('2468');
        await page.keyboard.press('Enter');
        const normal = await normalWindow;
        await normal.waitForLoadState('domcontentloaded');
        await expect
          .poll(() =>
            app.evaluate(({ BrowserWindow, Menu }) => ({
              windows: BrowserWindow.getAllWindows().map((w) => w.isKiosk()),
              menu: Menu.getApplicationMenu() !== null,
            })),
          )
          .toEqual({ windows: [false], menu: true });
        expect(await normal.evaluate(() => window.moimDesktop!.getLaunchIntent())).toEqual({ kiosk: null, join: null });
      } finally {
        // No guard is left once the kiosk was left with its PIN: a normal close quits.
        await app.close();
      }
    });
  });
});
