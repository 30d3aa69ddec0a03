import type { Page } from '@playwright/test';
import { createRoom, joinRoom, setControl } from '../../support/moim-page';
import { expect, type ClientRole, type NetworkFixtures } from './lab-fixture';
import { openRecorded, videoReceive } from './receive-stats';

/**
 * Opens the presenter on client a and one viewer per other role, each in its own browser and namespace; the
 * pages load before any link is impaired (the app itself would take half a minute at 300 kbit/s).
 */
export async function openAll(
  browserOn: NetworkFixtures['browserOn'],
  baseUrl: string,
  viewerRoles: Exclude<ClientRole, 'a'>[],
): Promise<{ presenter: Page; viewers: Page[] }> {
  const presenter = await openRecorded(await browserOn('a'), baseUrl, 'Presenter');
  const viewers: Page[] = [];
  for (const role of viewerRoles) viewers.push(await openRecorded(await browserOn(role), baseUrl, `Viewer ${role}`));
  return { presenter, viewers };
}

/** The presenter starts a broadcast with their camera on; every viewer watches until a frame is decoded. */
export async function broadcast(presenter: Page, viewers: Page[]): Promise<void> {
  const roomId = await createRoom(presenter, 'Broadcast');
  await setControl(presenter, 'Camera', true);
  for (const viewer of viewers) await joinRoom(viewer, roomId, { watch: true });
  for (const viewer of viewers) {
    await expect.poll(async () => (await videoReceive(viewer)).framesDecoded, { timeout: 30_000 }).toBeGreaterThan(0);
  }
}
