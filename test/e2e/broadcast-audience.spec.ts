import { expect, test } from './support/fixtures';
import { createRoom, openMoim } from './support/moim-page';
import { closeAll, watcher } from './support/sfu-page';

// A broadcast presenter is never told the room is empty while people watch.

test('a broadcast presenter with viewers is told how many watch, not that nobody is here', async ({
  browser,
  roomServer,
}) => {
  test.setTimeout(120_000);
  const presenter = await openMoim(browser, roomServer.httpUrl, 'Presenter');
  const roomId = await createRoom(presenter, 'Broadcast');
  const hint = presenter.getByTestId('room-hint');
  await expect(hint).toHaveText('Nobody else is here yet. Share the room link to invite people.');

  const viewers = [
    await watcher(browser, roomServer.httpUrl, roomId, 'Viewer 1'),
    await watcher(browser, roomServer.httpUrl, roomId, 'Viewer 2'),
  ];
  await expect(presenter.getByTestId('viewer-count')).toHaveText('2 watching');
  await expect(hint).toHaveText("You're live. Watching now: 2.");
  await expect(presenter.getByText('Nobody else is here yet', { exact: false })).toHaveCount(0);

  // The last viewer leaves: the room is empty again, and the presenter is told so.
  await closeAll(viewers.map((v) => v.page));
  await expect(presenter.getByTestId('viewer-count')).toHaveText('0 watching');
  await expect(hint).toHaveText('Nobody else is here yet. Share the room link to invite people.');
  await closeAll([presenter]);
});
