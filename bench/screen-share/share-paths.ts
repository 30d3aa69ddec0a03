import type { Browser, Locator, Page } from '@playwright/test';
import { createRoom, joinRoom, openMoim } from '../../test/e2e/support/moim-page';
import { bareAnswer, bareCapture, bareConnect, bareLeave, bareStop } from './bare-share';
import { installProbes, type ProbeOptions, type ProbeWindow } from '../join/probes';
import { installKit } from './page-kit';
import type { Content, ContentAssets } from './source-content';
import { watchFirstFrames, type VideoPlace } from './viewer-probes';

/** How a share reaches its viewers: the bare call (floor), a Moim P2P room, a Moim SFU room. */
export type PathName = 'bare' | 'p2p' | 'sfu';
export const PATHS: readonly PathName[] = ['bare', 'p2p', 'sfu'];

/** One path, set up once: a presenter (on the screen browser) and a viewer already there before each share. */
export interface SharePath {
  name: PathName;
  viewer: Page;
  place: VideoPlace;
  /**
   * Starts sharing the screen as a user does — in Moim, picking "Motion and video" on the sharing bar for motion
   * content, as a user showing a video would; resolves the epoch ms of the "Share" click.
   */
  share(content: Content): Promise<number>;
  /**
   * A new viewer joins the running share; resolves its page and the epoch ms of its "Join" click. The page carries
   * the join bench's probes (join/probes.ts), which mark that click, so its timeline can be read afterwards.
   */
  lateJoin(): Promise<{ page: Page; clickedAt: number }>;
  stop(): Promise<void>;
  close(): Promise<void>;
}

/** The late joiner's probes: its first RTP packet and first frame, found as finely as the join bench finds them. */
const LATE_PROBES: ProbeOptions = { pollMs: 5, readFrames: false };

/** Loads the join bench's probes into `page` before its own scripts (call before it navigates). */
const probe = async (page: Page): Promise<void> => void (await page.addInitScript(installProbes, LATE_PROBES));

/**
 * Clicks `button` from inside its page and returns that page's epoch ms of the click, marked for the probes if the
 * page has them. Timing a Playwright click from Node would count its actionability checks (a stable box over two
 * animation frames, a hit test): 100-350 ms on a late joiner whose machine is busy with the share, which the bare
 * call, started with a plain evaluate, never paid.
 */
async function clickInPage(button: Locator): Promise<number> {
  await button.waitFor();
  return button.evaluate((element: HTMLElement) => {
    (window as Partial<ProbeWindow>).__probes?.mark('click');
    const at = performance.timeOrigin + performance.now();
    element.click();
    return at;
  });
}

/** A viewer page with the kit installed and its first-frame watcher ready. */
async function readyViewer(page: Page, assets: ContentAssets, place: VideoPlace): Promise<Page> {
  await installKit(page, assets);
  await page.evaluate(watchFirstFrames, place);
  return page;
}

/** Opens `name` between `screenBrowser` (presenter) and `viewerBrowser`, the room server at `origin`. */
export async function openPath(
  name: PathName,
  screenBrowser: Browser,
  viewerBrowser: Browser,
  origin: string,
  assets: ContentAssets,
): Promise<SharePath> {
  const place: VideoPlace = name === 'bare' ? 'bare' : 'moim';
  if (name === 'bare') {
    const presenter = await (await screenBrowser.newContext()).newPage();
    await presenter.goto(`${origin}/healthz`);
    const bareViewer = async (probed = false) => {
      const page = await (await viewerBrowser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
      if (probed) await probe(page);
      await page.goto(`${origin}/healthz`);
      return page;
    };
    const viewer = await bareViewer();
    return {
      name,
      viewer,
      place,
      share: async () => {
        await readyViewer(viewer, assets, place);
        const clickedAt = Date.now();
        await presenter.evaluate(bareCapture);
        await bareConnect(presenter, viewer);
        return clickedAt;
      },
      lateJoin: async () => {
        const page = await readyViewer(await bareViewer(true), assets, place);
        const clickedAt = await page.evaluate(() => {
          (window as unknown as ProbeWindow).__probes.mark('click');
          return performance.timeOrigin + performance.now();
        });
        await bareConnect(presenter, page);
        return { page, clickedAt };
      },
      stop: async () => {
        await presenter.evaluate(bareStop);
        await viewer.evaluate(bareLeave);
      },
      close: async () => {
        await presenter.context().close();
        await viewer.context().close();
      },
    };
  }
  const presenter = await openMoim(screenBrowser, origin, 'Presenter');
  const roomId = await createRoom(presenter, name === 'p2p' ? 'P2P' : 'Group (SFU)');
  const moimViewer = async (probed = false) => {
    const page = await openMoim(viewerBrowser, origin, 'Viewer', '', probed ? probe : undefined);
    await page.setViewportSize({ width: 1920, height: 1080 });
    return page;
  };
  const viewer = await moimViewer();
  await joinRoom(viewer, roomId);
  const shareButton = presenter.getByRole('button', { name: 'Share screen', exact: true });
  return {
    name,
    viewer,
    place,
    share: async (content) => {
      await readyViewer(viewer, assets, place);
      await shareButton.click();
      const picker = presenter.getByRole('dialog', { name: 'Choose what to share' });
      await picker.getByRole('option', { name: 'Entire screen' }).click();
      const clickedAt = await clickInPage(picker.getByRole('button', { name: 'Share', exact: true }));
      if (content === 'motion') {
        const bar = presenter.getByRole('toolbar', { name: 'Screen sharing' });
        await bar.getByRole('button', { name: 'Motion and video' }).click();
      }
      return clickedAt;
    },
    lateJoin: async () => {
      const page = await readyViewer(await moimViewer(true), assets, place);
      await page.getByLabel('Room ID or link').fill(roomId);
      const clickedAt = await clickInPage(page.getByRole('button', { name: 'Join', exact: true }));
      return { page, clickedAt };
    },
    stop: async () => {
      await presenter.getByRole('toolbar', { name: 'Screen sharing' }).getByRole('button', { name: 'Stop' }).click();
      await shareButton.and(presenter.locator('[aria-pressed="false"]')).waitFor();
    },
    close: async () => {
      await presenter.context().close();
      await viewer.context().close();
    },
  };
}

export { bareAnswer };
