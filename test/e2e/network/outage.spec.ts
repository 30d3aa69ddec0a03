import { joinRoom, setControl, type UiMode, createRoom } from '../support/moim-page';
import { expect, test } from './support/lab-fixture';
import { msUntilVideoMoves, openRecorded, videoReceive } from './support/receive-stats';

// A viewer's link drops for 10 s (the cable is pulled at the hub: its carrier goes) and comes back: how long
// until the picture moves again? The target (issue 11) is ≤ 3 s; this asserts only a bound that catches a hang.

const OUTAGE_MS = 10_000;
const RECOVERY_BOUND_MS = 30_000;

for (const mode of ['P2P', 'Group (SFU)'] as const satisfies UiMode[]) {
  test(`${mode}: after a 10 s outage of a viewer's link, video decodes again`, async ({
    lab,
    labServer,
    browserOn,
  }) => {
    test.setTimeout(120_000);
    const ana = await openRecorded(await browserOn('a'), labServer.httpUrl, 'Ana');
    const bo = await openRecorded(await browserOn('b'), labServer.httpUrl, 'Bo');
    const roomId = await createRoom(ana, mode);
    await joinRoom(bo, roomId);
    await setControl(ana, 'Camera', true);
    await expect.poll(async () => (await videoReceive(bo)).framesDecoded, { timeout: 30_000 }).toBeGreaterThan(10);

    await lab.node('b').link.setUp(false);
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    await lab.node('b').link.setUp(true);
    const recoveredMs = await msUntilVideoMoves(bo, RECOVERY_BOUND_MS);

    console.log(`${mode}: video moved again ${recoveredMs} ms after a ${OUTAGE_MS / 1000} s link outage ended`);
    test.info().annotations.push({ type: 'recovery ms', description: String(recoveredMs) });
  });
}
