import { css, html, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { dialogStyles } from '../styles/dialog';
import { sharedStyles } from '../styles/shared';
import { MoimElement } from './moim-element';

/**
 * The kiosk's PIN prompt: a modal with one password field (the kiosk has no pointer, so focus stays in it).
 * Enter submits, Escape closes; a wrong PIN clears the field and shows `error`.
 * @fires kiosk-pin - CustomEvent<string>: the PIN entered
 * @fires close - the user pressed Escape
 */
@customElement('kiosk-exit-dialog')
export class KioskExitDialog extends MoimElement {
  static override styles = [
    sharedStyles,
    dialogStyles,
    css`
      .hint {
        margin: 0;
        font-size: 0.85em;
      }
    `,
  ];

  /** Shown while true. */
  @property({ type: Boolean }) open = false;
  /** True while the PIN is being checked: the field keeps focus but takes no typing. */
  @property({ type: Boolean }) busy = false;
  /** Why the last PIN did not work, already translated. */
  @property({ attribute: false }) error: string | null = null;

  @query('dialog') private dialog!: HTMLDialogElement;
  @query('input') private input!: HTMLInputElement;

  protected override updated(changed: PropertyValues<this>): void {
    if (this.open && !this.dialog.open) this.dialog.showModal();
    if (!this.open && this.dialog.open) this.dialog.close();
    if (!this.open) return;
    if (changed.has('open') || (changed.has('error') && this.error)) this.input.value = '';
    this.input.focus();
  }

  #submit(event: Event): void {
    event.preventDefault();
    const pin = this.input.value;
    if (this.busy || !pin) return;
    this.dispatchEvent(new CustomEvent<string>('kiosk-pin', { detail: pin, bubbles: true }));
  }

  #onKey(event: KeyboardEvent): void {
    // The field is the dialog's only control: Tab would only lose it.
    if (event.key === 'Tab') event.preventDefault();
  }

  #keepFocus(): void {
    if (this.open) void this.updateComplete.then(() => this.input.focus());
  }

  override render() {
    const { t } = this.i18n;
    return html`<dialog
      role="dialog"
      aria-label=${t('kiosk.exitTitle')}
      @cancel=${(e: Event) => {
        e.preventDefault();
        this.dispatchEvent(new Event('close', { bubbles: true }));
      }}
      @keydown=${this.#onKey}
      @focusout=${this.#keepFocus}
    >
      <form @submit=${this.#submit}>
        <h2>${t('kiosk.exitTitle')}</h2>
        <label
          >${t('kiosk.exitPin')}
          <input
            type="password"
            inputmode="numeric"
            autocomplete="off"
            maxlength="12"
            ?readonly=${this.busy}
            aria-invalid=${this.error ? 'true' : 'false'}
            aria-describedby="exit-message"
        /></label>
        <p id="exit-message" class=${this.error ? 'alert' : 'hint muted'} role=${this.error ? 'alert' : 'status'}>
          ${this.busy ? t('kiosk.exitChecking') : (this.error ?? t('kiosk.exitHint'))}
        </p>
      </form>
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiosk-exit-dialog': KioskExitDialog;
  }
}
