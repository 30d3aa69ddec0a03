import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { MessageKey } from '../i18n';
import { buildRoomLink } from '../lib/links';
import { icons } from '../styles/icons';
import { sharedStyles } from '../styles/shared';
import { MoimElement } from './moim-element';

/**
 * The room's shareable links. Everyone gets the room (viewer) link, shown and copyable. A broadcast presenter who
 * holds the key also gets "Copy presenter link": that link is never shown on screen (a shared screen would leak
 * the key) unless copying fails, and it is labelled apart so nobody sends it to viewers by mistake.
 */
@customElement('room-links')
export class RoomLinks extends MoimElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        flex: 1 1 320px;
        max-width: 640px;
        margin-left: auto;
      }
      input {
        flex: 1 1 200px;
        min-height: 36px;
        font-family: ui-monospace, monospace;
        font-size: 0.85em;
        color: var(--moim-muted);
      }
      button {
        min-height: 36px;
        white-space: nowrap;
      }
    `,
  ];

  @property() roomId = '';
  @property() serverUrl = '';
  /** The page address links are built from (the desktop app gets moim:// links). */
  @property() pageUrl = window.location.href;
  /** The broadcast's presenter key when this presenter holds it; null for everyone else. */
  @property({ attribute: false }) presenterKey: string | null = null;

  @state() private copied: MessageKey | null = null;
  /** The presenter link, revealed only when the clipboard refused it. */
  @state() private revealed: string | null = null;

  async #copy(link: string, done: MessageKey, fallback: () => void): Promise<void> {
    try {
      await navigator.clipboard.writeText(link);
      this.copied = done;
    } catch {
      this.copied = 'room.copyFailed';
      fallback();
    }
  }

  override render() {
    const { t } = this.i18n;
    const address = { roomId: this.roomId, serverUrl: this.serverUrl };
    const viewerLink = buildRoomLink(address, this.pageUrl);
    const key = this.presenterKey;
    const selectViewer = () => this.renderRoot.querySelector<HTMLInputElement>('input')?.select();
    const copyViewer = () => this.#copy(viewerLink, key ? 'access.viewerCopied' : 'room.copied', selectViewer);
    const copyPresenter = (link: string) => this.#copy(link, 'access.presenterCopied', () => (this.revealed = link));
    return html`
      <input
        type="text"
        readonly
        data-testid="viewer-link"
        aria-label=${t(key ? 'access.viewerLink' : 'room.link')}
        .value=${viewerLink}
      />
      <button type="button" @click=${() => void copyViewer()}>
        ${icons.copy}${t(key ? 'access.copyViewerLink' : 'room.copyLink')}
      </button>
      ${
        key
          ? html`<button
              type="button"
              title=${t('access.presenterLinkHint')}
              @click=${() => void copyPresenter(buildRoomLink(address, this.pageUrl, key))}
            >
              ${icons.copy}${t('access.copyPresenterLink')}
            </button>`
          : nothing
      }
      ${
        this.revealed
          ? html`<input type="text" readonly aria-label=${t('access.presenterLink')} .value=${this.revealed} />`
          : nothing
      }
      <span class="visually-hidden" role="status">${this.copied ? t(this.copied) : ''}</span>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'room-links': RoomLinks;
  }
}
