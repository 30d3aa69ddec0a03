// Cameras on other computers: over HTTPS with the server's self-signed certificate a call works; over plain
// http from a name that is not this computer the page is no secure context and the buttons say why.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, expect, test, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { startRoomServer, type RoomServerProcess } from '../support/room-server';
import { closeAll, pagesInRoom } from './support/sfu-page';
import { createRoom, expectEveryoneSeesAndHearsEveryone, openMoim } from './support/moim-page';

/** A name that resolves to this computer but is not loopback to Chromium, like a LAN address. */
const LAN_NAME = 'moim.test';

/** Our Chromium args with the host-resolver rule extended by `extraRules` and `extra` flags appended. */
function launch(extraRules: string, extra: string[] = []): Promise<Browser> {
  const args = CHROMIUM_ARGS.map((arg) =>
    arg.startsWith('--host-resolver-rules=') ? arg.replace('=', `=${extraRules}, `) : arg,
  );
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...args, ...extra] });
}

let dataDir: string;
let server: RoomServerProcess | undefined;
let browser: Browser | undefined;

test.beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'moim-e2e-tls-'));
});

test.afterEach(async () => {
  await browser?.close();
  await server?.stop();
  browser = server = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

test('over https with the self-signed certificate the page is a secure context and a P2P call works', async () => {
  server = await startRoomServer(['--no-sfu', '--tls', 'self-signed', '--data-dir', dataDir]);
  expect(server.httpUrl).toMatch(/^https:/);
  // What a person does after comparing the fingerprint and clicking "Proceed".
  browser = await launch('EXCLUDE localhost', ['--ignore-certificate-errors']);
  const { pages, ids } = await pagesInRoom(browser, server.httpUrl, 'P2P', ['Ana', 'Bo']);
  for (const page of pages) {
    expect(await page.evaluate(() => window.isSecureContext)).toBe(true);
    expect(await page.evaluate(() => window.moim?.engine?.peerId)).toBeTruthy(); // signaling over wss
  }
  await expectEveryoneSeesAndHearsEveryone(pages, ids);
  await closeAll(pages);
});

test('over plain http from another computer the camera button says it needs HTTPS', async () => {
  server = await startRoomServer(['--no-sfu', '--allowed-hosts', LAN_NAME]);
  browser = await launch(`MAP ${LAN_NAME} 127.0.0.1`);
  const baseUrl = server.httpUrl.replace('127.0.0.1', LAN_NAME);
  const page = await openMoim(browser, baseUrl, 'Ana');
  expect(await page.evaluate(() => ({ secure: window.isSecureContext, devices: 'mediaDevices' in navigator }))).toEqual(
    {
      secure: false,
      devices: false,
    },
  );
  await createRoom(page, 'P2P'); // signaling works from the LAN name; only devices are withheld

  for (const control of ['Camera', 'Microphone', 'Share screen']) {
    await page.getByRole('button', { name: control, exact: true }).click();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('need HTTPS on other computers');
    await expect(alert).not.toContainText('Something went wrong');
    await expect(page.getByRole('dialog', { name: 'Choose what to share' })).toHaveCount(0);
  }
  await page.context().close();
});
