import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { MAX_CHAT_CHARS } from '../../common/protocol';
import { errorMessageKey } from '../lib/errors';
import type { RoomExtrasStore } from '../state/room-extras-store';
import { StoreController } from '../state/store';
import { sharedStyles } from '../styles/shared';
import './chat-message';
import { MoimElement } from './moim-element';

/**
 * The room's chat: the messages so far (a late joiner gets the room's recent ones), and a box to write in — Enter
 * sends, Shift+Enter starts a new line. Hidden while the store says the chat is closed (the close button and
 * Escape close it); opening focuses the box. New messages are announced politely to screen readers.
 */
@customElement('chat-panel')
export class ChatPanel extends MoimElement {
  static override styles = [
    sharedStyles,
    css`
      :host([hidden]) {
        display: none;
      }
      :host {
        display: flex;
        flex-direction: column;
        gap: 8px;
        min-height: 0;
        padding: 12px;
        border: 1px solid var(--moim-border);
        border-radius: var(--moim-radius);
        background: var(--moim-surface);
      }
      header {
        display: flex;
        align-items: center;
        justify-content: space-between;
      }
      h2 {
        margin: 0;
        font-size: 1em;
      }
      [role='log'] {
        flex: 1;
        min-height: 0;
        overflow-y: auto;
        display: flex;
        flex-direction: column;
        gap: 10px;
      }
      form {
        display: flex;
        gap: 8px;
        align-items: flex-end;
      }
      textarea {
        flex: 1;
        resize: none;
        min-height: 2.6em;
        font: inherit;
      }
      .error {
        color: var(--moim-danger);
        font-size: 0.9em;
      }
    `,
  ];

  /** The room's extras store; the panel reads its chat and sends through it. */
  @property({ attribute: false }) store: RoomExtrasStore | null = null;
  /** Our peer id: our own messages read "You". */
  @property() selfId = '';

  @state() private draft = '';
  @query('textarea') private input!: HTMLTextAreaElement;
  @query('[role="log"]') private log!: HTMLElement;

  readonly #extras = new StoreController(this);
  #shown = false;
  /** Messages in the log at the last scroll: only new ones (or opening the panel) move it. */
  #scrolledAt = -1;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('store')) this.#extras.store = this.store;
    this.hidden = !(this.store?.value.chatOpen ?? false);
  }

  protected override updated(): void {
    const opened = !this.hidden && !this.#shown;
    if (opened) this.input?.focus();
    this.#shown = !this.hidden;
    // The newest message in view, as in every chat. Reading scrollHeight forces a layout of the page, so only
    // when there is something new to show: every room update (a join above all) would otherwise pay for one.
    const count = this.store?.value.chat.length ?? 0;
    if (this.hidden || !this.log || (!opened && count === this.#scrolledAt)) return;
    this.#scrolledAt = count;
    this.log.scrollTop = this.log.scrollHeight;
  }

  #close(): void {
    this.store?.setChatOpen(false);
  }

  async #send(): Promise<void> {
    const text = this.draft;
    if (!this.store || text.trim().length === 0) return;
    if (await this.store.sendChat(text)) this.draft = '';
  }

  #keydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void this.#send();
    } else if (event.key === 'Escape') {
      this.#close();
    }
  }

  override render() {
    const model = this.store?.value;
    if (!model) return nothing;
    const { t } = this.i18n;
    return html`<header>
        <h2 id="chat-heading">${t('extras.chatHeading')}</h2>
        <button type="button" @click=${() => this.#close()}>${t('extras.chatClose')}</button>
      </header>
      <div role="log" aria-live="polite" aria-label=${t('extras.chatLog')} tabindex="0" data-testid="chat-log">
        ${model.chat.length === 0 ? html`<p class="muted">${t('extras.chatEmpty')}</p>` : nothing}
        ${repeat(
          model.chat,
          (message) => message.id,
          (message) => html`<chat-message .message=${message} ?mine=${message.from === this.selfId}></chat-message>`,
        )}
      </div>
      ${model.error ? html`<p class="error" role="alert">${t(errorMessageKey(model.error))}</p>` : nothing}
      <form @submit=${(e: Event) => (e.preventDefault(), void this.#send())}>
        <textarea
          rows="2"
          aria-label=${t('extras.chatInput')}
          placeholder=${t('extras.chatPlaceholder')}
          maxlength=${MAX_CHAT_CHARS}
          .value=${this.draft}
          @input=${(e: Event) => (this.draft = (e.target as HTMLTextAreaElement).value)}
          @keydown=${(e: KeyboardEvent) => this.#keydown(e)}
        ></textarea>
        <button type="submit" class="primary" ?disabled=${this.draft.trim().length === 0}>
          ${t('extras.chatSend')}
        </button>
      </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'chat-panel': ChatPanel;
  }
}
