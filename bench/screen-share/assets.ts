import type { ContentAssets } from './source-content';

/**
 * In a page: draws the images the sources are made of and returns them as PNG data URLs (lossless, so every page
 * that loads them gets the same pixels). Self-contained (sent into the page with toString).
 *  - slide: 1920×1080, white, a title, paragraphs at 10, 11, 12, 13 and 14 px, a table ruled with 1 px lines and
 *    a line chart of 1 px strokes with 10 px labels — what a readable share must keep;
 *  - code: 1920 wide, 420 lines of 13 px monospace on 18 px rows, syntax-coloured, on a dark background;
 *  - texture: 2400×1480 smooth value noise (a photo-like picture the motion content pans across).
 */
export function drawAssets(lineHeight: number): ContentAssets {
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const canvas = (w: number, h: number) => {
    const c = document.createElement('canvas');
    c.width = w;
    c.height = h;
    return [c, c.getContext('2d')!] as const;
  };
  const words =
    'the share keeps small text sharp while a late viewer joins and the link is thin so frames drop first'.split(' ');
  const sentence = (count: number) =>
    Array.from({ length: count }, () => words[Math.floor(random() * words.length)]).join(' ');

  const [slide, s] = canvas(1920, 1080);
  s.fillStyle = '#fff';
  s.fillRect(0, 0, 1920, 1080);
  s.fillStyle = '#111';
  s.font = 'bold 28px sans-serif';
  s.fillText('Quarterly figures: screen-share readability test slide', 80, 110);
  let y = 160;
  for (const size of [10, 11, 12, 13, 14]) {
    s.font = `${size}px sans-serif`;
    for (let line = 0; line < 4; line++, y += size + 6) s.fillText(`${size}px · ${sentence(14)}`, 80, y);
    y += 10;
  }
  s.strokeStyle = '#333';
  s.lineWidth = 1;
  s.font = '12px sans-serif';
  for (let r = 0; r <= 12; r++) {
    s.beginPath();
    s.moveTo(80, 560.5 + r * 30);
    s.lineTo(900, 560.5 + r * 30);
    s.stroke();
    for (let c = 0; c < 5 && r < 12; c++) s.fillText(`${Math.floor(random() * 100000)}`, 90 + c * 164, 580 + r * 30);
  }
  for (let c = 0; c <= 5; c++) {
    s.beginPath();
    s.moveTo(80.5 + c * 164, 560);
    s.lineTo(80.5 + c * 164, 920);
    s.stroke();
  }
  s.font = '10px sans-serif';
  for (let series = 0; series < 3; series++) {
    s.strokeStyle = ['#c00', '#070', '#00c'][series]!;
    s.beginPath();
    for (let x = 0; x <= 800; x += 10) s.lineTo(1000 + x, 900 - 300 * random() * (0.4 + series * 0.2));
    s.stroke();
  }
  s.fillStyle = '#111';
  for (let x = 0; x <= 800; x += 80) s.fillText(`wk ${x / 80}`, 995 + x, 930);

  const lines = 420;
  const [code, k] = canvas(1920, lines * lineHeight);
  k.fillStyle = '#1e1f24';
  k.fillRect(0, 0, 1920, lines * lineHeight);
  k.font = '13px monospace';
  const colours = ['#d4d4d4', '#569cd6', '#ce9178', '#6a9955', '#dcdcaa'];
  for (let i = 0; i < lines; i++) {
    k.fillStyle = '#858585';
    k.fillText(String(i + 1).padStart(4), 8, i * lineHeight + 13);
    let x = 60 + 16 * Math.floor(random() * 5);
    for (let t = 0; t < 4 + Math.floor(random() * 10); t++) {
      const token = `${words[Math.floor(random() * words.length)]}${random() < 0.3 ? '(' : random() < 0.5 ? '.' : ' '}`;
      k.fillStyle = colours[Math.floor(random() * colours.length)]!;
      k.fillText(token, x, i * lineHeight + 13);
      x += k.measureText(token).width + 6;
    }
  }

  const [texture, t] = canvas(2400, 1480);
  const grid = 40;
  const cols = 2400 / grid + 2;
  const rows = 1480 / grid + 2;
  const knots = Array.from({ length: cols * rows * 3 }, () => random() * 255);
  const image = t.createImageData(2400, 1480);
  for (let py = 0; py < 1480; py++) {
    const gy = Math.floor(py / grid);
    const fy = (py % grid) / grid;
    for (let px = 0; px < 2400; px++) {
      const gx = Math.floor(px / grid);
      const fx = (px % grid) / grid;
      for (let ch = 0; ch < 3; ch++) {
        const at = (cx: number, cy: number) => knots[((gy + cy) * cols + gx + cx) * 3 + ch]!;
        const top = at(0, 0) * (1 - fx) + at(1, 0) * fx;
        const bottom = at(0, 1) * (1 - fx) + at(1, 1) * fx;
        image.data[(py * 2400 + px) * 4 + ch] = top * (1 - fy) + bottom * fy;
      }
      image.data[(py * 2400 + px) * 4 + 3] = 255;
    }
  }
  t.putImageData(image, 0, 0);
  return {
    slide: slide.toDataURL('image/png'),
    code: code.toDataURL('image/png'),
    texture: texture.toDataURL('image/png'),
  };
}
