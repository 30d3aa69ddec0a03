import { expectVideoFrom, setControl } from './support/moim-page';
import { closeAll, pagesInRoom, watcher } from './support/sfu-page';
import { expect, withSfuServer } from './support/sfu-server';

// A broadcast past --consumers-per-router (set to 1 here) on two mediasoup workers: viewers beyond the first
// are served by an edge router on the other worker, fed from the origin by pipeToRouter. Every viewer decodes.
const test = withSfuServer({ workers: 2, consumersPerRouter: 1 });

test('three viewers of a broadcast spread over the origin and an edge router on another worker, and all decode', async ({
  browser,
  sfuServer,
}) => {
  test.setTimeout(150_000);
  const base = sfuServer.httpUrl;
  const { pages, ids, roomId } = await pagesInRoom(browser, base, 'Broadcast', ['Presenter']);
  const [presenter, presenterId] = [pages[0]!, ids[0]!];
  await setControl(presenter, 'Camera', true);
  const viewers = [];
  for (const name of ['Viewer 1', 'Viewer 2', 'Viewer 3']) viewers.push(await watcher(browser, base, roomId, name));
  for (const { page } of viewers) await expectVideoFrom(page, presenterId, 'cam');

  const dump = await sfuServer.dump();
  const origin = dump.rooms.find((r) => r.roomId === roomId)!;
  const edges = dump.edgeRouters.filter((r) => r.roomId === roomId);
  // More than one router in use: the origin on one worker, an edge on the other, each with viewers' consumers.
  expect(edges).toHaveLength(1);
  expect(edges[0]!.workerPid).not.toBe(origin.workerPid);
  expect(edges[0]!.consumerIds.length).toBeGreaterThan(0);
  // The edge holds the presenter's producers under their own ids, each fed by one pipe consumer on the origin.
  expect(edges[0]!.producerIds).toEqual(origin.producerIds);
  const pipes = origin.producerIds.length;
  expect(origin.consumerIds.length + edges[0]!.consumerIds.length).toBe(3 + pipes);
  expect(dump.workers.map((w) => w.routerIds.length)).toEqual([1, 1]);

  await closeAll([...viewers.map((v) => v.page), presenter]);
  await expect.poll(async () => (await sfuServer.dump()).edgeRouters).toEqual([]);
});
