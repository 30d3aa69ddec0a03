/**
 * A frame number carried in a video's pixels, for glass-to-glass latency: two rows of BITS blocks across the top
 * of a 1280×720 frame, the number's bits (white = 1) and below them its complement, so a frame caught between two
 * numbers or smeared by the encoder reads as invalid instead of wrong. Blocks are 80 px wide: 10 px even in the
 * 320×180 simulcast layer, far more than VP8 needs to keep black and white apart.
 */
export const FRAME_CODE = { width: 1280, height: 720, bits: 16, block: 80, fps: 30 } as const;
export type FrameCodeLayout = typeof FRAME_CODE;

/** What a numbered source leaves in its page: when each frame number was drawn (epoch ms). */
export type NumberedWindow = Window & { __drawnAt: Record<number, number> };

/**
 * In the page: a canvas stream (layout `l`, `l.fps`) whose frames carry increasing numbers, with a moving bar
 * below the code so the encoder has motion to code as from a camera. Records each number's draw time.
 */
export function numberedStream(l: FrameCodeLayout): MediaStream {
  const canvas = document.createElement('canvas');
  canvas.width = l.width;
  canvas.height = l.height;
  const g = canvas.getContext('2d')!;
  const drawnAt: Record<number, number> = ((window as unknown as NumberedWindow).__drawnAt = {});
  let code = 0;
  const draw = () => {
    code = (code + 1) % 2 ** l.bits;
    g.fillStyle = '#808080';
    g.fillRect(0, 0, l.width, l.height);
    g.fillStyle = '#3060c0';
    g.fillRect((code * 16) % l.width, l.height / 2, 160, 160);
    for (let i = 0; i < l.bits; i++) {
      const bit = ((code >> (l.bits - 1 - i)) & 1) === 1;
      g.fillStyle = bit ? '#fff' : '#000';
      g.fillRect(i * l.block, 0, l.block, l.block);
      g.fillStyle = bit ? '#000' : '#fff';
      g.fillRect(i * l.block, l.block, l.block, l.block);
    }
    drawnAt[code] = performance.timeOrigin + performance.now();
  };
  draw();
  setInterval(draw, 1000 / l.fps);
  return canvas.captureStream(l.fps);
}

/**
 * Init script: gives the probes `__readFrameCode(video)`, which scales the video's current frame to one pixel
 * per 8 source pixels and reads the two rows at the blocks' centres; null unless every bit has its complement below.
 */
export function installFrameReader(l: FrameCodeLayout): void {
  const scale = 8;
  const canvas = document.createElement('canvas');
  canvas.width = l.width / scale;
  canvas.height = l.height / scale;
  const g = canvas.getContext('2d', { willReadFrequently: true })!;
  const cell = l.block / scale;
  (window as unknown as { __readFrameCode(video: HTMLVideoElement): number | null }).__readFrameCode = (video) => {
    g.drawImage(video, 0, 0, canvas.width, canvas.height);
    const pixels = g.getImageData(0, 0, canvas.width, 2 * cell).data;
    const bit = (i: number, row: number) => {
      const at = ((row * cell + cell / 2) * canvas.width + i * cell + cell / 2) * 4;
      return pixels[at]! + pixels[at + 1]! + pixels[at + 2]! > 3 * 128;
    };
    let code = 0;
    for (let i = 0; i < l.bits; i++) {
      if (bit(i, 0) === bit(i, 1)) return null;
      code = (code << 1) | (bit(i, 0) ? 1 : 0);
    }
    return code;
  };
}
