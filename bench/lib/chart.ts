import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import type { ChartConfiguration } from 'chart.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../test/support/chromium';

/** One chart of a figure: a Chart.js configuration (plain data only: it is sent into a page) and its size. */
export interface ChartPanel {
  config: ChartConfiguration;
  width: number;
  height: number;
}

/** Chart.js's UMD build from node_modules: loaded into the page from disk, so plotting works offline. */
function chartJsFile(): string {
  const entry = createRequire(import.meta.url).resolve('chart.js');
  return path.join(path.dirname(entry), 'chart.umd.min.js');
}

/**
 * Renders `panels` with Chart.js, stacked top to bottom, in Chromium (`browser`, or one launched and closed for
 * this) and writes the screenshot to `file` as a PNG.
 */
export async function writeChartPng(file: string, panels: ChartPanel[], browser?: Browser): Promise<void> {
  const own = browser ? null : await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const width = Math.max(...panels.map((p) => p.width));
  const height = panels.reduce((sum, p) => sum + p.height, 0);
  const page = await (browser ?? own!).newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
  try {
    await page.setContent('<body style="margin:0;background:#fff"><div id="charts"></div></body>');
    await page.addScriptTag({ path: chartJsFile() });
    // Sent as JSON text: Chart.js's configuration type is too deep for Playwright's argument typing.
    await page.evaluate((json: string) => {
      const all = JSON.parse(json) as { config: { options?: object }; width: number; height: number }[];
      const Chart = (window as unknown as { Chart: new (canvas: HTMLCanvasElement, config: unknown) => unknown }).Chart;
      for (const { config, width: w, height: h } of all) {
        const box = document.createElement('div');
        Object.assign(box.style, { width: `${w}px`, height: `${h}px` });
        const canvas = document.createElement('canvas');
        box.append(canvas);
        document.getElementById('charts')!.append(box);
        const options = { ...config.options, animation: false, responsive: true, maintainAspectRatio: false };
        new Chart(canvas, { ...config, options });
      }
    }, JSON.stringify(panels));
    mkdirSync(path.dirname(file), { recursive: true });
    await page.locator('#charts').screenshot({ path: file });
  } finally {
    await page.close();
    await own?.close();
  }
}

/** Colours the figures share, one per variant or series. */
export const COLORS = {
  bare: '#7f7f7f',
  relayed: '#2ca02c',
  p2p: '#1f77b4',
  sfu: '#e6781e',
  mediasoup: '#1f77b4',
  relay: '#e6781e',
  target: '#c82828',
} as const;

/** A line series of x/y points; dashed lines (floors, limits) have no point markers. */
export function lineSeries(label: string, color: string, data: { x: number; y: number }[], dashed = false) {
  return {
    label,
    data,
    borderColor: color,
    backgroundColor: color,
    borderDash: dashed ? [8, 6] : [],
    pointRadius: dashed ? 0 : 4,
  };
}

/** A 960×380 line chart with linear axes from 0. */
export function linePanel(
  title: string,
  xTitle: string,
  yTitle: string,
  datasets: ReturnType<typeof lineSeries>[],
): ChartPanel {
  return {
    width: 960,
    height: 380,
    config: {
      type: 'line',
      data: { datasets },
      options: {
        plugins: { title: { display: true, text: title } },
        scales: {
          x: { type: 'linear', min: 0, title: { display: true, text: xTitle } },
          y: { min: 0, title: { display: true, text: yTitle } },
        },
      },
    },
  };
}

/** A dashed horizontal line at `y` from x = 0 to `maxX`: a target or a floor. */
export function levelSeries(label: string, color: string, y: number, maxX: number) {
  return lineSeries(
    label,
    color,
    [
      { x: 0, y },
      { x: maxX, y },
    ],
    true,
  );
}

/** A bar series: one value per label, one colour (or one per bar). */
export interface BarSeries {
  label: string;
  data: number[];
  backgroundColor: string | string[];
}

/** A 960×380 bar chart of `labels` with a y axis from `yMin` (0 unless given) up to `yMax` (auto unless given). */
export function barPanel(
  title: string,
  yTitle: string,
  labels: string[],
  datasets: BarSeries[],
  y: { min?: number; max?: number } = {},
): ChartPanel {
  return {
    width: 960,
    height: 380,
    config: {
      type: 'bar',
      data: { labels, datasets },
      options: {
        plugins: { title: { display: true, text: title } },
        scales: {
          y: {
            min: y.min ?? 0,
            ...(y.max === undefined ? {} : { max: y.max }),
            title: { display: true, text: yTitle },
          },
        },
      },
    },
  };
}
