import type { Page } from '@playwright/test';
import type { UiMode } from '../support/moim-page';
import { callIn, OUTAGES } from './support/calls';
import { test } from './support/lab-fixture';
import { msUntilVideoMoves } from './support/receive-stats';

// A viewer's link drops for 10 s and comes back: how long until the picture moves again? The target (issue 11)
// is ≤ 3 s after the link returns; these tests assert only a bound that catches a hang and print the figure.
// One outage serves a P2P room, an SFU room and a broadcast at once (each client has a page in each), to keep the
// suite short. The recovery figures are printed and kept as annotations (ms after the link came back).

const OUTAGE_MS = 10_000;
const RECOVERY_BOUND_MS = 30_000;
const MODES = ['P2P', 'Group (SFU)', 'Broadcast'] as const satisfies UiMode[];

for (const [how, set] of Object.entries(OUTAGES)) {
  test(`after a 10 s outage of a viewer's link, ${how}, video decodes again in P2P and SFU rooms and for a broadcast viewer`, async ({
    lab,
    labServer,
    browserOn,
  }) => {
    test.setTimeout(240_000);
    const [anaBrowser, boBrowser] = [await browserOn('a'), await browserOn('b')];
    const viewers: Page[] = [];
    for (const mode of MODES) viewers.push((await callIn(mode, anaBrowser, boBrowser, labServer.httpUrl)).viewer);

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
