import { css, html, LitElement, unsafeCSS, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import uPlot from 'uplot';
import uplotCss from 'uplot/dist/uPlot.min.css?inline';

/** One line of a graph: its label, colour and values (aligned with `times`). */
export interface GraphSeries {
  label: string;
  stroke: string;
  values: (number | null)[];
}

/**
 * A small live line graph drawn by uPlot (canvas; uPlot's sizing goes through the CSSOM, which the strict CSP
 * allows, and its stylesheet is adopted by the shadow root, not injected as a <style> tag).
 * Decorative for screen readers: the panel states the same figures as text.
 */
@customElement('stats-graph')
export class StatsGraph extends LitElement {
  static override styles = [
    unsafeCSS(uplotCss),
    css`
      :host {
        display: block;
        min-height: 90px;
      }
      .uplot {
        width: 100%;
      }
    `,
  ];

  /** Sample times, epoch milliseconds. */
  @property({ attribute: false }) times: number[] = [];
  @property({ attribute: false }) series: GraphSeries[] = [];

  #plot: uPlot | null = null;
  #shape = '';

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('times') && !changed.has('series')) return;
    const data: uPlot.AlignedData = [this.times.map((t) => t / 1000), ...this.series.map((s) => s.values)];
    const shape = this.series.map((s) => s.label).join('|');
    if (this.#plot && shape === this.#shape) {
      this.#plot.setData(data);
      return;
    }
    this.#plot?.destroy();
    this.#shape = shape;
    const target = this.renderRoot.querySelector('div');
    if (!target) return;
    this.#plot = new uPlot(
      {
        width: Math.max(200, this.clientWidth || 280),
        height: 90,
        legend: { show: false },
        cursor: { show: false },
        axes: [
          { stroke: '#9aa3b2', grid: { show: false }, ticks: { show: false }, size: 24 },
          ...this.series.map((s, i) => ({
            scale: s.label,
            stroke: s.stroke,
            side: i === 0 ? 3 : 1,
            grid: { show: i === 0, stroke: '#2a2f3a' },
            size: 40,
          })),
        ],
        scales: { x: { time: true } },
        series: [{}, ...this.series.map((s) => ({ label: s.label, scale: s.label, stroke: s.stroke, width: 1.5 }))],
      },
      data,
      target,
    );
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#plot?.destroy();
    this.#plot = null;
    this.#shape = '';
  }

  override render() {
    return html`<div aria-hidden="true"></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'stats-graph': StatsGraph;
  }
}
