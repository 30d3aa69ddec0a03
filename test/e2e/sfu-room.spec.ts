import { expect, test } from './support/fixtures';
import {
  expectAudioFrom,
  expectEveryoneSeesAndHearsEveryone,
  expectVideoFrom,
  joinRoom,
  openMoim,
  setControl,
  tileOf,
} from './support/moim-page';
import { closeAll, pagesInRoom } from './support/sfu-page';

// Group calls through the real mediasoup SFU: every page sends one camera (3 simulcast layers) and one mic to
// the server, which forwards them to the others.

test('3 people in an SFU room each decode the two others’ video and receive their audio', async ({
  browser,
  roomServer,
}) => {
  const { pages, ids } = await pagesInRoom(browser, roomServer.httpUrl, 'Group (SFU)', ['Ana', 'Bo', 'Cy']);
  await expectEveryoneSeesAndHearsEveryone(pages, ids);
  // Someone is talking (the fake microphones beep): the SFU's active speaker is highlighted everywhere.
  for (const page of pages) await expect(page.locator('video-tile[data-speaking]')).toHaveCount(1);
  await closeAll(pages);
});

test('someone joining a running SFU call receives what was published before they came', async ({
  browser,
  roomServer,
}) => {
  const { pages, ids, roomId } = await pagesInRoom(browser, roomServer.httpUrl, 'Group (SFU)', ['Ana']);
  await setControl(pages[0]!, 'Camera', true);
  await setControl(pages[0]!, 'Microphone', true);
  const bo = await openMoim(browser, roomServer.httpUrl, 'Bo');
  await joinRoom(bo, roomId);
  await expect(tileOf(bo, ids[0]!)).toBeVisible();
  await expectVideoFrom(bo, ids[0]!, 'cam');
  await expectAudioFrom(bo, ids[0]!);
  await closeAll([...pages, bo]);
});
