import { deflateSync } from 'node:zlib';
import { glyph, GLYPH_ADVANCE } from './font5x7';

/** An RGB colour, 0–255 each. */
export type Rgb = readonly [number, number, number];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A small RGB canvas with lines, boxes, dots and 5×7 text, saved as PNG (no libraries). */
export class Raster {
  private readonly pixels: Buffer;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb = [255, 255, 255],
  ) {
    this.pixels = Buffer.alloc(width * height * 3);
    this.rect(0, 0, width, height, background);
  }

  /** Sets one pixel; outside the canvas is ignored. */
  dot(x: number, y: number, [r, g, b]: Rgb): void {
    x = Math.round(x);
    y = Math.round(y);
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = (y * this.width + x) * 3;
    this.pixels[i] = r;
    this.pixels[i + 1] = g;
    this.pixels[i + 2] = b;
  }

  /** A filled rectangle. */
  rect(x: number, y: number, w: number, h: number, color: Rgb): void {
    for (let j = Math.round(y); j < Math.round(y + h); j++) {
      for (let i = Math.round(x); i < Math.round(x + w); i++) this.dot(i, j, color);
    }
  }

  /** A line `thickness` pixels wide; `dash` draws every other `dash` pixels. */
  line(x0: number, y0: number, x1: number, y1: number, color: Rgb, thickness = 1, dash = 0): void {
    const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0)));
    const half = (thickness - 1) / 2;
    for (let s = 0; s <= steps; s++) {
      if (dash > 0 && Math.floor(s / dash) % 2 === 1) continue;
      const x = x0 + ((x1 - x0) * s) / steps;
      const y = y0 + ((y1 - y0) * s) / steps;
      this.rect(x - half, y - half, thickness, thickness, color);
    }
  }

  /** A filled disc. */
  disc(cx: number, cy: number, radius: number, color: Rgb): void {
    for (let y = -radius; y <= radius; y++) {
      for (let x = -radius; x <= radius; x++) if (x * x + y * y <= radius * radius) this.dot(cx + x, cy + y, color);
    }
  }

  /** Text with its top-left corner at (x, y), each font pixel `scale`×`scale`; returns the width drawn. */
  text(x: number, y: number, text: string, color: Rgb, scale = 2): number {
    [...text].forEach((char, n) => {
      glyph(char).forEach((row, j) => {
        for (let i = 0; i < 5; i++) {
          if (row & (0x10 >> i)) this.rect(x + (n * GLYPH_ADVANCE + i) * scale, y + j * scale, scale, scale, color);
        }
      });
    });
    return Raster.textWidth(text, scale);
  }

  /** How wide `text` draws at `scale`. */
  static textWidth(text: string, scale = 2): number {
    return text.length * GLYPH_ADVANCE * scale;
  }

  /** The canvas as a PNG file (8-bit RGB, no filtering). */
  toPng(): Buffer {
    const rows = Buffer.alloc((this.width * 3 + 1) * this.height);
    for (let y = 0; y < this.height; y++) {
      this.pixels.copy(rows, y * (this.width * 3 + 1) + 1, y * this.width * 3, (y + 1) * this.width * 3);
    }
    const header = Buffer.alloc(13);
    header.writeUInt32BE(this.width, 0);
    header.writeUInt32BE(this.height, 4);
    header.set([8, 2, 0, 0, 0], 8);
    const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    return Buffer.concat([
      signature,
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(rows)),
      chunk('IEND', Buffer.alloc(0)),
    ]);
  }
}
