import { test as base, type Page } from '@playwright/test';
import { freePort } from '../support/free-port';
import { TestCluster } from '../support/test-cluster';
import { peerIdOf, setControl } from './support/moim-page';
import { closeAll, deviceRequests, framesFrom, pagesInRoom, watcher } from './support/sfu-page';

/**
 * A server of the cluster dies (SIGKILL): its clients sign in on another server of their server list (each
 * server names the others with --failover-servers) and get back into the room; a room the dead server hosted is
 * re-homed by the presenter's client, which holds its key. A fresh cluster per test, since each test kills a server.
 */
const test = base.extend<{ cluster: TestCluster }>({
  // eslint-disable-next-line no-empty-pattern
  cluster: async ({}, use) => {
    const ports: number[] = [];
    while (ports.length < 3) {
      const port = await freePort();
      if (!ports.includes(port)) ports.push(port);
    }
    const ws = ports.map((port) => `ws://127.0.0.1:${port}`);
    const args = (i: number) => [
      '--workers',
      '1',
      '--rtc-min-port',
      String(43500 + i * 500),
      '--rtc-max-port',
      String(43999 + i * 500),
      '--failover-servers',
      ws.filter((_, j) => j !== i).join(','),
    ];
    const cluster = await TestCluster.start(3, args, ports);
    await use(cluster);
    await cluster.stop();
  },
});

/** Generous bound from the kill to decoding again that only catches a hang; the figure that matters is printed. */
const BACK_WITHIN_MS = 30_000;

/** What is left of the bound that started at `since`. */
const left = (since: number) => Math.max(1000, since + BACK_WITHIN_MS - Date.now());

/** Records the signaling WebSockets `page` opens from now on: the last one still open is its server. */
function signalingOf(page: Page): () => string | null {
  const sockets: { url: string; open: boolean }[] = [];
  page.on('websocket', (socket) => {
    const entry = { url: socket.url(), open: true };
    sockets.push(entry);
    socket.on('close', () => (entry.open = false));
  });
  return () => sockets.findLast((s) => s.open)?.url ?? null;
}

/** The port a ws/http address names. */
const portOf = (url: string | null) => (url ? new URL(url).port : '');

/** Counts camera/microphone/screen requests on a page that is already open (a presenter's). */
async function countDeviceRequests(page: Page): Promise<void> {
  await page.evaluate(() => {
    const devices = navigator.mediaDevices;
    const w = window as Window & { __deviceRequests?: number };
    w.__deviceRequests = 0;
    const gum = devices.getUserMedia.bind(devices);
    const gdm = devices.getDisplayMedia.bind(devices);
    devices.getUserMedia = (c) => ((w.__deviceRequests! += 1), gum(c));
    devices.getDisplayMedia = (c) => ((w.__deviceRequests! += 1), gdm(c));
  });
}

/** Waits until `page` is signed in again under a new peer id on a server other than `deadPort`; the new id. */
async function signedInElsewhere(
  page: Page,
  before: string,
  server: () => string | null,
  deadPort: string,
  since = Date.now(),
) {
  await expect
    .poll(
      async () => {
        const id = await page.evaluate(() => window.moim?.engine?.peerId ?? null);
        const url = server();
        return id !== null && id !== before && url !== null && portOf(url) !== deadPort;
      },
      { timeout: left(since), message: 'signed in on another server' },
    )
    .toBe(true);
  return peerIdOf(page);
}

/** Waits until `page` decodes new frames of `peerId`'s camera and sees them advance; when they first came. */
async function decodingAgain(page: Page, peerId: string, since = Date.now()): Promise<number> {
  let first = 0;
  await expect
    .poll(
      async () => {
        const frames = await framesFrom(page, peerId);
        if (frames > 0 && first === 0) first = Date.now();
        return frames;
      },
      { timeout: left(since), message: `frames of ${peerId}'s camera decoded` },
    )
    .toBeGreaterThan(0);
  const then = await framesFrom(page, peerId);
  await expect
    .poll(() => framesFrom(page, peerId), { timeout: left(since), message: 'frames advance' })
    .toBeGreaterThan(then);
  return first;
}

test('a viewer whose server is killed signs in on another server of its list and decodes the presenter again', async ({
  browser,
  cluster,
}) => {
  test.setTimeout(120_000);
  const [a, b] = cluster.servers.map((s) => s.httpUrl) as [string, string, string];
  const { pages, ids, roomId } = await pagesInRoom(browser, a, 'Broadcast', ['Presenter']);
  await setControl(pages[0]!, 'Camera', true);
  const viewer = await watcher(browser, b, roomId, 'On B');
  await decodingAgain(viewer.page, ids[0]!);
  const server = signalingOf(viewer.page);

  const killedAt = Date.now();
  process.kill(cluster.servers[1]!.pid, 'SIGKILL');
  const newId = await signedInElsewhere(viewer.page, viewer.id, server, portOf(b), killedAt);
  const decodingAt = await decodingAgain(viewer.page, ids[0]!, killedAt);
  console.log(
    `[failover] viewer's server B killed → viewer decoding again on :${portOf(server())} (was ${viewer.id}, ` +
      `now ${newId}) after ${decodingAt - killedAt} ms`,
  );
  await expect(viewer.page.getByTestId('room-id')).toHaveText(roomId);
  expect(await deviceRequests(viewer.page)).toBe(0);
  await closeAll([...pages, viewer.page]);
});

test("the room's origin server killed: the presenter's page re-homes the room elsewhere and the viewer decodes again", async ({
  browser,
  cluster,
}) => {
  test.setTimeout(120_000);
  const [a, b] = cluster.servers.map((s) => s.httpUrl) as [string, string, string];
  const { pages, ids, roomId } = await pagesInRoom(browser, a, 'Broadcast', ['Presenter']);
  const presenter = pages[0]!;
  await setControl(presenter, 'Camera', true);
  await countDeviceRequests(presenter);
  const viewer = await watcher(browser, b, roomId, 'On B');
  await decodingAgain(viewer.page, ids[0]!);
  const presenterServer = signalingOf(presenter);

  const killedAt = Date.now();
  process.kill(cluster.servers[0]!.pid, 'SIGKILL');
  const presenterId = await signedInElsewhere(presenter, ids[0]!, presenterServer, portOf(a), killedAt);
  // The viewer's own server stays up: told `roomLost`, it joins again on it once the room is re-homed.
  const decodingAt = await decodingAgain(viewer.page, presenterId, killedAt);
  console.log(
    `[failover] origin server A killed → presenter on :${portOf(presenterServer())} re-homed the room, viewer on B ` +
      `decoding again after ${decodingAt - killedAt} ms`,
  );
  // The camera was published again from the stream it had: no new device request.
  expect(await deviceRequests(presenter)).toBe(0);
  expect(await viewer.page.evaluate(() => window.moim?.engine?.peerId)).toBe(viewer.id);
  await closeAll([...pages, viewer.page]);
});

const { expect } = test;
