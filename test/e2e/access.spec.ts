import type { Page } from '@playwright/test';
import { createRoom, joinRoom, openLink, openMoim, setControl } from './support/moim-page';
import { closeAll, deviceCountingPage, deviceRequests, watcher } from './support/sfu-page';
import { expect, test } from './support/sfu-server';

// Who may present and who is seen: a broadcast's viewer link only watches, its presenter link presents; a
// presenter sees who watches; in a meeting nobody watches unseen.

/** Catches what the page copies (the clipboard itself needs a user gesture headless Chromium may not grant). */
async function copiedBy(page: Page, button: string): Promise<string> {
  await page.evaluate(() => {
    navigator.clipboard.writeText = async (text: string) => {
      (window as Window & { __copied?: string }).__copied = text;
    };
  });
  await page.getByRole('button', { name: button, exact: true }).click();
  await expect.poll(() => page.evaluate(() => (window as Window & { __copied?: string }).__copied ?? '')).not.toBe('');
  return page.evaluate(() => (window as Window & { __copied?: string }).__copied!);
}

test('a broadcast viewer link only watches, the presenter link presents, and the presenter lists the viewers', async ({
  browser,
  sfuServer,
}) => {
  test.setTimeout(240_000);
  const base = sfuServer.httpUrl;
  const presenter = await openMoim(browser, base, 'Presenter');
  const roomId = await createRoom(presenter, 'Broadcast');
  await setControl(presenter, 'Camera', true);

  const viewerLink = await presenter.getByTestId('viewer-link').inputValue();
  const presenterLink = await copiedBy(presenter, 'Copy presenter link');
  expect(viewerLink).not.toContain('key=');
  expect(presenterLink).toMatch(/#key=[A-Za-z0-9_-]{22}$/);
  expect(presenterLink.split('#')[0]).toBe(viewerLink);

  // The viewer link, joined with 'Join' (a presenter's wish): the server makes a viewer, who never opens a device.
  const viewer = await deviceCountingPage(browser);
  await openLink(viewer, viewerLink, 'Viola');
  await expect(viewer.getByTestId('room-id')).toHaveText(roomId);
  await expect(viewer.getByText('Watching', { exact: true })).toBeVisible();
  await expect(viewer.getByRole('button', { name: 'Camera', exact: true })).toHaveCount(0);
  await expect(viewer.getByRole('button', { name: 'Copy presenter link' })).toHaveCount(0);

  // The presenter link presents: publish controls, and the others see a second presenter.
  const cohost = await deviceCountingPage(browser);
  await cohost.context().grantPermissions(['camera', 'microphone']);
  await openLink(cohost, presenterLink, 'Cora');
  await expect(cohost.getByTestId('room-id')).toHaveText(roomId);
  await setControl(cohost, 'Camera', true);
  await expect(cohost.getByText('Watching', { exact: true })).toHaveCount(0);

  // The presenter sees the viewer count, and on demand the viewers' names; a viewer can't ask.
  await expect(presenter.getByTestId('viewer-count')).toHaveText(/\b1\b/);
  await presenter.getByRole('button', { name: /^Participants/ }).click();
  const list = presenter.getByTestId('participant-list');
  await expect(list.getByTestId('participant')).toHaveCount(2);
  await expect(list.locator('[data-testid="participant"]', { hasText: 'Cora' })).toContainText('presenting');
  await presenter.getByRole('button', { name: 'Show viewers' }).click();
  await expect(presenter.getByTestId('viewer-list').getByRole('listitem')).toHaveText(['Viola']);
  await viewer.getByRole('button', { name: /^Participants/ }).click();
  await expect(viewer.getByRole('button', { name: 'Show viewers' })).toHaveCount(0);
  const refused = await viewer.evaluate(() =>
    window.moim!.engine!.listViewers().then(
      () => 'listed',
      (e: { code?: string }) => e.code ?? 'error',
    ),
  );
  expect(refused).toBe('FORBIDDEN');
  expect(await deviceRequests(viewer)).toBe(0);
  await closeAll([presenter, viewer, cohost]);
});

test('a watcher in a P2P room shows up as watching in everyone else’s participant list', async ({
  browser,
  sfuServer,
}) => {
  const base = sfuServer.httpUrl;
  const ann = await openMoim(browser, base, 'Ann');
  const roomId = await createRoom(ann, 'P2P');
  const bob = await openMoim(browser, base, 'Bob');
  await joinRoom(bob, roomId);
  const quiet = await watcher(browser, base, roomId, 'Quiet Quinn');
  for (const page of [ann, bob]) {
    await expect(page.getByTestId('watcher-count')).toHaveText(/\b1 watching\b/);
    await page.getByRole('button', { name: /^Participants \(3\)/ }).click();
    const entry = page.locator(`[data-testid="participant"][data-peer-id="${quiet.id}"]`);
    await expect(entry).toContainText('Quiet Quinn');
    await expect(entry.getByTestId('participant-role')).toHaveText('watching');
  }
  await closeAll([ann, bob, quiet.page]);
});
