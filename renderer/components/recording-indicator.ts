import { css, html, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Readable } from '../state/store';
import { StoreController } from '../state/store';
import type { RoomExtrasModel } from '../state/room-extras-store';
import { MoimElement } from './moim-element';

/**
 * "Recording": a red dot and the word, shown to everyone in a room being recorded (viewers and kiosks too). The
 * live region is always there, so screen readers announce when recording starts and stops.
 */
@customElement('recording-indicator')
export class RecordingIndicator extends MoimElement {
  static override styles = css`
    :host {
      display: inline-flex;
    }
    :host([overlay]) {
      position: fixed;
      top: 16px;
      right: 16px;
      z-index: 2;
    }
    .on {
      display: inline-flex;
      align-items: center;
      gap: 8px;
      padding: 4px 12px;
      border-radius: 999px;
      background: rgba(0, 0, 0, 0.65);
      color: #fff;
      font-weight: 600;
      font-size: 0.9em;
    }
    .dot {
      width: 10px;
      height: 10px;
      border-radius: 50%;
      background: #e53935;
    }
  `;

  /** The room's extras (only `recording` is read). */
  @property({ attribute: false }) store: Readable<RoomExtrasModel> | null = null;
  /** Floats in the top right corner (the kiosk, which has no header). */
  @property({ type: Boolean, reflect: true }) overlay = false;

  readonly #extras = new StoreController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('store')) this.#extras.store = this.store;
  }

  override render() {
    const recording = this.store?.value.recording ?? false;
    return html`<div role="status" aria-live="polite">
      ${
        recording
          ? html`<span class="on" data-testid="recording-indicator">
              <span class="dot" aria-hidden="true"></span>${this.i18n.t('extras.recording')}
            </span>`
          : ''
      }
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'recording-indicator': RecordingIndicator;
  }
}
