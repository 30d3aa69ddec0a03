// Draws Moim's app icon (three people gathered around a shared screen) into build/icon.png, 1024x1024 RGBA.
// No image tools needed: pixels are computed here and written as a PNG with zlib. Run: node build/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 1024;
const SAMPLES = 4; // 4x4 supersampling per pixel for smooth edges

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Signed distance to a rounded rectangle centred at (cx, cy). */
function roundedRect(x, y, cx, cy, halfW, halfH, r) {
  const qx = Math.abs(x - cx) - halfW + r;
  const qy = Math.abs(y - cy) - halfH + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}
const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;

/** Colour of one sample point, RGBA 0..1, painted back to front. */
function sample(x, y) {
  const c = SIZE / 2;
  if (roundedRect(x, y, c, c, 460, 460, 200) > 0) return [0, 0, 0, 0];
  // Background: a diagonal teal → indigo gradient.
  const t = (x + y) / (2 * SIZE);
  let rgb = [0.07 + 0.2 * t, 0.62 - 0.32 * t, 0.66 + 0.2 * t];
  const paint = (color, alpha) => (rgb = rgb.map((v, i) => v * (1 - alpha) + color[i] * alpha));
  // The shared screen.
  if (roundedRect(x, y, c, 600, 250, 150, 36) <= 0) paint([1, 1, 1], 0.95);
  if (roundedRect(x, y, c, 600, 212, 112, 18) <= 0) paint([0.1, 0.3, 0.42], 1);
  // Three people: heads above the screen.
  for (const [hx, hy] of [
    [c - 190, 330],
    [c, 280],
    [c + 190, 330],
  ]) {
    if (circle(x, y, hx, hy, 78) <= 0) paint([1, 1, 1], 0.95);
  }
  // A play mark on the screen: someone is presenting.
  const px = x - (c - 40),
    py = y - 600;
  if (px >= 0 && Math.abs(py) <= 62 - px * 0.62) paint([1, 0.78, 0.3], 1);
  return [...rgb, 1];
}

const rows = [];
for (let y = 0; y < SIZE; y++) {
  const row = Buffer.alloc(1 + SIZE * 4); // filter byte 0, then RGBA
  for (let x = 0; x < SIZE; x++) {
    const acc = [0, 0, 0, 0];
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const [r, g, b, a] = sample(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES);
        acc[0] += r * a;
        acc[1] += g * a;
        acc[2] += b * a;
        acc[3] += a;
      }
    }
    const n = SAMPLES * SAMPLES;
    const alpha = acc[3] / n;
    for (let i = 0; i < 3; i++) row[1 + x * 4 + i] = alpha ? Math.round((acc[i] / acc[3]) * 255) : 0;
    row[1 + x * 4 + 3] = Math.round(alpha * 255);
  }
  rows.push(row);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const target = new URL('./icon.png', import.meta.url);
writeFileSync(target, png);
console.log(`wrote ${target.pathname} (${SIZE}x${SIZE}, ${png.length} bytes)`);
