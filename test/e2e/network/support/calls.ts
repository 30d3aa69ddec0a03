import type { Browser, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import type { NetLab } from '../../../support/netns/lab';
import { createRoom, joinRoom, setControl, type UiMode } from '../../support/moim-page';
import { openRecorded, videoReceive } from './receive-stats';

/** One call of the outage tests and bench: Ana publishes her camera in a room of `mode`, Bo decodes it. */
export interface LabCall {
  mode: UiMode;
  roomId: string;
  /** Bo's page: the viewer whose link the outages cut. */
  viewer: Page;
}

/** Ana (on `anaBrowser`) publishes her camera in a room of `mode`; Bo (on `boBrowser`) joins and decodes it. */
export async function callIn(mode: UiMode, anaBrowser: Browser, boBrowser: Browser, baseUrl: string): Promise<LabCall> {
  const ana = await openRecorded(anaBrowser, baseUrl, `Ana (${mode})`);
  const bo = await openRecorded(boBrowser, baseUrl, `Bo (${mode})`);
  const roomId = await createRoom(ana, mode);
  if (mode === 'Broadcast') await setControl(ana, 'Camera', true);
  await joinAs(bo, mode, roomId);
  if (mode !== 'Broadcast') await setControl(ana, 'Camera', true);
  await expect.poll(async () => (await videoReceive(bo)).framesDecoded, { timeout: 30_000 }).toBeGreaterThan(0);
  return { mode, roomId, viewer: bo };
}

/** Joins `page` to the room as its mode's viewer would (a broadcast viewer only watches and opens no device). */
export async function joinAs(page: Page, mode: UiMode, roomId: string): Promise<void> {
  await joinRoom(page, roomId, mode === 'Broadcast' ? { watch: true } : {});
}

/** Two kinds of outage of client b's link: `set(lab, false)` starts one, `set(lab, true)` ends it. */
export const OUTAGES: Record<string, (lab: NetLab, up: boolean) => Promise<void>> = {
  'pulled at the hub (the viewer sees its carrier go)': (lab, up) => lab.node('b').link.setUp(up),
  'silent (every packet dropped, the link stays up)': (lab, up) => lab.node('b').link.blackhole(!up),
};
