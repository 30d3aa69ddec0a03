import { test as base } from '@playwright/test';
import { TestCluster } from '../support/test-cluster';
import { expectVideoFrom, setControl } from './support/moim-page';
import { closeAll, deviceRequests, pagesInRoom, watcher } from './support/sfu-page';

/** Redis and three clustered room servers with their own mediasoup worker and port range. */
const test = base.extend<object, { cluster: TestCluster }>({
  cluster: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const ports = (i: number) => [
        '--rtc-min-port',
        String(42000 + i * 500),
        '--rtc-max-port',
        String(42499 + i * 500),
      ];
      const cluster = await TestCluster.start(3, (i) => ['--workers', '1', ...ports(i)]);
      await use(cluster);
      await cluster.stop();
    },
    { scope: 'worker' },
  ],
});

test('a broadcast presented on one server reaches viewers signed in on the two others', async ({
  browser,
  cluster,
}) => {
  test.setTimeout(120_000);
  const [a, b, c] = cluster.servers.map((s) => s.httpUrl) as [string, string, string];
  const { pages, ids, roomId } = await pagesInRoom(browser, a, 'Broadcast', ['Presenter']);
  await setControl(pages[0]!, 'Camera', true);
  const viewers = [await watcher(browser, b, roomId, 'On B'), await watcher(browser, c, roomId, 'On C')];
  for (const { page } of viewers) {
    await expectVideoFrom(page, ids[0]!, 'cam');
    expect(await deviceRequests(page)).toBe(0);
  }
  await closeAll([...pages, ...viewers.map((v) => v.page)]);
});

const { expect } = test;
