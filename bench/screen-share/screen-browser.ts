import type { Browser, Page } from '@playwright/test';
import { installKit, type KitWindow } from './page-kit';
import type { Content, ContentAssets } from './source-content';

/** The page that fills the screen with a known source; `show` switches content and restarts its frame count. */
export interface SourceScreen {
  page: Page;
  assets: ContentAssets;
  show(content: Content): Promise<void>;
}

/**
 * Opens the source page (last, so its window is on top of the presenters'), full screen at 1:1 pixels: a 1920×1080 canvas that
 * draws frame `frameNumberAt(content, elapsed)` on every animation frame.
 */
export async function openSourceScreen(browser: Browser, origin: string, assets: ContentAssets): Promise<SourceScreen> {
  const page = await (await browser.newContext({ viewport: null })).newPage();
  await page.goto(`${origin}/healthz`);
  await page.setContent(
    '<body style="margin:0;overflow:hidden;background:#000"><canvas id="screen" width="1920" height="1080" style="display:block"></canvas></body>',
  );
  await installKit(page, assets);
  await fillScreen(page);
  await page.evaluate(() => {
    const w = window as unknown as KitWindow & { __show(content: string): void };
    const g = (document.getElementById('screen') as HTMLCanvasElement).getContext('2d')!;
    let content = 'slide';
    let start = performance.now();
    let last = -1;
    w.__show = (next) => {
      content = next;
      start = performance.now();
      last = -1;
    };
    const tick = () => {
      const n = w.__kit.frameNumberAt(content as never, performance.now() - start);
      if (n !== last) w.__kit.render(g, content as never, (last = n));
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  return {
    page,
    assets,
    show: async (content) => {
      await page.bringToFront();
      await page.evaluate((c) => (window as unknown as { __show(c: string): void }).__show(c), content);
    },
  };
}

/**
 * Places the page's content exactly over the 1920×1080 screen. Under Xvfb there is no window manager, so neither
 * the Fullscreen API nor --start-fullscreen resize the window; instead the window is moved up by its toolbar's
 * height (measured) and made that much taller, which leaves the page's viewport at 0,0 of the screen, 1:1.
 */
async function fillScreen(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const { windowId } = (await cdp.send('Browser.getWindowForTarget')) as { windowId: number };
  for (let attempt = 0; attempt < 2; attempt++) {
    const chrome = await page.evaluate(() => window.outerHeight - window.innerHeight);
    await cdp.send('Browser.setWindowBounds', {
      windowId,
      bounds: { left: 0, top: -chrome, width: 1920, height: 1080 + chrome },
    });
    await page.waitForTimeout(300);
  }
  const placed = await page.evaluate(() => [
    window.innerWidth,
    window.innerHeight,
    window.screenY + window.outerHeight - window.innerHeight,
  ]);
  console.log(`source screen: viewport ${placed[0]}×${placed[1]}, top at screen y ${placed[2]}`);
}
