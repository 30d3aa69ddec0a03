import type { Browser, BrowserContext, Page } from '@playwright/test';
import { createRoom, openMoim, setControl } from '../../test/e2e/support/moim-page';
import { bareSender, exposeStartBitrate, openBenchChannel } from './bare-call';
import { FRAME_CODE, numberedStream } from './frame-code';
import type { Relay } from './relay';

/** How a sample's receiver reaches the sender: a bare call (see bare-call.ts for the two kinds), or a room through Moim. */
export type Variant = 'bare' | 'relayed' | 'p2p' | 'sfu';
/** Whether `variant` is one of the bare calls (the floors), not a room through Moim. */
export const isBareCall = (variant: Variant | 'broadcast'): variant is 'bare' | 'relayed' =>
  variant === 'bare' || variant === 'relayed';

/** What the sender sends: Chromium's fake camera (1280×720 asked), or a canvas carrying frame numbers. */
export type Source = 'camera' | 'numbered';

/** A page sending video, ready for receivers: the bare call's context, or the Moim room's id. */
export interface Sender {
  variant: Variant | 'broadcast';
  page: Page;
  context: BrowserContext;
  /** The room's id (Moim), empty for the bare call. */
  roomId: string;
  /** The relayed call's relay, which its receivers load and connect to as well; null otherwise. */
  relay: Relay | null;
  close(): Promise<void>;
}

const CAMERA = { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } };

/** Puts the source's stream in `window.__source` of `page`. */
async function startSource(page: Page, source: Source): Promise<void> {
  if (source === 'numbered') {
    await page.evaluate(`window.__source = (${numberedStream.toString()})(${JSON.stringify(FRAME_CODE)})`);
  } else {
    await page.evaluate(async (camera) => {
      const w = window as unknown as { __source: MediaStream };
      w.__source = await navigator.mediaDevices.getUserMedia({ video: camera });
    }, CAMERA);
  }
}

/**
 * Opens the sending side of `variant` and starts `source` on it: a bare-call sender page (signaling through
 * `relay` for the relayed call), or a Moim page that creates a room (P2P, SFU, or a broadcast it presents) and
 * publishes the source as its camera.
 */
export async function openSender(
  browser: Browser,
  baseUrl: string,
  variant: Variant | 'broadcast',
  source: Source,
  relay: Relay | null = null,
): Promise<Sender> {
  if (isBareCall(variant)) {
    if (variant === 'relayed' && !relay) throw new Error('openSender() | the relayed call needs a relay');
    const channel = variant === 'relayed' ? relay : null;
    const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
    const page = await context.newPage();
    await page.goto(channel?.pageUrl ?? `${baseUrl}/healthz`);
    await startSource(page, source);
    await exposeStartBitrate(page);
    await page.evaluate(openBenchChannel, channel?.url ?? null);
    await page.evaluate(bareSender);
    return { variant, page, context, roomId: '', relay: channel, close: () => context.close() };
  }
  const page = await openMoim(browser, baseUrl, 'Sender');
  const context = page.context();
  const mode = { p2p: 'P2P', sfu: 'Group (SFU)', broadcast: 'Broadcast' } as const;
  // A broadcast's creator presents it. (Once createRoom hands out a presenter key, the creator's page still
  // presents through the UI; a bench that presents from another page would need the key here.)
  const roomId = await createRoom(page, mode[variant]);
  if (source === 'camera') {
    await setControl(page, 'Camera', true);
  } else {
    await startSource(page, source);
    await page.evaluate(async () => {
      const w = window as unknown as { __source: MediaStream };
      await window.moim!.engine!.publish('cam', w.__source);
    });
  }
  return { variant, page, context, roomId, relay: null, close: () => context.close() };
}
