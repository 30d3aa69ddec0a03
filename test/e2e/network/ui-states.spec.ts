import { createRoom, joinRoom, peerIdOf, setControl, tileOf } from '../support/moim-page';
import { expect, test } from './support/lab-fixture';
import { msUntilVideoMoves, openRecorded, videoReceive } from './support/receive-stats';

// What a user sees when the network misbehaves, under real faults in the lab (one lab, one call, both faults in
// turn): during a link outage the "Reconnecting…" banner and the tile's "Poor connection", both gone once video
// decodes again; on a link capped far below the lowest layer, "Poor connection" on the tile until the cap lifts.

test.describe.configure({ timeout: 240_000 });

test('a viewer sees "Reconnecting…" during an outage and "Poor connection" on a starved link, and both clear when the link recovers', async ({
  lab,
  labServer,
  browserOn,
}) => {
  const ana = await openRecorded(await browserOn('a'), labServer.httpUrl, 'Ana');
  const bo = await openRecorded(await browserOn('b'), labServer.httpUrl, 'Bo');
  const roomId = await createRoom(ana, 'Group (SFU)');
  await joinRoom(bo, roomId);
  await setControl(ana, 'Camera', true);
  await expect.poll(async () => (await videoReceive(bo)).framesDecoded, { timeout: 30_000 }).toBeGreaterThan(0);
  const anaTile = tileOf(bo, await peerIdOf(ana));
  const banner = bo.getByTestId('connection-banner');
  const poor = anaTile.getByText('Poor connection');
  await expect(banner).toHaveCount(0);
  await expect(poor).toHaveCount(0);

  // Every packet of Bo's link dropped (the link stays up): the picture stops, then the ladder's grace passes.
  await lab.node('b').link.blackhole(true);
  await expect(poor, 'the tile says its picture stopped').toBeVisible({ timeout: 10_000 });
  await expect(banner, 'the banner says the call is being repaired').toContainText('Reconnecting', {
    timeout: 20_000,
  });
  await lab.node('b').link.blackhole(false);
  const movedMs = await msUntilVideoMoves(bo, 30_000);
  await expect(banner, 'the banner goes once video is back').toHaveCount(0, { timeout: 15_000 });
  await expect(poor).toHaveCount(0, { timeout: 5_000 });
  console.log(`after a silent outage: video moved ${movedMs} ms after the link returned; banner and tile cleared`);

  // 20 kbit/s to Bo is far below the lowest simulcast layer: the picture stalls while signaling stays up.
  await lab.node('b').link.cap(20, 'down');
  await expect(poor, 'a starved link shows on the tile').toBeVisible({ timeout: 20_000 });
  await lab.node('b').link.cap(undefined, 'down');
  await msUntilVideoMoves(bo, 30_000);
  await expect(poor, 'the tile clears once the cap lifts').toHaveCount(0, { timeout: 15_000 });
  await expect(banner).toHaveCount(0, { timeout: 15_000 });
});
