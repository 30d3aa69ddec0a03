import { css, html } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { Ringtone } from '../media/ringtone';
import { icons } from '../styles/icons';
import { sharedStyles } from '../styles/shared';
import { MoimElement } from './moim-element';

/**
 * The incoming-call prompt (an alert dialog) with a WebAudio ringtone while it is shown.
 * @fires accept - the user accepted
 * @fires decline - the user declined
 */
@customElement('incoming-call')
export class IncomingCall extends MoimElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        position: fixed;
        right: 20px;
        bottom: 20px;
        z-index: 20;
      }
      .card {
        display: grid;
        gap: 14px;
        min-width: 300px;
        box-shadow: 0 12px 40px rgba(0, 0, 0, 0.5);
        border-color: var(--moim-accent);
      }
      h2 {
        display: flex;
        align-items: center;
        gap: 10px;
        font-size: 1.1em;
      }
      .row {
        display: flex;
        gap: 10px;
        justify-content: flex-end;
      }
      button.accept {
        background: var(--moim-ok);
        border-color: var(--moim-ok);
        color: #08210f;
        font-weight: 600;
      }
    `,
  ];

  /** Who is calling. */
  @property() callerName = '';
  /** Mute the ringtone (tests, or when the app is busy). */
  @property({ type: Boolean }) silent = false;

  @query('button.accept') private acceptButton!: HTMLButtonElement;

  readonly #ringtone = new Ringtone();

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.silent) {
      try {
        this.#ringtone.start();
      } catch {
        // No audio output: the prompt still shows.
      }
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#ringtone.stop();
  }

  protected override firstUpdated(): void {
    this.acceptButton.focus();
  }

  override render() {
    const { t } = this.i18n;
    const title = t('call.incoming', { name: this.callerName });
    return html`<div class="card" role="alertdialog" aria-labelledby="title" aria-modal="false">
      <h2 id="title">${icons.phone}${title}</h2>
      <div class="row">
        <button
          type="button"
          class="danger"
          @click=${() => this.dispatchEvent(new Event('decline', { bubbles: true }))}
        >
          ${t('call.decline')}
        </button>
        <button type="button" class="accept" @click=${() => this.dispatchEvent(new Event('accept', { bubbles: true }))}>
          ${t('call.accept')}
        </button>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'incoming-call': IncomingCall;
  }
}
