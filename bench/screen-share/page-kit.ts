import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { drawAssets } from './assets';
import { BAND_ROWS, drawFrameNumber, FRAME_NUMBER, readFrameNumber } from './frame-number';
import {
  CODE_LINE_PX,
  drawContent,
  frameNumberAt,
  MOTION_FPS,
  motionOffset,
  SCREEN,
  type Content,
  type ContentAssets,
} from './source-content';
import { frameSsim, type Rgba } from './ssim-compare';

/** What the kit gives a page (source or viewer): frame `n` of a content rebuilt, and a received frame judged. */
export interface PageKit {
  codeHeight: number;
  /** Draws source frame `n` of `content` (frame number included) into a 1920×1080 context. */
  render(g: CanvasRenderingContext2D, content: Content, n: number): void;
  frameNumberAt(content: Content, elapsedMs: number): number;
  /** The frame `video` shows now, scaled to 1920×1080: its frame number and SSIM against that source frame. */
  judge(video: HTMLVideoElement, content: Content): { n: number | null; ssim: number | null };
}
export type KitWindow = Window & { __kit: PageKit };

/** ssim.js's browser build (sets window.ssim), loaded from node_modules so pages need no network. */
function ssimWebFile(): string {
  return path.join(path.dirname(createRequire(import.meta.url).resolve('ssim.js')), 'ssim.web.js');
}

/** In the source page: draws the content images; returns them as PNG data URLs for the viewers. */
export function makeAssets(page: Page): Promise<ContentAssets> {
  return page.evaluate(`(${drawAssets.toString()})(${CODE_LINE_PX})`) as Promise<ContentAssets>;
}

/**
 * Installs `window.__kit` in `page`: the content images loaded and decoded, the source drawing, and the judge
 * (frame number + SSIM with ssim.js, band rows left out). The functions go in as source text, which is why the
 * ones they use are self-contained.
 */
export async function installKit(page: Page, assets: ContentAssets): Promise<void> {
  // Evaluated, not a <script> tag: Moim's content security policy forbids inline scripts.
  await page.evaluate(readFileSync(ssimWebFile(), 'utf8'));
  await page.evaluate(`(async () => {
    const SCREEN = ${JSON.stringify(SCREEN)}, CODE_LINE_PX = ${CODE_LINE_PX}, MOTION_FPS = ${MOTION_FPS};
    const FRAME_NUMBER = ${JSON.stringify(FRAME_NUMBER)}, BAND_ROWS = ${BAND_ROWS};
    const drawFrameNumber = ${drawFrameNumber.toString()};
    const readFrameNumber = ${readFrameNumber.toString()};
    const drawContent = ${drawContent.toString()};
    const frameNumberAt = ${frameNumberAt.toString()};
    const motionOffset = ${motionOffset.toString()};
    const frameSsim = ${frameSsim.toString()};
    const assets = ${JSON.stringify(assets)};
    const load = async (url) => { const image = new Image(); image.src = url; await image.decode(); return image; };
    const images = { slide: await load(assets.slide), code: await load(assets.code), motion: await load(assets.texture) };
    const canvas = (w, h) => { const c = document.createElement('canvas'); c.width = w; c.height = h;
      return c.getContext('2d', { willReadFrequently: true }); };
    const got = canvas(SCREEN.width, SCREEN.height), want = canvas(SCREEN.width, SCREEN.height);
    const codeHeight = images.code.height;
    const render = (g, content, n) => { drawContent(g, content, n, images, motionOffset); drawFrameNumber(g, n, FRAME_NUMBER); };
    window.__kit = {
      codeHeight,
      render,
      frameNumberAt: (content, ms) => frameNumberAt(content, ms, codeHeight),
      judge(video, content) {
        got.drawImage(video, 0, 0, SCREEN.width, SCREEN.height);
        const received = got.getImageData(0, 0, SCREEN.width, SCREEN.height);
        const n = readFrameNumber(received.data, SCREEN.width, FRAME_NUMBER);
        if (n === null) return { n, ssim: null };
        render(want, content, n);
        const source = want.getImageData(0, 0, SCREEN.width, SCREEN.height);
        return { n, ssim: frameSsim(window.ssim.ssim, received, source, BAND_ROWS) };
      },
    };
  })()`);
}

export type { Rgba };
