import { LitElement, css, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { LevelController } from '../controllers/level-controller';

/**
 * A horizontal audio level meter for a stream (role meter, 0–100). `data-level` on the host carries the current
 * value for tests.
 */
@customElement('level-meter')
export class LevelMeter extends LitElement {
  static override styles = css`
    :host {
      display: block;
      min-width: 120px;
    }
    .track {
      height: 10px;
      border-radius: 999px;
      background: var(--moim-surface-3);
      overflow: hidden;
    }
    .bar {
      height: 100%;
      transform: scaleX(0);
      background: linear-gradient(90deg, var(--moim-ok), var(--moim-warn));
      transform-origin: left;
      transition: transform 60ms linear;
    }
  `;

  /** The stream whose audio is measured. */
  @property({ attribute: false }) stream: MediaStream | null = null;
  /** The meter's accessible name. */
  @property() label = '';

  readonly #level = new LevelController(this);

  protected override willUpdate(): void {
    this.#level.stream = this.stream;
  }

  @query('.bar') private bar!: HTMLElement;

  protected override updated(): void {
    // Through the CSSOM, not a style attribute: the CSP allows no inline styles.
    this.bar.style.transform = `scaleX(${this.#level.level})`;
    this.dataset.level = String(Math.round(this.#level.level * 100));
  }

  override render() {
    const value = Math.round(this.#level.level * 100);
    return html`<div
      class="track"
      role="meter"
      aria-label=${this.label}
      aria-valuemin="0"
      aria-valuemax="100"
      aria-valuenow=${value}
    >
      <div class="bar"></div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'level-meter': LevelMeter;
  }
}
