import { test as base } from '@playwright/test';
import { TestCluster } from '../support/test-cluster';
import { closeAll } from './support/sfu-page';
import { createRoom, expectEveryoneSeesAndHearsEveryone, joinRoom, openMoim, peerIdOf } from './support/moim-page';

/** Redis and two clustered room servers (real processes) for this file. */
const test = base.extend<object, { cluster: TestCluster }>({
  cluster: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const cluster = await TestCluster.start(2);
      await use(cluster);
      await cluster.stop();
    },
    { scope: 'worker' },
  ],
});

test('two people on different servers of a cluster share a P2P room and decode each other', async ({
  browser,
  cluster,
}) => {
  const [first, second] = cluster.servers as [(typeof cluster.servers)[0], (typeof cluster.servers)[0]];
  const ana = await openMoim(browser, first.httpUrl, 'Ana');
  const bo = await openMoim(browser, second.httpUrl, 'Bo');
  const roomId = await createRoom(ana, 'P2P');
  await joinRoom(bo, roomId);
  await expectEveryoneSeesAndHearsEveryone([ana, bo], [await peerIdOf(ana), await peerIdOf(bo)]);
  await closeAll([ana, bo]);
});
