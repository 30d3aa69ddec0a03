import { expect, test } from './support/fixtures';
import { callButton, openOnline } from './support/lobby-page';
import { openMoim } from './support/moim-page';

// What a person types is kept: the name is one name wherever it was typed (and remembered), and a join that
// fails leaves the room id in its field so a typo can be fixed.

test('the name typed on Home is the name the Lobby goes online with, and it is remembered', async ({
  browser,
  roomServer,
}) => {
  const bo = await openOnline(browser, roomServer.httpUrl, 'Bo');
  const ada = await openMoim(browser, roomServer.httpUrl, 'Ada Lovelace');
  await ada.getByRole('button', { name: 'Lobby', exact: true }).click();
  await expect(ada.getByLabel('Your name')).toHaveValue('Ada Lovelace');
  await ada.getByRole('button', { name: 'Go online', exact: true }).click();
  await expect(ada.getByRole('button', { name: 'Go offline', exact: true })).toBeVisible();
  await expect(ada.getByRole('alert')).toHaveCount(0);
  await expect(callButton(bo, 'Ada Lovelace')).toBeVisible();

  // After a reload the name is still there, on Home and in Settings.
  await ada.reload();
  await expect(ada.getByLabel('Your name')).toHaveValue('Ada Lovelace');
  await ada.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(ada.getByLabel('Display name')).toHaveValue('Ada Lovelace');
  await Promise.all([ada.context().close(), bo.context().close()]);
});

test('a name typed in the Lobby is the one Home shows; going online with no name asks for it in the Lobby', async ({
  browser,
  roomServer,
}) => {
  const page = await openMoim(browser, roomServer.httpUrl, '');
  await page.getByRole('button', { name: 'Lobby', exact: true }).click();
  await page.getByRole('button', { name: 'Go online', exact: true }).click();
  // Still in the Lobby, told what to do, with the field to do it in.
  await expect(page.getByRole('alert')).toHaveText('Enter your name first.');
  await expect(page.getByRole('button', { name: 'Lobby', exact: true })).toHaveAttribute('aria-current', 'page');
  await page.getByLabel('Your name').fill('Grace');
  await page.getByRole('button', { name: 'Go online', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Go offline', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Home', exact: true }).click();
  await expect(page.getByLabel('Your name')).toHaveValue('Grace');
  await page.context().close();
});

test('a failed join shows why and keeps the room id in its field', async ({ browser, roomServer }) => {
  const page = await openMoim(browser, roomServer.httpUrl, 'Ada');
  await page.getByLabel('Room ID or link').fill('noSuchRoom1');
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('That room does not exist or has already closed.');
  await expect(page.getByLabel('Room ID or link')).toHaveValue('noSuchRoom1');
  await expect(page.getByLabel('Your name')).toHaveValue('Ada');
  await page.context().close();
});
