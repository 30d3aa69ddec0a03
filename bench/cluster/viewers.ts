import { expect, type Browser, type Page } from '@playwright/test';
import { joinRoom } from '../../test/e2e/support/moim-page';

/** A viewer must decode its first frame within this, else the bench fails (something broke, not slowness). */
export const DECODE_BOUND_MS = 60_000;

/** Received-video counters of one page, summed over its peer connections' inbound-rtp entries. */
export interface VideoCounters {
  packetsReceived: number;
  packetsLost: number;
  framesDecoded: number;
  bytesReceived: number;
}

type PcWindow = Window & { __pcs?: RTCPeerConnection[] };

/** Init script: keeps every RTCPeerConnection the page makes in `window.__pcs`, so its getStats can be read. */
function recordPeerConnections(): void {
  const pcs: RTCPeerConnection[] = [];
  (window as PcWindow).__pcs = pcs;
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      pcs.push(this);
    }
  };
}

/** Opens a viewer page on `baseUrl` (its own context, no device permission) and clicks Watch on `roomId`. */
export async function openViewer(browser: Browser, baseUrl: string, roomId: string, name: string): Promise<Page> {
  const context = await browser.newContext({ permissions: [] });
  await context.addInitScript(recordPeerConnections);
  try {
    const page = await context.newPage();
    page.on('pageerror', (error) => console.log(`[${name}] page error: ${error.message}`));
    await page.goto(`${baseUrl}/`);
    await page.getByLabel('Your name').fill(name);
    await joinRoom(page, roomId, { watch: true });
    return page;
  } catch (error) {
    await context.close();
    throw error;
  }
}

/** The page's received-video counters now. */
export function videoCounters(page: Page): Promise<VideoCounters> {
  return page.evaluate(async () => {
    const sum = { packetsReceived: 0, packetsLost: 0, framesDecoded: 0, bytesReceived: 0 };
    for (const pc of (window as PcWindow).__pcs ?? []) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach((s: Record<string, unknown>) => {
        if (s.type !== 'inbound-rtp' || s.kind !== 'video') return;
        sum.packetsReceived += Number(s.packetsReceived ?? 0);
        sum.packetsLost += Number(s.packetsLost ?? 0);
        sum.framesDecoded += Number(s.framesDecoded ?? 0);
        sum.bytesReceived += Number(s.bytesReceived ?? 0);
      });
    }
    return sum;
  });
}

/** Waits until the page has decoded a video frame; throws after DECODE_BOUND_MS. */
export async function expectDecoding(page: Page, name: string): Promise<void> {
  await expect
    .poll(async () => (await videoCounters(page)).framesDecoded, {
      message: `${name} decodes the broadcast`,
      timeout: DECODE_BOUND_MS,
      intervals: [250],
    })
    .toBeGreaterThan(0);
}

/** Closes every page's context, ignoring ones already gone. */
export async function closePages(pages: readonly Page[]): Promise<void> {
  await Promise.all(
    pages.map((p) =>
      p
        .context()
        .close()
        .catch(() => undefined),
    ),
  );
}
