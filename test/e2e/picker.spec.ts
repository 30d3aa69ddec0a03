import { expect, test } from './support/fixtures';
import { createRoom, expectVideoFrom, joinRoom, openMoim, peerIdOf, tileOf } from './support/moim-page';

test("Moim's source picker works from the keyboard, and Cancel shares nothing and changes nothing", async ({
  browser,
  roomServer,
}) => {
  const presenter = await openMoim(browser, roomServer.httpUrl, 'Presenter');
  const other = await openMoim(browser, roomServer.httpUrl, 'Other');
  const roomId = await createRoom(presenter);
  await joinRoom(other, roomId);
  const presenterId = await peerIdOf(presenter);
  const share = presenter.getByRole('button', { name: 'Share screen', exact: true });
  const picker = presenter.getByRole('dialog', { name: 'Choose what to share' });

  // Cancel with Escape: the picker closes, nothing is shared, the room carries on.
  await share.click();
  await expect(picker).toBeVisible();
  await presenter.keyboard.press('Escape');
  await expect(picker).toHaveCount(0);
  await expect(share).toHaveAttribute('aria-pressed', 'false');
  expect(await presenter.evaluate(() => Object.keys(window.moim?.engine?.localStreams ?? {}))).not.toContain('screen');
  await expect(presenter.getByTestId('room-id')).toHaveText(roomId);
  await expect(tileOf(other, presenterId, 'screen')).toHaveCount(0);

  // Keyboard only: the Windows tab, the second window, Enter shares it.
  await share.click();
  await expect(picker.getByRole('tab', { name: 'Screens' })).toHaveAttribute('aria-selected', 'true');
  await picker.getByRole('tab', { name: 'Screens' }).focus();
  await presenter.keyboard.press('ArrowRight');
  await expect(picker.getByRole('tab', { name: 'Windows' })).toHaveAttribute('aria-selected', 'true');
  const firstWindow = picker.getByRole('option').first();
  await firstWindow.focus();
  await presenter.keyboard.press('ArrowRight');
  await expect(picker.getByRole('option', { name: 'A browser tab' })).toHaveAttribute('aria-selected', 'true');
  await presenter.keyboard.press('Enter');
  await expect(picker).toHaveCount(0);
  await expect(share).toHaveAttribute('aria-pressed', 'true');

  await expect(tileOf(other, presenterId, 'screen')).toBeVisible();
  await expectVideoFrom(other, presenterId, 'screen');
  await Promise.all([presenter, other].map((p) => p.context().close()));
});
