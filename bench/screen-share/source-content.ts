/**
 * The known 1920×1080 sources a screen-share sample shows full screen: a slide of 10–14 px text with thin lines
 * (static), a code listing scrolling one line a second, and full-motion content. Every frame is built only from
 * images drawn at whole-pixel offsets and whole-pixel rectangles, so a page can rebuild frame `n` of a content
 * bit for bit and compare what a viewer decoded against it. The images (text needs fonts) are drawn once, in the
 * source page, and handed to the viewers as PNG.
 */
export type Content = 'slide' | 'code' | 'motion';
export const CONTENTS: readonly Content[] = ['slide', 'code', 'motion'];

export const SCREEN = { width: 1920, height: 1080 } as const;
/** The code listing's line height: scrolling 1 line a second is this many pixels a second. */
export const CODE_LINE_PX = 18;
/** Frame numbers of the motion content advance at this rate (the capture asks 30 fps). */
export const MOTION_FPS = 30;

/** The images every frame is made of, as PNG data URLs. */
export interface ContentAssets {
  slide: string;
  code: string;
  texture: string;
}

/**
 * Frame number `elapsedMs` after a content started: the slide never changes (0), the code listing's number is
 * its scroll offset in pixels (wrapping before the listing's end), motion counts frames at MOTION_FPS.
 */
export function frameNumberAt(content: Content, elapsedMs: number, codeHeight: number): number {
  if (content === 'slide') return 0;
  if (content === 'code') return Math.floor((elapsedMs * CODE_LINE_PX) / 1000) % (codeHeight - SCREEN.height);
  return Math.floor((elapsedMs * MOTION_FPS) / 1000) % 2 ** 16;
}

/** Whole-pixel offset of the motion texture at frame `n` (a diagonal pan, 7 and 3 px a frame). Self-contained. */
export function motionOffset(n: number): { x: number; y: number; box: number } {
  return { x: (n * 7) % 480, y: (n * 3) % 400, box: (n * 23) % 1700 };
}

/**
 * In a page: frame `n` of `content` into `g` (1920×1080), from loaded images. Motion adds boxes sweeping across
 * the texture so every region changes. Self-contained apart from `offset` (motionOffset, passed in).
 */
export function drawContent(
  g: CanvasRenderingContext2D,
  content: Content,
  n: number,
  images: Record<Content, CanvasImageSource>,
  offset: (n: number) => { x: number; y: number; box: number },
): void {
  if (content === 'slide') {
    g.drawImage(images.slide, 0, 0);
  } else if (content === 'code') {
    g.drawImage(images.code, 0, -n);
  } else {
    const o = offset(n);
    g.drawImage(images.motion, -o.x, -o.y);
    g.fillStyle = '#ffd21e';
    g.fillRect(100 + o.box, 300, 120, 120);
    g.fillStyle = '#1e3cff';
    g.fillRect(1700 - o.box, 700, 160, 90);
  }
}
