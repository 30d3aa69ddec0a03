/** The shape ssim.js reads: RGBA bytes, row by row. */
export interface Rgba {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

/** ssim.js's entry point as loaded in a page (window.ssim.ssim) or imported in Node. */
export type SsimFn = (a: Rgba, b: Rgba, options: object) => { mssim: number };

/**
 * SSIM of a received frame against its source frame, both RGBA at source size, leaving out the first `skipRows`
 * rows (the frame-number band). ssim.js downsamples to 256 px by default, which would blur 12 px text away in
 * both images alike and hide exactly what this measures, so it runs at full resolution ('weber', the fast
 * integral-image variant, same result as the original to ~1e-3). Self-contained (sent into pages).
 */
export function frameSsim(ssim: SsimFn, received: Rgba, source: Rgba, skipRows: number): number {
  const crop = (image: Rgba): Rgba => {
    const rows = image.height - skipRows;
    const start = skipRows * image.width * 4;
    return { data: image.data.subarray(start, start + rows * image.width * 4), width: image.width, height: rows };
  };
  if (received.width !== source.width || received.height !== source.height) {
    throw new Error(`frameSsim: ${received.width}×${received.height} vs ${source.width}×${source.height}`);
  }
  const { mssim } = ssim(crop(received), crop(source), { downsample: false, ssim: 'weber' });
  return Math.round(mssim * 10000) / 10000;
}
