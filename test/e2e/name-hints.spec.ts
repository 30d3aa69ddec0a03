import { expect, test } from './support/fixtures';
import { createRoom, joinRoom, openMoim } from './support/moim-page';

// Telling people apart, and telling a next step from an error.

test('the same person in two tabs is shown as "Ana (you)" and "Ana (2)", not twice the same', async ({
  browser,
  roomServer,
}) => {
  const first = await openMoim(browser, roomServer.httpUrl, 'Ana');
  const roomId = await createRoom(first);
  const second = await first.context().newPage();
  await second.goto(`${roomServer.httpUrl}/`);
  await second.getByLabel('Your name').fill('Ana');
  await joinRoom(second, roomId);
  for (const page of [first, second]) {
    await expect(page.getByRole('group', { name: 'Ana (you)', exact: true })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Ana (2)', exact: true })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Ana', exact: true })).toHaveCount(0);
  }
  await first.context().close();
});

test('opening a room link without a name shows the next step as information, not as an error', async ({
  browser,
  roomServer,
}) => {
  const page = await openMoim(browser, roomServer.httpUrl, 'Nobody', '?room=abcDEF123');
  const notice = page.getByRole('status').filter({ hasText: 'Enter your name, then join the room from the link.' });
  await expect(notice).toBeVisible();
  await expect(notice).toHaveClass(/\bnote\b/);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByLabel('Room ID or link')).toHaveValue('abcDEF123');
  await page.context().close();
});
