import type { Page } from '@playwright/test';
import { setControl, shareScreen } from '../../test/e2e/support/moim-page';
import type { AvailabilityMeter } from './availability';
import type { SoakStage } from './stage';

/** The kinds of trouble a long-running kiosk meets, taken in turn. */
export const CYCLE_KINDS = [
  'presenter leaves and returns',
  'presenter switches camera↔screen',
  'server restart',
  'link drop',
  'worker death',
] as const;

/** One kind of cycle. */
export type CycleKind = (typeof CYCLE_KINDS)[number];

/** What a cycle does to the kiosk's world; resolves when the trouble is over (from then, recovery is timed). */
export interface CycleWorld {
  stage: SoakStage;
  presenter: Page;
  meter: AvailabilityMeter;
  /** What the presenter shows now (switched by the camera↔screen cycles). */
  showing: 'camera' | 'screen';
  /** How long a link stays pulled. */
  linkDropMs: number;
  /** How long the presenter stays away. */
  awayMs: number;
}

/** Faults that hit at once (the kiosk's picture only shows it after a moment): recovery waits to see it go first. */
export const INSTANT_FAULTS: readonly CycleKind[] = ['server restart', 'worker death'];

/**
 * Causes one cycle of `kind`; resolves with the moment recovery is timed from: the presenter starts to return or
 * to switch, the server is up again, the link is back, the worker was killed.
 */
export async function causeTrouble(kind: CycleKind, world: CycleWorld): Promise<number> {
  const { stage, presenter, meter } = world;
  switch (kind) {
    case 'presenter leaves and returns': {
      // The presenter stops presenting (the kiosk waits, which is not counted against it) and comes back.
      meter.live = false;
      await present(presenter, world.showing, false);
      await new Promise((resolve) => setTimeout(resolve, world.awayMs));
      const returning = Date.now();
      meter.live = true;
      await present(presenter, world.showing, true);
      return returning;
    }
    case 'presenter switches camera↔screen': {
      const switching = Date.now();
      const next = world.showing === 'camera' ? 'screen' : 'camera';
      await present(presenter, next, true);
      await present(presenter, world.showing, false);
      world.showing = next;
      return switching;
    }
    case 'server restart':
      await stage.restartServer();
      return Date.now();
    case 'link drop':
      await stage.dropKioskLink(world.linkDropMs);
      return Date.now();
    case 'worker death':
      if (stage.killWorkers() === 0) throw new Error('no mediasoup worker to kill');
      return Date.now();
  }
}

/** Turns the presenter's camera or screen share on or off through Moim's own controls. */
async function present(page: Page, what: 'camera' | 'screen', on: boolean): Promise<void> {
  if (what === 'camera') await setControl(page, 'Camera', on);
  else if (on) await shareScreen(page);
  else await setControl(page, 'Share screen', false);
}
