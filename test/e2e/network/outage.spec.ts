import type { Browser, Page } from '@playwright/test';
import { createRoom, joinRoom, setControl, type UiMode } from '../support/moim-page';
import type { NetLab } from '../../support/netns/lab';
import { expect, test } from './support/lab-fixture';
import { msUntilVideoMoves, openRecorded, videoReceive } from './support/receive-stats';

// A viewer's link drops for 10 s and comes back: how long until the picture moves again? The target (issue 11)
// is ≤ 3 s after the link returns; these tests assert only a bound that catches a hang and print the figure.
// One outage serves a P2P room, an SFU room and a broadcast at once (each client has a page in each), to keep the
// suite short. The recovery figures are printed and kept as annotations (ms after the link came back).

const OUTAGE_MS = 10_000;
const RECOVERY_BOUND_MS = 30_000;
const MODES = ['P2P', 'Group (SFU)', 'Broadcast'] as const satisfies UiMode[];

/** Ana (client a) publishes her camera in a room of `mode`; Bo (client b) joins and decodes it. */
async function callIn(mode: UiMode, anaBrowser: Browser, boBrowser: Browser, baseUrl: string): Promise<Page> {
  const ana = await openRecorded(anaBrowser, baseUrl, `Ana (${mode})`);
  const bo = await openRecorded(boBrowser, baseUrl, `Bo (${mode})`);
  const roomId = await createRoom(ana, mode);
  if (mode === 'Broadcast') await setControl(ana, 'Camera', true);
  // Bo only watches a broadcast (a viewer, who never opens a device).
  await joinRoom(bo, roomId, mode === 'Broadcast' ? { watch: true } : {});
  if (mode !== 'Broadcast') await setControl(ana, 'Camera', true);
  await expect.poll(async () => (await videoReceive(bo)).framesDecoded, { timeout: 30_000 }).toBeGreaterThan(0);
  return bo;
}

/** Two kinds of outage of client b's link: `set(lab, false)` starts one, `set(lab, true)` ends it. */
const outages: Record<string, (lab: NetLab, up: boolean) => Promise<void>> = {
  'pulled at the hub (the viewer sees its carrier go)': (lab, up) => lab.node('b').link.setUp(up),
  'silent (every packet dropped, the link stays up)': (lab, up) => lab.node('b').link.blackhole(!up),
};

for (const [how, set] of Object.entries(outages)) {
  test(`after a 10 s outage of a viewer's link, ${how}, video decodes again in P2P and SFU rooms and for a broadcast viewer`, async ({
    lab,
    labServer,
    browserOn,
  }) => {
    test.setTimeout(240_000);
    const [anaBrowser, boBrowser] = [await browserOn('a'), await browserOn('b')];
    const viewers: Page[] = [];
    for (const mode of MODES) viewers.push(await callIn(mode, anaBrowser, boBrowser, labServer.httpUrl));

    await set(lab, false);
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    await set(lab, true);
    const recovered = await Promise.all(viewers.map((viewer) => msUntilVideoMoves(viewer, RECOVERY_BOUND_MS)));

    for (const [i, mode] of MODES.entries()) {
      console.log(`${mode}, outage ${how}: video moved again ${recovered[i]} ms after the 10 s outage ended`);
      test.info().annotations.push({ type: `${mode} recovery ms`, description: String(recovered[i]) });
    }
  });
}
