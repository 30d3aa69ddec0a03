import { Raster, type Rgb } from './raster';

/** One line of points, drawn with dots and its values written next to them. */
export interface Series {
  label: string;
  color: Rgb;
  points: { x: number; y: number }[];
  dashed?: boolean;
}

/** One chart panel: x and y axes from zero, its series and optional horizontal reference lines. */
export interface Panel {
  title: string;
  xLabel: string;
  yLabel: string;
  xTicks: number[];
  series: Series[];
  references?: { y: number; label: string; color: Rgb }[];
  /** Top of the y axis at least this (so small values don't fill the panel). */
  yMin?: number;
}

const INK: Rgb = [40, 40, 40];
const GRID: Rgb = [225, 225, 225];

/** A round step giving about five ticks up to `max`. */
function tickStep(max: number): number {
  const raw = max / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
}

const format = (v: number) => (Math.abs(v) >= 10 || Number.isInteger(v) ? v.toFixed(0) : v.toFixed(v < 1 ? 2 : 1));

/** Draws one panel inside the box (x, y, w, h) of the raster. */
export function drawPanel(r: Raster, box: { x: number; y: number; w: number; h: number }, panel: Panel): void {
  const left = box.x + 70;
  const right = box.x + box.w - 70;
  const top = box.y + 64;
  const bottom = box.y + box.h - 50;
  const values = [
    ...panel.series.flatMap((s) => s.points.map((p) => p.y)),
    ...(panel.references ?? []).map((l) => l.y),
  ];
  const step = tickStep(Math.max(panel.yMin ?? 1, ...values) * 1.15);
  const yMax = step * Math.ceil((Math.max(panel.yMin ?? 1, ...values) * 1.15) / step);
  const xMax = Math.max(...panel.xTicks);
  const px = (x: number) => left + ((right - left) * x) / xMax;
  const py = (y: number) => bottom - ((bottom - top) * y) / yMax;

  r.text(box.x + 10, box.y + 10, panel.title, INK, 2);
  for (let v = 0; v <= yMax + 1e-9; v += step) {
    r.line(left, py(v), right, py(v), GRID);
    r.text(left - 8 - format(v).length * 12, py(v) - 7, format(v), INK, 2);
  }
  for (const x of panel.xTicks) {
    r.line(px(x), top, px(x), bottom, GRID);
    r.text(px(x) - (String(x).length * 12) / 2, bottom + 8, String(x), INK, 2);
  }
  r.line(left, top, left, bottom, INK, 2);
  r.line(left, bottom, right, bottom, INK, 2);
  r.text((left + right) / 2 - (panel.xLabel.length * 12) / 2, bottom + 28, panel.xLabel, INK, 2);
  r.text(box.x + 10, top - 26, panel.yLabel, INK, 2);

  for (const line of panel.references ?? []) {
    r.line(left, py(line.y), right, py(line.y), line.color, 2, 8);
    r.text(right - line.label.length * 12 - 4, py(line.y) - 18, line.label, line.color, 2);
  }
  panel.series.forEach((series, n) => {
    const pts = series.points.map((p) => ({ x: px(p.x), y: py(p.y), v: p.y }));
    pts.slice(1).forEach((p, i) => r.line(pts[i]!.x, pts[i]!.y, p.x, p.y, series.color, 3, series.dashed ? 8 : 0));
    for (const p of pts) {
      r.disc(p.x, p.y, 5, series.color);
      // The first series labels above-right of its points, the others below (or above-left near the axis).
      const below = n > 0 && p.y + 24 < bottom;
      r.text(
        below ? p.x + 8 : p.x - 8 - format(p.v).length * 12 * n,
        below ? p.y + 8 : p.y - 20,
        format(p.v),
        series.color,
        2,
      );
    }
    // Legend, top left inside the plot.
    r.rect(left + 12, top + 10 + n * 22, 18, 6, series.color);
    r.text(left + 38, top + 5 + n * 22, series.label, INK, 2);
  });
}

/** A PNG of panels stacked vertically under a title. */
export function chartPng(width: number, panelHeight: number, title: string, panels: Panel[]): Buffer {
  const r = new Raster(width, 50 + panelHeight * panels.length);
  r.text(12, 16, title, INK, 2);
  panels.forEach((panel, i) => drawPanel(r, { x: 0, y: 50 + i * panelHeight, w: width, h: panelHeight }, panel));
  return r.toPng();
}
