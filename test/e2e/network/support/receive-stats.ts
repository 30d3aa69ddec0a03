import type { Browser, Page } from '@playwright/test';

/** What a page receives on its busiest inbound video stream, straight from the browser's inbound-rtp stats. */
export interface VideoReceive {
  framesDecoded: number;
  frameWidth: number;
  /** Chromium's freezes: a frame arriving much later than the recent average (≥ 150 ms over it). */
  freezeCount: number;
  /** Seconds spent frozen, summed over every freeze. */
  totalFreezesDuration: number;
}

/**
 * Opens Moim from `baseUrl` in a new context of `browser`, with every RTCPeerConnection the page makes recorded,
 * so a test reads freeze figures the engine's own stats leave out (the engine is not changed for this).
 */
export async function openRecorded(browser: Browser, baseUrl: string, name: string): Promise<Page> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
  await context.addInitScript(() => {
    const Native = window.RTCPeerConnection;
    const made: RTCPeerConnection[] = [];
    (window as Window & { __pcs?: RTCPeerConnection[] }).__pcs = made;
    window.RTCPeerConnection = class extends Native {
      constructor(config?: RTCConfiguration) {
        super(config);
        made.push(this);
      }
    };
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.log(`[${name}] page error: ${error.message}`));
  await page.goto(`${baseUrl}/`);
  await page.getByLabel('Your name').fill(name);
  return page;
}

/** The inbound video stream with the most decoded frames across the page's open connections (zeros before any). */
export async function videoReceive(page: Page): Promise<VideoReceive> {
  return page.evaluate(async () => {
    const pcs = (window as Window & { __pcs?: RTCPeerConnection[] }).__pcs ?? [];
    let best = { framesDecoded: 0, frameWidth: 0, freezeCount: 0, totalFreezesDuration: 0 };
    for (const pc of pcs) {
      if (pc.connectionState === 'closed') continue;
      const report = await pc.getStats();
      report.forEach((s: Record<string, unknown>) => {
        if (s.type !== 'inbound-rtp' || s.kind !== 'video') return;
        const n = (key: string) => (typeof s[key] === 'number' ? (s[key] as number) : 0);
        if (n('framesDecoded') < best.framesDecoded) return;
        best = {
          framesDecoded: n('framesDecoded'),
          frameWidth: n('frameWidth'),
          freezeCount: n('freezeCount'),
          totalFreezesDuration: n('totalFreezesDuration'),
        };
      });
    }
    return best;
  });
}

/**
 * Resolves with how many ms after now `page` decodes new video frames again, or rejects after `timeoutMs`: the
 * user's view of "the picture came back". Sampled every 100 ms; the figure is the first sample that saw new
 * frames (an upper bound of when they started), once the next sample confirms the picture keeps moving.
 */
export async function msUntilVideoMoves(page: Page, timeoutMs: number): Promise<number> {
  const started = Date.now();
  let last = (await videoReceive(page)).framesDecoded;
  let movingSince: number | null = null;
  while (Date.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = (await videoReceive(page)).framesDecoded;
    const moved = now !== last && now > 0;
    last = now;
    if (!moved) movingSince = null;
    else if (movingSince === null) movingSince = Date.now() - started;
    else return movingSince;
  }
  throw new Error(`video did not move again within ${timeoutMs} ms`);
}

/**
 * Samples `page`'s received video every 250 ms for `ms`: the longest stretch with no new decoded frame, the frame
 * widths seen, and the freeze figures gained over the window.
 */
export async function watchVideo(
  page: Page,
  ms: number,
): Promise<{
  longestStallMs: number;
  widths: number[];
  /** Share of the samples (0..1) decoding frames at most 320 wide: the low camera layer. */
  lowLayerShare: number;
  freezes: number;
  frozenSeconds: number;
  fps: number;
}> {
  const first = await videoReceive(page);
  const started = Date.now();
  let last = first;
  let lastMove = started;
  let longestStallMs = 0;
  const widths: number[] = [];
  while (Date.now() - started < ms) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = await videoReceive(page);
    if (now.framesDecoded !== last.framesDecoded) lastMove = Date.now();
    longestStallMs = Math.max(longestStallMs, Date.now() - lastMove);
    widths.push(now.frameWidth);
    last = now;
  }
  return {
    longestStallMs,
    widths,
    lowLayerShare: widths.filter((w) => w > 0 && w <= 320).length / Math.max(1, widths.length),
    freezes: last.freezeCount - first.freezeCount,
    frozenSeconds: last.totalFreezesDuration - first.totalFreezesDuration,
    fps: ((last.framesDecoded - first.framesDecoded) * 1000) / (Date.now() - started),
  };
}
