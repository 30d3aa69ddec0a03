/**
 * A frame number carried in the top-left corner of a 1920×1080 shared screen, so the receiver knows which source
 * frame it is looking at: two rows of BITS blocks, the number's bits (white = 1) and below them their complement,
 * so a frame caught between two numbers (or smeared by the encoder) reads as invalid rather than wrong. Blocks
 * are 24 px: still 12 px at half resolution. Everything in the band's rows is left out of the SSIM.
 */
export const FRAME_NUMBER = { bits: 16, block: 24 } as const;
export type FrameNumberLayout = typeof FRAME_NUMBER;

/** Height of the band the frame number occupies at source scale (the SSIM skips these rows). */
export const BAND_ROWS = 2 * FRAME_NUMBER.block;

/**
 * Draws `n` into `g` at source scale. Self-contained: it is also sent into pages (toString), so it must not
 * call anything outside itself.
 */
export function drawFrameNumber(g: CanvasRenderingContext2D, n: number, l: FrameNumberLayout): void {
  for (let i = 0; i < l.bits; i++) {
    const bit = ((n >> (l.bits - 1 - i)) & 1) === 1;
    g.fillStyle = bit ? '#fff' : '#000';
    g.fillRect(i * l.block, 0, l.block, l.block);
    g.fillStyle = bit ? '#000' : '#fff';
    g.fillRect(i * l.block, l.block, l.block, l.block);
  }
}

/**
 * Reads the frame number from RGBA `pixels` of a frame `width` pixels wide, scaled to source size (the band's
 * top-left at 0,0), sampling each block's centre; null unless every bit has its complement below it.
 * Self-contained (sent into pages).
 */
export function readFrameNumber(pixels: ArrayLike<number>, width: number, l: FrameNumberLayout): number | null {
  const bright = (x: number, y: number) => {
    const at = (y * width + x) * 4;
    return pixels[at]! + pixels[at + 1]! + pixels[at + 2]! > 3 * 128;
  };
  const half = Math.floor(l.block / 2);
  let n = 0;
  for (let i = 0; i < l.bits; i++) {
    const x = i * l.block + half;
    const bit = bright(x, half);
    if (bit === bright(x, l.block + half)) return null;
    n = n * 2 + (bit ? 1 : 0);
  }
  return n;
}
