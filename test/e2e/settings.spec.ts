import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { fakeDesktopShell, shellSecrets, shellUpdates } from './support/desktop-shell';
import { createRoom } from './support/moim-page';

/** Records every unhandled promise rejection on the page, so a test can require that there were none. */
async function watchRejections(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(window, { __rejections: seen });
    window.addEventListener('unhandledrejection', (event) => seen.push(String(event.reason)));
  });
}

async function rejections(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __rejections: string[] }).__rejections);
}

test('in the browser the room server is the page’s own: no address field, and a stale saved address is never used', async ({
  browser,
  roomServer,
}) => {
  const context = await browser.newContext();
  await watchRejections(context);
  const page = await context.newPage();
  await page.goto(`${roomServer.httpUrl}/`);
  // An address saved by an older version, which this page's CSP could never connect to.
  await page.evaluate(() =>
    localStorage.setItem('moim.settings.v1', JSON.stringify({ serverUrl: 'ws://127.0.0.1:9', displayName: 'Ana' })),
  );
  await page.reload();
  const ownServer = roomServer.httpUrl.replace(/^http/, 'ws');

  await expect(page.getByLabel('Your name')).toHaveValue('Ana');
  await expect(page.getByLabel('Room server address')).toHaveCount(0);
  // The room is created on the page's own server, not after a 10 s wait for an unreachable one.
  await createRoom(page);

  await page.getByRole('button', { name: 'Leave', exact: true }).click();
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(page.getByLabel('Room server address')).toHaveCount(0);
  await expect(page.getByText(`This page talks to the room server it came from: ${ownServer}`)).toBeVisible();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('moim.settings.v1') ?? '{}'));
  expect(stored.serverUrl).toBe(ownServer);
  expect(await rejections(page)).toEqual([]);
  await context.close();
});

test('a server address the settings schema refuses gets an inline error, nothing is saved and nothing is left unhandled', async ({
  browser,
  roomServer,
}) => {
  const ownServer = roomServer.httpUrl.replace(/^http/, 'ws');
  const context = await browser.newContext();
  await watchRejections(context);
  await fakeDesktopShell(context, { serverUrl: ownServer });
  const page = await context.newPage();
  await page.goto(`${roomServer.httpUrl}/`);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const field = page.getByRole('textbox', { name: /^Room server address/ });
  await expect(field).toHaveValue(ownServer);

  await field.fill('ws://u:p@127.0.0.1:8480');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#serverUrl-error')).toHaveText(/no user name or password/);
  await expect(field).toBeFocused();
  await expect(page.getByText('Settings saved.')).toHaveCount(0);
  expect(await shellUpdates(page)).toEqual([]);

  // An address nobody answers at is refused too, and not saved: it never connected.
  await field.fill('ws://127.0.0.1:9');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('#serverUrl-error')).toHaveText(/No room server answered/);
  expect(await shellUpdates(page)).toEqual([]);

  // A good address (the same server, spelled with its trailing slash) connects, is saved, and the error goes.
  const sameServer = `${ownServer}/`;
  await field.fill(sameServer);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'false');
  expect((await shellUpdates(page)).map((u) => u.serverUrl)).toEqual([sameServer]);
  expect(await rejections(page)).toEqual([]);
  await context.close();
});

test('the kiosk invitation token is checked, then stored as the encrypted authToken secret, apart from Save', async ({
  browser,
  roomServer,
}) => {
  const context = await browser.newContext();
  await watchRejections(context);
  await fakeDesktopShell(context, { serverUrl: roomServer.httpUrl.replace(/^http/, 'ws') });
  const page = await context.newPage();
  await page.goto(`${roomServer.httpUrl}/`);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const secrets = () => shellSecrets(page);
  const field = page.getByLabel('Kiosk invitation token');

  await field.fill('https://meet.example.org/?room=townhall');
  await page.getByRole('button', { name: 'Set kiosk token', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'That is not an invitation token: copy the part after #token= of the link.',
  );
  expect(await secrets()).toEqual([]);

  const token = 'eyJhbGciOiJIUzI1NiJ9.eyJyb29tIjoidG93bmhhbGwifQ.c2lnbmF0dXJl';
  await field.fill(token);
  await field.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Kiosk token saved (encrypted).' })).toBeVisible();
  await expect(field).toHaveValue('');
  expect(await secrets()).toEqual([['authToken', token]]);
  expect(await shellUpdates(page)).toEqual([]);
  expect(await rejections(page)).toEqual([]);
  await context.close();
});
