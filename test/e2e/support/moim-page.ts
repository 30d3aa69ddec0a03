import { expect, type Browser, type Page } from '@playwright/test';
import type { RemoteStats } from '../../../renderer/engine';

/** The UI's room modes as the home view names them. */
export type UiMode = 'P2P' | 'Group (SFU)' | 'Broadcast';

/** Opens Moim's web client from `baseUrl` in a fresh browser context (its own camera, mic and storage). */
export async function openMoim(
  browser: Browser,
  baseUrl: string,
  name: string,
  query = '',
  prepare?: (page: Page) => Promise<void>,
): Promise<Page> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.log(`[${name}] page error: ${error.message}`));
  await prepare?.(page);
  await page.goto(`${baseUrl}/${query}`);
  const nameField = page.getByLabel('Your name');
  if (await nameField.count()) await nameField.fill(name);
  return page;
}

/** Creates a room from the home view and returns its id as the room view shows it. */
export async function createRoom(page: Page, mode: UiMode = 'P2P'): Promise<string> {
  if (mode !== 'P2P') await page.getByRole('radio', { name: new RegExp(`^${escape(mode)}`) }).check();
  await page.getByRole('button', { name: 'Create room' }).click();
  const roomId = page.getByTestId('room-id');
  await expect(roomId).toHaveText(/\S+/);
  return (await roomId.textContent())!.trim();
}

/** Joins a room by id from the home view; `watch` joins as a viewer. */
export async function joinRoom(page: Page, roomId: string, options: { watch?: boolean } = {}): Promise<void> {
  await page.getByLabel('Room ID or link').fill(roomId);
  await page.getByRole('button', { name: options.watch ? 'Watch' : 'Join', exact: true }).click();
  await expect(page.getByTestId('room-id')).toHaveText(roomId);
}

/** Opens a room link in a page with no name yet; types the name, then joins from the home view. */
export async function openLink(page: Page, link: string, name: string): Promise<void> {
  await page.goto(link);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
}

/** Presses a media control and waits until it shows the wanted state. */
export async function setControl(page: Page, name: 'Camera' | 'Microphone' | 'Share screen', on: boolean) {
  const button = page.getByRole('button', { name, exact: true });
  if ((await button.getAttribute('aria-pressed')) !== String(on)) await button.click();
  await expect(button).toHaveAttribute('aria-pressed', String(on));
}

/** Shares a screen through Moim's picker (the browser bridge offers screen/window/tab). */
export async function shareScreen(page: Page, option = 'Entire screen'): Promise<void> {
  await page.getByRole('button', { name: 'Share screen', exact: true }).click();
  const picker = page.getByRole('dialog', { name: 'Choose what to share' });
  await picker.getByRole('option', { name: option }).click();
  await picker.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Share screen', exact: true })).toHaveAttribute('aria-pressed', 'true');
}

/** This page's peer id, from the engine. */
export async function peerIdOf(page: Page): Promise<string> {
  await expect.poll(() => page.evaluate(() => window.moim?.engine?.peerId ?? null)).not.toBeNull();
  return (await page.evaluate(() => window.moim!.engine!.peerId))!;
}

/** Inbound figures of every remote track this page receives (inbound-rtp via the engine). */
export async function remoteStats(page: Page): Promise<RemoteStats[]> {
  return page.evaluate(async () => ((await window.moim?.engine?.getStats()) ?? []) as RemoteStats[]);
}

/** Waits until `page` decodes video frames of `peerId`'s `kind` (cam or screen). */
export async function expectVideoFrom(page: Page, peerId: string, kind: 'cam' | 'screen' = 'cam'): Promise<void> {
  await expect
    .poll(
      async () => {
        const s = (await remoteStats(page)).find(
          (r) => r.peerId === peerId && r.kind === kind && r.trackKind === 'video',
        );
        return s?.framesDecoded ?? 0;
      },
      { message: `video frames of ${peerId}'s ${kind} decoded` },
    )
    .toBeGreaterThan(0);
}

/** Waits until `page` receives audio packets of `peerId`'s microphone. */
export async function expectAudioFrom(page: Page, peerId: string): Promise<void> {
  await expect
    .poll(
      async () => {
        const s = (await remoteStats(page)).find(
          (r) => r.peerId === peerId && r.kind === 'mic' && r.trackKind === 'audio',
        );
        return s?.packetsReceived ?? 0;
      },
      { message: `audio packets of ${peerId}'s mic received` },
    )
    .toBeGreaterThan(0);
}

/** The remote tile of `peerId`'s `kind` in the room view. */
export function tileOf(page: Page, peerId: string, kind: 'cam' | 'screen' = 'cam') {
  return page.locator(`video-tile[data-peer-id="${peerId}"][data-kind="${kind}"]`);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Turns on everyone's camera and mic, then waits until each page shows, decodes and hears every other page. */
export async function expectEveryoneSeesAndHearsEveryone(pages: Page[], ids: string[]): Promise<void> {
  for (const page of pages) {
    await setControl(page, 'Camera', true);
    await setControl(page, 'Microphone', true);
  }
  for (const [i, page] of pages.entries()) {
    for (const [j, id] of ids.entries()) {
      if (i === j) continue;
      await expect(tileOf(page, id)).toBeVisible();
      await expectVideoFrom(page, id, 'cam');
      await expectAudioFrom(page, id);
    }
  }
}
