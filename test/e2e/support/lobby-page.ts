import { expect, type Browser, type Page } from '@playwright/test';
import { openMoim } from './moim-page';

/** Saves `name` as the display name (Settings), which the lobby shows to others. */
export async function saveDisplayName(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByLabel('Display name').fill(name);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
}

/** Opens the lobby and goes online. */
export async function goOnline(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Lobby', exact: true }).click();
  await page.getByRole('button', { name: 'Go online', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Go offline', exact: true })).toBeVisible();
}

/** Opens Moim as `name` and goes online in the lobby. */
export async function openOnline(browser: Browser, baseUrl: string, name: string): Promise<Page> {
  const page = await openMoim(browser, baseUrl, name);
  await saveDisplayName(page, name);
  await goOnline(page);
  return page;
}

/** The lobby's call button for `name` (present while `name` is listed online). */
export function callButton(page: Page, name: string) {
  return page.getByRole('button', { name: `Call ${name}`, exact: true });
}

/** The incoming-call prompt. */
export function incomingCall(page: Page) {
  return page.getByRole('alertdialog');
}

/** Waits until the lobby says the last call ended for `reason`. */
export async function expectCallEnded(page: Page, reason: string): Promise<void> {
  await expect(page.getByTestId('call-ended')).toHaveAttribute('data-reason', reason);
}
