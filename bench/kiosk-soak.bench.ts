import { test, type Page } from '@playwright/test';
import { createRoom, openMoim, setControl } from '../test/e2e/support/moim-page';
import { AvailabilityMeter } from './kiosk-soak/availability';
import { causeTrouble, CYCLE_KINDS, INSTANT_FAULTS, type CycleWorld } from './kiosk-soak/cycles';
import { reportSoak, type CycleResult } from './kiosk-soak/report';
import { SoakStage } from './kiosk-soak/stage';

// The kiosk never stays black, over weeks compressed into minutes: one kiosk (the real kiosk page) watches a
// broadcast while, cycle after cycle, its presenter leaves and returns, switches camera↔screen, the room server
// restarts, the kiosk's link drops (network namespaces; skipped with a printed line when not root) and the
// mediasoup worker dies (SIGKILL by PID). Printed: kiosk availability (share of the time a presenter was live
// during which the kiosk's picture moved) and the worst recovery (trouble over → picture moving), next to the
// floor: a fresh kiosk's load → moving picture, measured at the start and the end of the same run.
// SOAK_CYCLES=n sets the cycles (default 200); SOAK_STEADY_MS the calm between cycles (default 1500).

const CYCLES = Number(process.env.SOAK_CYCLES ?? 200);
const STEADY_MS = Number(process.env.SOAK_STEADY_MS ?? 1500);
/** A cycle whose picture is not back after this long counts as not recovered (the soak goes on). */
const BOUND_MS = 60_000;

/** Loads (or reloads) the kiosk and times load → moving picture, outside the availability figure. */
async function timeFreshKiosk(kiosk: Page, url: string, meter: AvailabilityMeter): Promise<number> {
  meter.live = false;
  const started = Date.now();
  await kiosk.goto(url);
  const ms = await meter.recovery(started, BOUND_MS);
  meter.live = true;
  if (ms === null) throw new Error(`a fresh kiosk showed no moving picture within ${BOUND_MS} ms`);
  return ms;
}

test('kiosk soak: presenter leave/return, camera↔screen, server restart, link drop, worker death', async ({
  browser,
}) => {
  test.setTimeout(120_000 + CYCLES * (BOUND_MS + 20_000));
  const stage = await SoakStage.open();
  try {
    const presenter = await openMoim(stage.presenterBrowser, stage.url, 'Presenter');
    const roomId = await createRoom(presenter, 'Broadcast');
    await setControl(presenter, 'Camera', true);
    const kiosk = await (await stage.kioskBrowser.newContext()).newPage();
    const kioskUrl = `${stage.url}/?kiosk=1&room=${roomId}`;
    const meter = new AvailabilityMeter(kiosk);
    meter.start();
    const floorMs = [await timeFreshKiosk(kiosk, kioskUrl, meter)];

    const kinds = CYCLE_KINDS.filter((kind) => kind !== 'link drop' || !stage.linkDropSkipped);
    const skipped = stage.linkDropSkipped ? [`link drop cycles: ${stage.linkDropSkipped}`] : [];
    for (const line of skipped) console.log(`kiosk soak: skipped ${line}`);
    const world: CycleWorld = { stage, presenter, meter, showing: 'camera', linkDropMs: 3000, awayMs: 1000 };
    const cycles: CycleResult[] = [];
    for (let index = 1; index <= CYCLES; index++) {
      const kind = kinds[(index - 1) % kinds.length]!;
      const over = await causeTrouble(kind, world);
      // A fault that hits at once shows on the kiosk only when its last frame ages: never seen down counts as 0.
      const hit = !INSTANT_FAULTS.includes(kind) || (await meter.seenDown(3000));
      const recoveryMs = hit ? await meter.recovery(over, BOUND_MS) : 0;
      const availabilitySoFar = meter.figures().availability;
      cycles.push({ index, kind, recoveryMs, availabilitySoFar });
      console.log(
        `cycle ${index}/${CYCLES} ${kind}: ${recoveryMs === null ? `NOT recovered within ${BOUND_MS} ms` : `picture moving ${recoveryMs} ms after`}` +
          ` (availability so far ${(availabilitySoFar * 100).toFixed(2)} %)`,
      );
      await new Promise((resolve) => setTimeout(resolve, STEADY_MS));
    }
    await meter.stop();
    const { availability, liveMs } = meter.figures();
    const end = new AvailabilityMeter(kiosk);
    end.start();
    floorMs.push(await timeFreshKiosk(kiosk, kioskUrl, end));
    await end.stop();
    await reportSoak({ cycles, availability, liveMs, floorMs, skipped, boundMs: BOUND_MS }, browser);
  } finally {
    await stage.close();
  }
});
