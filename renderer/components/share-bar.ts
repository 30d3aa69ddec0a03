import { css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { ShareState } from '../state/room-model';
import { centredToolbarStyles, sharedStyles } from '../styles/shared';
import { MoimElement } from './moim-element';

/** Detail of `share-action`: what the presenter asked the running share to do. */
export type ShareActionDetail =
  | { action: 'profile'; profile: ShareState['profile'] }
  | { action: 'pause'; paused: boolean }
  | { action: 'switch' }
  | { action: 'stop' };

/**
 * The presenter's bar while sharing: "You are sharing", the content profile (text / motion), switch source,
 * pause/resume and stop. Always visible above the room's controls; every button is a real <button>.
 * @fires share-action - CustomEvent<ShareActionDetail>
 */
@customElement('share-bar')
export class ShareBar extends MoimElement {
  static override styles = [
    sharedStyles,
    centredToolbarStyles,
    css`
      [role='toolbar'] {
        padding: 6px 12px;
        border-radius: 999px;
        background: var(--moim-accent);
        color: var(--moim-accent-text);
      }
      .status {
        font-weight: 600;
      }
      [role='group'] {
        display: flex;
        gap: 4px;
      }
      button {
        border-radius: 999px;
        min-height: 36px;
      }
      button[aria-pressed='true'] {
        background: var(--moim-surface-3);
        border-color: var(--moim-accent-text);
      }
    `,
  ];

  @property({ attribute: false }) share: ShareState = { profile: 'text', paused: false };
  /** The share is being switched or stopped right now: its buttons wait. */
  @property({ type: Boolean }) busy = false;

  #fire(detail: ShareActionDetail) {
    this.dispatchEvent(new CustomEvent<ShareActionDetail>('share-action', { detail, bubbles: true }));
  }

  override render() {
    const { t } = this.i18n;
    const { profile, paused } = this.share;
    const profileButton = (value: ShareState['profile'], label: string) =>
      html`<button
        type="button"
        data-profile=${value}
        aria-pressed=${profile === value ? 'true' : 'false'}
        @click=${() => this.#fire({ action: 'profile', profile: value })}
      >
        ${label}
      </button>`;
    return html`<div role="toolbar" aria-label=${t('share.bar')}>
      <span class="status" role="status">${t(paused ? 'share.paused' : 'share.sharing')}</span>
      <div role="group" aria-label=${t('share.profile')}>
        ${profileButton('text', t('share.text'))} ${profileButton('motion', t('share.motion'))}
      </div>
      <button
        type="button"
        data-action="switch"
        ?disabled=${this.busy}
        @click=${() => this.#fire({ action: 'switch' })}
      >
        ${t('share.switch')}
      </button>
      <button
        type="button"
        data-action="pause"
        aria-pressed=${paused ? 'true' : 'false'}
        @click=${() => this.#fire({ action: 'pause', paused: !paused })}
      >
        ${t(paused ? 'share.resume' : 'share.pause')}
      </button>
      <button
        type="button"
        class="danger"
        data-action="stop"
        ?disabled=${this.busy}
        @click=${() => this.#fire({ action: 'stop' })}
      >
        ${t('share.stop')}
      </button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'share-bar': ShareBar;
  }
}
