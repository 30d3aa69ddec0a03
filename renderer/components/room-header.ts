import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { RoomModel } from '../state/room-model';
import { sharedStyles } from '../styles/shared';
import './room-links';
import { MoimElement } from './moim-element';

/**
 * The room's header: its id and mode; the viewer count of a broadcast, or how many only watch a meeting (so nobody
 * listens in unseen); 'Watching' for a viewer; the participant list toggle; the room's links (none in a call).
 * @fires toggle-participants - the user opened or closed the participant list.
 */
@customElement('room-header')
export class RoomHeader extends MoimElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 10px 16px;
      }
      .room-id {
        font-weight: 600;
        font-family: ui-monospace, monospace;
      }
      .badge {
        padding: 2px 10px;
        border-radius: 999px;
        background: var(--moim-surface-2);
        border: 1px solid var(--moim-border);
        font-size: 0.85em;
        color: var(--moim-muted);
      }
      button {
        min-height: 36px;
      }
    `,
  ];

  @property({ attribute: false }) model: RoomModel | null = null;
  @property() serverUrl = '';
  @property() pageUrl = window.location.href;
  /** A direct call shares no links. */
  @property({ type: Boolean }) call = false;
  @property({ type: Boolean }) participantsOpen = false;

  protected override willUpdate(): void {
    // The host is the header landmark (it replaces the room view's own <header>).
    this.setAttribute('role', 'banner');
    if (this.i18n) this.setAttribute('aria-label', this.i18n.t('room.label'));
  }

  override render() {
    const model = this.model;
    if (!model) return nothing;
    const { t } = this.i18n;
    const watchers = [...model.peers.values()].filter((p) => p.role === 'viewer').length;
    const presenterKey = model.mode === 'broadcast' && model.role === 'presenter' ? model.presenterKey : null;
    return html`
      <span>${t('room.id')}: <span class="room-id" data-testid="room-id">${model.roomId}</span></span>
      <span class="badge">${t(`mode.${model.mode}`)}</span>
      ${
        model.mode === 'broadcast'
          ? html`<span class="badge" data-testid="viewer-count"
              >${t('room.viewers', { count: model.viewerCount })}</span
            >`
          : nothing
      }
      ${
        model.mode !== 'broadcast' && watchers > 0
          ? html`<span class="badge" data-testid="watcher-count">${t('access.watchers', { count: watchers })}</span>`
          : nothing
      }
      ${model.role === 'viewer' ? html`<span class="badge">${t('room.viewer')}</span>` : nothing}
      <button
        type="button"
        aria-expanded=${this.participantsOpen ? 'true' : 'false'}
        @click=${() => this.dispatchEvent(new Event('toggle-participants'))}
      >
        ${t('access.participants', { count: model.peers.size + 1 })}
      </button>
      ${
        this.call
          ? nothing
          : html`<room-links
              .roomId=${model.roomId}
              .serverUrl=${this.serverUrl}
              .pageUrl=${this.pageUrl}
              .presenterKey=${presenterKey}
            ></room-links>`
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'room-header': RoomHeader;
  }
}
