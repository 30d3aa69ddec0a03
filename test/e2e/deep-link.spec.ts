import { expect, test } from './support/fixtures';
import { fakeDesktopShell, pushLink } from './support/desktop-shell';
import { createRoom, openMoim } from './support/moim-page';

test('a moim:// link to a new server asks first: Escape cancels, Enter joins, plain ws:// to another computer is warned', async ({
  browser,
  roomServer,
}) => {
  const host = await openMoim(browser, roomServer.httpUrl, 'Host');
  const roomId = await createRoom(host);

  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  // The app's configured server is one the links below never name: both are new to it.
  await fakeDesktopShell(context, { serverUrl: 'wss://home.example' });
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
