import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query } from 'lit/decorators.js';
import { isUnencryptedRemote } from '../lib/link-trust';
import type { RoomAddress } from '../lib/links';
import { dialogStyles } from '../styles/dialog';
import { sharedStyles } from '../styles/shared';
import { MoimElement } from './moim-element';

/**
 * Asks before a moim:// link opens a room on a server this app has never used: "Join room X on server Y as
 * <name>?", with a warning when the server is plain ws:// on another computer. A modal: Join has the focus, so
 * Enter joins; Escape or Cancel closes; Tab stays inside.
 * @fires join-link - CustomEvent<RoomAddress>: the user chose to join
 * @fires close - the user cancelled
 */
@customElement('join-link-dialog')
export class JoinLinkDialog extends MoimElement {
  static override styles = [
    sharedStyles,
    dialogStyles,
    css`
      :host {
        --dialog-width: 480px;
        --dialog-padding: 24px;
        --dialog-dim: 0.6;
      }
      p {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .row {
        display: flex;
        gap: 10px;
        justify-content: flex-end;
      }
    `,
  ];

  /** The link to ask about; the dialog is open while it is set. */
  @property({ attribute: false }) link: RoomAddress | null = null;
  /** The name the user would join as ('' when none is set yet). */
  @property() displayName = '';

  @query('dialog') private dialog!: HTMLDialogElement;

  protected override updated(changed: PropertyValues<this>): void {
    const open = this.link !== null;
    if (open && !this.dialog.open) this.dialog.showModal();
    if (!open && this.dialog.open) this.dialog.close();
    if (open && changed.has('link')) this.#buttons()[0]?.focus();
  }

  /** Join first, then Cancel: the order Tab cycles through. */
  #buttons(): HTMLButtonElement[] {
    return [...this.renderRoot.querySelectorAll('button')];
  }

  #join(event: Event): void {
    event.preventDefault();
    if (this.link) this.dispatchEvent(new CustomEvent<RoomAddress>('join-link', { detail: this.link, bubbles: true }));
  }

  #cancel(): void {
    this.dispatchEvent(new Event('close', { bubbles: true }));
  }

  /**
   * Enter joins (unless Cancel has the focus), Escape cancels, and Tab / Shift+Tab wrap around the two buttons so
   * focus never leaves the question.
   */
  #onKey(event: KeyboardEvent): void {
    const [join, cancel] = this.#buttons();
    const focused = this.shadowRoot?.activeElement;
    if (event.key === 'Escape' || (event.key === 'Enter' && focused === cancel)) {
      event.preventDefault();
      return this.#cancel();
    }
    if (event.key === 'Enter') return this.#join(event);
    if (event.key !== 'Tab') return;
    event.preventDefault();
    // Two buttons: from either one, Tab and Shift+Tab both land on the other.
    (focused === join ? cancel : join)?.focus();
  }

  override render() {
    const { t } = this.i18n;
    const link = this.link;
    const name = this.displayName.trim() || t('link.unnamed');
    return html`<dialog
      aria-labelledby="link-title"
      aria-describedby="link-question"
      @cancel=${(e: Event) => {
        e.preventDefault();
        this.#cancel();
      }}
      @keydown=${this.#onKey}
    >
      ${
        link
          ? html`<form @submit=${this.#join}>
              <h2 id="link-title">${t('link.title')}</h2>
              <p id="link-question">${t('link.confirm', { room: link.roomId, server: link.serverUrl, name })}</p>
              ${isUnencryptedRemote(link.serverUrl) ? html`<p class="alert" role="alert">${t('link.insecure')}</p>` : nothing}
              <div class="row">
                <button type="submit" class="primary">${t('link.join')}</button>
                <button type="button" @click=${this.#cancel}>${t('link.cancel')}</button>
              </div>
            </form>`
          : nothing
      }
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'join-link-dialog': JoinLinkDialog;
  }
}
