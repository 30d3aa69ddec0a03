import type { Page } from '@playwright/test';
import { expectVideoFrom, setControl, tileOf } from './support/moim-page';
import { closeAll, framesFrom, pagesInRoom } from './support/sfu-page';
import { expect, test } from './support/sfu-server';

// The room's mediasoup worker dies mid-call: the server moves the room to a new worker and says mediaReset;
// every client sets its transports up again, produces again and consumes again, and the picture comes back.

test('after the media worker dies, a call through the SFU recovers by itself', async ({ browser, sfuServer }) => {
  const { pages, ids, roomId } = await pagesInRoom(browser, sfuServer.httpUrl, 'Group (SFU)', ['Ana', 'Bo']);
  for (const page of pages) await setControl(page, 'Camera', true);
  await expectVideoFrom(pages[0]!, ids[1]!, 'cam');
  await expectVideoFrom(pages[1]!, ids[0]!, 'cam');

  const before = (await sfuServer.dump()).rooms.find((r) => r.roomId === roomId)!;
  process.kill(before.workerPid, 'SIGKILL');
  // A dump asked for while the worker is dying fails; ask again.
  const workerPid = () =>
    sfuServer.dump().then(
      (d) => d.rooms.find((r) => r.roomId === roomId)?.workerPid,
      () => undefined,
    );
  await expect.poll(workerPid, { message: 'the room moved to a new worker' }).not.toBe(before.workerPid);
  await expect.poll(workerPid).toBeDefined();

  // The picture moves again: frames decoded keep increasing (the old consumers' counts stopped with the worker).
  const progress = async (page: Page, peerId: string) => {
    const start = await framesFrom(page, peerId);
    await new Promise((resolve) => setTimeout(resolve, 500));
    return (await framesFrom(page, peerId)) - start;
  };
  for (const [i, page] of pages.entries()) {
    const other = ids[1 - i]!;
    await expect
      .poll(() => progress(page, other), { message: `${other}'s camera moving again`, timeout: 30_000 })
      .toBeGreaterThan(3);
    await expect(tileOf(page, other)).toBeVisible();
  }
  const after = (await sfuServer.dump()).rooms.find((r) => r.roomId === roomId)!;
  expect(after.producerIds).toHaveLength(2);
  expect(after.consumerIds).toHaveLength(2);
  await closeAll(pages);
});
