import type { Browser, Page } from '@playwright/test';
import { createRoom, peerIdOf, setControl } from '../support/moim-page';
import { framesFrom } from '../support/sfu-page';
import { expect, test } from './support/lab-fixture';
import { openRecorded } from './support/receive-stats';

// A kiosk whose media path starves while its connections stay up: the lab drops every UDP packet of 256 bytes or
// more towards it (video), while ICE consent checks and signaling (TCP) pass, so neither the socket nor ICE
// notices. Only the kiosk watchdog, which watches the picture, can: it re-subscribes, then recreates the
// transport, then reloads the view. The fault lasts until the reload, so each step is seen to be taken.

const STEPS = ['step 1: re-subscribe', 'step 2: recreate transport', 'step 3: reload view'];

test.describe.configure({ timeout: 180_000 });

/** Opens the browser kiosk for `roomId` with its warnings logged to the console; collects every console line. */
async function openKiosk(browser: Browser, baseUrl: string, roomId: string, lines: string[]): Promise<Page> {
  const context = await browser.newContext();
  // The renderer logs through `debug`, which reads its namespaces from localStorage in a browser.
  await context.addInitScript(() => localStorage.setItem('debug', 'moim:*:WARN:*'));
  const page = await context.newPage();
  page.on('console', (message) => lines.push(message.text()));
  await page.goto(`${baseUrl}/?kiosk=1&room=${roomId}`);
  return page;
}

/** Frames `page` decodes from `peerId` over the next `ms` (≤ 0 when the picture stands still or a consumer was replaced). */
async function framesGained(page: Page, peerId: string, ms: number): Promise<number> {
  const before = await framesFrom(page, peerId);
  await new Promise((resolve) => setTimeout(resolve, ms));
  return (await framesFrom(page, peerId)) - before;
}

test('a kiosk whose video stops while it stays connected re-subscribes, recreates its transport, reloads, and shows the broadcast again', async ({
  lab,
  labServer,
  browserOn,
}) => {
  const presenter = await openRecorded(await browserOn('a'), labServer.httpUrl, 'Presenter');
  const roomId = await createRoom(presenter, 'Broadcast');
  await setControl(presenter, 'Camera', true);
  const presenterId = await peerIdOf(presenter);
  const lines: string[] = [];
  const kiosk = await openKiosk(await browserOn('c'), labServer.httpUrl, roomId, lines);
  await expect.poll(() => framesFrom(kiosk, presenterId), { timeout: 30_000 }).toBeGreaterThan(0);
  const logged = (step: string) => lines.some((line) => line.includes(`kiosk watchdog: ${step}`));

  await lab.node('c').link.dropLargeUdp(true);
  const starved = Date.now();
  for (const step of STEPS.slice(0, 2)) {
    await expect.poll(() => logged(step), { message: `watchdog logs "${step}"`, timeout: 30_000 }).toBe(true);
    // Still starved: the lighter repair did not bring the picture back.
    expect(await framesGained(kiosk, presenterId, 1500), `frames decoded just after "${step}"`).toBeLessThan(3);
  }
  await expect.poll(() => logged(STEPS[2]!), { message: 'watchdog reloads the view', timeout: 30_000 }).toBe(true);
  const reloaded = Date.now();
  await lab.node('c').link.dropLargeUdp(false);

  // The reloaded kiosk (a fresh page, engine and join) decodes the presenter again.
  await expect.poll(() => framesFrom(kiosk, presenterId).catch(() => 0), { timeout: 45_000 }).toBeGreaterThan(10);
  console.log(
    `kiosk watchdog: reload ${reloaded - starved} ms after the media path starved; ` +
      `picture back ${Date.now() - reloaded} ms after the reload; log:\n` +
      lines.filter((line) => line.includes('kiosk watchdog')).join('\n'),
  );
  expect(lines.some((line) => line.includes('kiosk watchdog: no new frame'))).toBe(true);
});
