import { css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ChatMessage } from '../../common/protocol';
import { chatSegments } from '../lib/chat-text';
import { MoimElement } from './moim-element';

/** The message text as text nodes, with its http(s) links as <a> elements (white-space matters: it is pre-wrap). */
function body(text: string) {
  return chatSegments(text).map((segment) =>
    segment.kind === 'link'
      ? html`<a href=${segment.href} target="_blank" rel="noopener noreferrer">${segment.text}</a>`
      : segment.text,
  );
}

/**
 * One chat message: sender and time, then the text. The text is rendered as text nodes through Lit bindings, and
 * http(s) links as <a> elements built here (a new window, no opener, no referrer) — never as markup, so whatever a
 * message contains stays text.
 */
@customElement('chat-message')
export class ChatMessageView extends MoimElement {
  static override styles = css`
    :host {
      display: block;
    }
    header {
      display: flex;
      gap: 8px;
      align-items: baseline;
      font-size: 0.85em;
    }
    .name {
      font-weight: 600;
    }
    time {
      color: var(--moim-muted);
    }
    p {
      margin: 2px 0 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    a {
      color: var(--moim-accent);
    }
  `;

  /** The message to show. */
  @property({ attribute: false }) message: ChatMessage | null = null;
  /** True for our own messages: the sender reads "You". */
  @property({ type: Boolean }) mine = false;

  override render() {
    const message = this.message;
    if (!message) return html``;
    const { t, lang } = this.i18n;
    const sent = new Date(message.sentAt);
    const time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' }).format(sent);
    return html`<header>
        <span class="name">${this.mine ? t('extras.you') : message.displayName}</span>
        <time datetime=${sent.toISOString()}>${time}</time>
      </header>
      <p>${body(message.text)}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'chat-message': ChatMessageView;
  }
}
