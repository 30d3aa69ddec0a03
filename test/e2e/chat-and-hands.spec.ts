import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startRoomServer, type RoomServerProcess } from '../support/room-server';
import { createRoom, joinRoom, openMoim, setControl } from './support/moim-page';
import { closeAll, deviceRequests, openKiosk, watcher } from './support/sfu-page';

// Chat, raised hands, reactions and the recording indicator through the real UI, a real room server process and
// (for recording) real mediasoup and ffmpeg. Playwright's CSS locators pierce the components' open shadow roots.

const XSS = '<img src=x onerror="window.__pwned=1">';
const LINK = 'https://example.com/docs?q=1';

/** A room server with its own data directory, so recordings land in a fresh folder. */
async function server(): Promise<RoomServerProcess> {
  return startRoomServer(['--data-dir', mkdtempSync(path.join(os.tmpdir(), 'moim-chat-')), '--workers', '1']);
}

const chatButton = (page: Page) => page.getByRole('button', { name: /^Chat/ });
const unreadBadge = (page: Page) => page.getByTestId('unread-badge');
const chatLog = (page: Page) => page.getByTestId('chat-log');

/** Opens the chat panel with its button (when closed) and sends `text` with Enter. */
async function say(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Message' });
  if (!(await box.isVisible())) await chatButton(page).click();
  await box.fill(text);
  await box.press('Enter');
  await expect(box).toHaveValue('');
}

test('chat between members of a P2P room: unread badge, safe text and links, late joiners see earlier messages, reactions reach the others', async ({
  browser,
}) => {
  const room = await server();
  try {
    const ana = await openMoim(browser, room.httpUrl, 'Ana');
    const roomId = await createRoom(ana, 'P2P');
    const bo = await openMoim(browser, room.httpUrl, 'Bo');
    await joinRoom(bo, roomId);

    // Ana writes; Bo's chat is closed, so the badge counts.
    await say(ana, 'hello from Ana');
    await expect(unreadBadge(bo)).toHaveText('1');
    await say(ana, XSS);
    await say(ana, `read ${LINK}, then reply`);
    await expect(unreadBadge(bo)).toHaveText('3');
    await expect(chatButton(bo)).toHaveAccessibleName(/3 unread/);

    // Opening the chat reads everything: the badge goes; the markup is text, the URL a safe link.
    await chatButton(bo).click();
    await expect(unreadBadge(bo)).toHaveCount(0);
    await expect(chatLog(bo)).toContainText('hello from Ana');
    await expect(chatLog(bo).locator('chat-message').nth(1)).toContainText(XSS);
    await expect(bo.locator('chat-panel img, chat-message img')).toHaveCount(0);
    expect(await bo.evaluate(() => (window as Window & { __pwned?: unknown }).__pwned)).toBeUndefined();
    const link = chatLog(bo).getByRole('link', { name: LINK });
    await expect(link).toHaveAttribute('href', LINK);
    await expect(link).toHaveAttribute('target', '_blank');
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer');

    // While the panel is open nothing counts; closed again (Alt+C), the next message does.
    await say(ana, 'second thought');
    await expect(chatLog(bo)).toContainText('second thought');
    await expect(unreadBadge(bo)).toHaveCount(0);
    await bo.keyboard.press('Alt+KeyC');
    await expect(chatLog(bo)).toBeHidden();
    await say(ana, 'one more');
    await expect(unreadBadge(bo)).toHaveText('1');

    // A late joiner is handed the earlier messages.
    const cy = await openMoim(browser, room.httpUrl, 'Cy');
    await joinRoom(cy, roomId);
    await chatButton(cy).click();
    await expect(chatLog(cy).locator('chat-message')).toHaveCount(5);
    await expect(chatLog(cy)).toContainText('hello from Ana');
    await expect(chatLog(cy).getByRole('link', { name: LINK })).toHaveAttribute('rel', 'noopener noreferrer');
    expect(await cy.evaluate(() => (window as Window & { __pwned?: unknown }).__pwned)).toBeUndefined();

    // A reaction floats on everyone's screen with the sender's name; P2P rooms have no record button.
    await bo.getByRole('button', { name: 'Applause' }).click();
    for (const page of [ana, cy]) {
      await expect(page.locator('reaction-overlay li[data-reaction="clap"]')).toContainText('Bo');
    }
    await expect(ana.getByRole('button', { name: /Record/ })).toHaveCount(0);
    await closeAll([ana, bo, cy]);
  } finally {
    await room.stop();
  }
});

test('in a broadcast a viewer raises a hand the presenter sees, still cannot publish; the kiosk has no chat; everyone sees the recording indicator', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const room = await server();
  try {
    const presenter = await openMoim(browser, room.httpUrl, 'Presenter');
    const roomId = await createRoom(presenter, 'Broadcast');
    await setControl(presenter, 'Camera', true);
    await setControl(presenter, 'Microphone', true);
    const { page: viewer } = await watcher(browser, room.httpUrl, roomId, 'Vivi');
    const kiosk = await openKiosk(browser, room.httpUrl, roomId);
    await expect(kiosk.locator('kiosk-view video-tile[chromeless]')).toBeVisible();

    // The viewer raises a hand from the keyboard; the presenter sees it by name.
    await expect(viewer.getByRole('button', { name: 'Camera', exact: true })).toHaveCount(0);
    await viewer.keyboard.press('Alt+KeyH');
    const hand = viewer.getByRole('button', { name: /Raise hand/ });
    await expect(hand).toHaveAttribute('aria-pressed', 'true');
    await expect(presenter.getByTestId('raised-hands')).toContainText('Vivi');
    await expect(presenter.getByTestId('raised-hands')).toContainText('Raised hands (1)');
    // Viewers chat too; the presenter reads it.
    await say(viewer, 'a question from the back');
    await expect(unreadBadge(presenter)).toHaveText('1');
    // Lowered, it leaves the presenter's list; raised again, the presenter lowers it.
    await hand.click();
    await expect(presenter.getByTestId('raised-hands')).toHaveCount(0);
    await hand.click();
    await presenter.getByRole('button', { name: 'Lower the hand of Vivi' }).click();
    await expect(hand).toHaveAttribute('aria-pressed', 'false');
    await expect(presenter.getByTestId('raised-hands')).toHaveCount(0);

    // A viewer has no record button; the presenter records, and everyone sees it — the kiosk too.
    await expect(viewer.getByRole('button', { name: /Record/ })).toHaveCount(0);
    const record = presenter.getByRole('button', { name: /^(Record|Stop recording)$/ });
    await record.click();
    await expect(record).toHaveAttribute('aria-pressed', 'true');
    for (const page of [presenter, viewer, kiosk]) {
      await expect(page.getByTestId('recording-indicator')).toHaveText('Recording');
    }
    await presenter.getByRole('button', { name: /Stop recording/ }).click();
    for (const page of [presenter, viewer, kiosk]) await expect(page.getByTestId('recording-indicator')).toHaveCount(0);

    // The kiosk shows no chat and no social controls, and never asked for a device.
    await expect(kiosk.locator('chat-panel, room-actions')).toHaveCount(0);
    await expect(kiosk.getByRole('button', { name: /Chat/ })).toHaveCount(0);
    expect(await deviceRequests(kiosk)).toBe(0);
    expect(await deviceRequests(viewer)).toBe(0);
    await closeAll([presenter, viewer, kiosk]);
  } finally {
    await room.stop();
  }
});
