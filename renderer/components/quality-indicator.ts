import { css, html, nothing, svg } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { CallQuality } from '../lib/call-quality';
import { MoimElement } from './moim-element';

const BARS: Record<CallQuality, number> = { excellent: 3, good: 2, poor: 1, lost: 0 };

/**
 * A tile's connection quality: signal bars with the level as their accessible name, and for 'poor' and 'lost' a
 * visible word too (announced politely when it appears). Replaces the tile's old "Poor connection" badge.
 */
@customElement('quality-indicator')
export class QualityIndicator extends MoimElement {
  static override styles = css`
    :host {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 3px 8px;
      border-radius: 999px;
      background: rgba(15, 17, 21, 0.72);
      font-size: 0.8em;
      white-space: nowrap;
    }
    :host([quality='excellent']),
    :host([quality='good']) {
      color: var(--moim-ok);
    }
    :host([quality='poor']) {
      color: var(--moim-warning, #f5b83d);
    }
    :host([quality='lost']) {
      color: var(--moim-danger);
    }
    svg {
      width: 14px;
      height: 14px;
    }
    rect {
      fill: currentColor;
    }
    rect.off {
      opacity: 0.25;
    }
  `;

  @property({ reflect: true }) quality: CallQuality = 'excellent';

  override render() {
    const { t } = this.i18n;
    const lit = BARS[this.quality];
    const bar = (i: number) =>
      svg`<rect class=${i < lit ? '' : 'off'} x=${1 + i * 5} y=${10 - i * 4} width="3.5" height=${4 + i * 4} rx="1"/>`;
    const word =
      this.quality === 'poor' ? t('tile.poorConnection') : this.quality === 'lost' ? t('quality.lostConnection') : '';
    return html`<svg
        viewBox="0 0 15 15"
        role="img"
        aria-label=${t('quality.label', { quality: t(`quality.${this.quality}`) })}
      >
        ${[0, 1, 2].map(bar)}
      </svg>
      ${word ? html`<span role="status">${word}</span>` : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'quality-indicator': QualityIndicator;
  }
}
