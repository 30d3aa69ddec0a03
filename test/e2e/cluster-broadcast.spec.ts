import { test as base } from '@playwright/test';
import { TestCluster } from '../support/test-cluster';
import {
  expectEveryoneSeesAndHearsEveryone,
  expectVideoFrom,
  joinRoom,
  openMoim,
  peerIdOf,
  setControl,
} from './support/moim-page';
import { mediaPorts, recordPeerConnections } from './support/peer-connections';
import { closeAll, deviceRequests, pagesInRoom, watcher } from './support/sfu-page';

/** The RTC ports of server `i` of the cluster (its WebRtcServer's and its pipes'). */
const portRange = (i: number): [number, number] => [42000 + i * 500, 42499 + i * 500];

/** Redis and three clustered room servers with their own mediasoup worker and port range. */
const test = base.extend<object, { cluster: TestCluster }>({
  cluster: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const ports = (i: number) => [
        '--rtc-min-port',
        String(portRange(i)[0]),
        '--rtc-max-port',
        String(portRange(i)[1]),
      ];
      const cluster = await TestCluster.start(3, (i) => ['--workers', '1', ...ports(i)]);
      await use(cluster);
      await cluster.stop();
    },
    { scope: 'worker' },
  ],
});

test('a broadcast presented on one server reaches viewers on the two others, through their own servers', async ({
  browser,
  cluster,
}) => {
  test.setTimeout(120_000);
  const [a, b, c] = cluster.servers.map((s) => s.httpUrl) as [string, string, string];
  const { pages, ids, roomId } = await pagesInRoom(browser, a, 'Broadcast', ['Presenter']);
  await setControl(pages[0]!, 'Camera', true);
  const viewers = [
    await watcher(browser, b, roomId, 'On B', recordPeerConnections),
    await watcher(browser, c, roomId, 'On C', recordPeerConnections),
  ];
  for (const [i, { page }] of viewers.entries()) {
    await expectVideoFrom(page, ids[0]!, 'cam');
    expect(await deviceRequests(page)).toBe(0);
    // The viewer's media comes from the server it signed in on (piped there from A), not from A.
    const [min, max] = portRange(i + 1);
    const ports = await mediaPorts(page);
    expect(ports.length).toBeGreaterThan(0);
    for (const port of ports) expect(port >= min && port <= max, `port ${port} in ${min}-${max}`).toBe(true);
  }
  await closeAll([...pages, ...viewers.map((v) => v.page)]);
});

test('an SFU meeting across two servers: each member sees and hears the other (B sends to A, receives on B)', async ({
  browser,
  cluster,
}) => {
  test.setTimeout(120_000);
  const [a, b] = cluster.servers.map((s) => s.httpUrl) as [string, string];
  const { pages, roomId } = await pagesInRoom(browser, a, 'Group (SFU)', ['Ana']);
  const bo = await openMoim(browser, b, 'Bo');
  await recordPeerConnections(bo);
  await bo.reload();
  await bo.getByLabel('Your name').fill('Bo');
  await joinRoom(bo, roomId);
  const members = [pages[0]!, bo];
  await expectEveryoneSeesAndHearsEveryone(members, await Promise.all(members.map(peerIdOf)));
  // Bo's send transport is on A, which hosts the room; its receive transport is on B, where Bo signed in.
  const inRange = (port: number, i: number) => port >= portRange(i)[0] && port <= portRange(i)[1];
  const ports = await mediaPorts(bo);
  expect(
    ports.filter((port) => inRange(port, 0)),
    `ports ${ports.join(',')}`,
  ).toHaveLength(1);
  expect(
    ports.filter((port) => inRange(port, 1)),
    `ports ${ports.join(',')}`,
  ).toHaveLength(1);
  await closeAll(members);
});

const { expect } = test;
