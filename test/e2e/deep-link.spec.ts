import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { createRoom, openMoim } from './support/moim-page';

type Link = { serverUrl: string; roomId: string };

/**
 * A stand-in for Electron's preload (`window.moimDesktop`): the real renderer then takes the desktop path for
 * moim:// links. Its configured server is one the links below never name; `__pushLink` delivers a link as main's
 * `joinLink` push does when the OS opens moim://join/….
 */
async function fakeDesktopShell(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const listeners: ((link: unknown) => void)[] = [];
    let settings = {
      serverUrl: 'wss://home.example',
      displayName: 'Ana',
      language: 'en',
      cameraId: null,
      microphoneId: null,
      speakerId: null,
      iceServers: [],
      kiosk: { enabled: false, serverUrl: '', roomId: '' },
      recentRooms: [],
      updateFeedUrl: '',
    };
    const off = () => () => undefined;
    Object.assign(window, {
      __pushLink: (link: unknown) => listeners.forEach((listener) => listener(link)),
      moimDesktop: {
        getSettings: async () => settings,
        updateSettings: async (patch: Partial<typeof settings>) => (settings = { ...settings, ...patch }),
        getSecret: async () => null,
        setSecret: async () => ({ ok: true }),
        getLaunchIntent: async () => ({ kiosk: null, join: null }),
        answerPicker: async () => undefined,
        keepAwake: async () => undefined,
        openExternal: async () => undefined,
        exitKiosk: async () => ({ ok: false, reason: 'not-kiosk' }),
        setKioskPin: async () => ({ ok: true }),
        hostRoom: async () => ({ ok: false, reason: 'unavailable', message: 'not here' }),
        getUpdateStatus: async () => ({ state: 'idle' }),
        installUpdate: async () => ({ ok: false, reason: 'not-ready' }),
        reportActivity: async () => undefined,
        onUpdateStatus: off,
        onJoinLink: (listener: (link: unknown) => void) => {
          listeners.push(listener);
          return () => listeners.splice(listeners.indexOf(listener), 1);
        },
        onPickerRequest: off,
        onPickerClosed: off,
        onKioskExitPrompt: off,
      },
    });
  });
}

async function pushLink(page: Page, link: Link): Promise<void> {
  await page.evaluate((l) => (window as unknown as { __pushLink(link: Link): void }).__pushLink(l), link);
}

test('a moim:// link to a new server asks first: Escape cancels, Enter joins, plain ws:// to another computer is warned', async ({
  browser,
  roomServer,
}) => {
  const host = await openMoim(browser, roomServer.httpUrl, 'Host');
  const roomId = await createRoom(host);

  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  await fakeDesktopShell(context);
  const page = await context.newPage();
  await page.goto(`${roomServer.httpUrl}/`);
  await expect(page.getByLabel('Your name')).toHaveValue('Ana');

  // Another computer over plain ws://: the question comes with a warning; Escape leaves everything as it was.
  await pushLink(page, { serverUrl: 'ws://192.0.2.10:8480', roomId: 'elsewhere' });
  const dialog = page.getByRole('dialog', { name: 'Join this room?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Join room elsewhere on server ws://192.0.2.10:8480 as Ana?');
  await expect(dialog.getByRole('alert')).toContainText('not encrypted');
  await expect(dialog.getByRole('button', { name: 'Join' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab'); // focus stays in the dialog
  await expect(dialog.getByRole('button', { name: 'Join' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('room-id')).toHaveCount(0);

  // This computer's room server, never used from this app: asked without a warning; Enter joins the real room.
  const serverUrl = roomServer.httpUrl.replace(/^http/, 'ws');
  await pushLink(page, { serverUrl, roomId });
  await expect(dialog).toContainText(`Join room ${roomId} on server ${serverUrl} as Ana?`);
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('room-id')).toHaveText(roomId);
  await Promise.all([host.context().close(), context.close()]);
});
