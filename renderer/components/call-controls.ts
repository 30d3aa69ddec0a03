import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { PublishKind } from '../../common/protocol';
import { icons } from '../styles/icons';
import { sharedStyles } from '../styles/shared';
import { MoimElement } from './moim-element';

/** Detail of `toggle-media`: which of our sources to turn on or off. */
export interface ToggleMediaDetail {
  kind: PublishKind;
}

/**
 * Camera, microphone, share screen (toggle buttons with aria-pressed) and leave. Viewers get only leave.
 * @fires toggle-media - CustomEvent<ToggleMediaDetail>: the user pressed camera, microphone or share screen.
 * @fires leave - the user pressed leave (or hang up).
 * @fires toggle-stats - the user pressed call stats.
 */
@customElement('call-controls')
export class CallControls extends MoimElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: flex;
        justify-content: center;
      }
      [role='group'] {
        display: flex;
        flex-wrap: wrap;
        gap: 10px;
        padding: 10px;
        border-radius: 999px;
        background: var(--moim-surface);
        border: 1px solid var(--moim-border);
      }
      button {
        border-radius: 999px;
        min-height: 44px;
      }
      button[aria-pressed='false'] {
        color: var(--moim-muted);
      }
      button[aria-pressed='true'] {
        background: var(--moim-surface-3);
        border-color: var(--moim-accent);
      }
      button.share[aria-pressed='true'] {
        background: var(--moim-accent);
        color: var(--moim-accent-text);
      }
    `,
  ];

  @property({ type: Boolean }) camOn = false;
  @property({ type: Boolean }) micOn = false;
  @property({ type: Boolean }) sharing = false;
  /** False for viewers: only the leave button shows. */
  @property({ type: Boolean }) canPublish = true;
  /** Sources being switched right now; their buttons wait. */
  @property({ attribute: false }) pending: readonly PublishKind[] = [];
  /** Direct calls say "Hang up" rather than "Leave". */
  @property() leaveLabel: 'leave' | 'hangUp' = 'leave';

  #toggle(kind: PublishKind) {
    this.dispatchEvent(new CustomEvent<ToggleMediaDetail>('toggle-media', { detail: { kind }, bubbles: true }));
  }

  override render() {
    const { t } = this.i18n;
    const toggle = (kind: PublishKind, on: boolean, label: string, icon: unknown, title = label, cls = '') =>
      html`<button
        type="button"
        class=${cls}
        aria-pressed=${on ? 'true' : 'false'}
        title=${title}
        ?disabled=${this.pending.includes(kind)}
        @click=${() => this.#toggle(kind)}
      >
        ${icon}<span>${label}</span>
      </button>`;
    return html`<div role="group" aria-label=${t('controls.label')}>
      ${
        this.canPublish
          ? html`${toggle('mic', this.micOn, t('controls.microphone'), this.micOn ? icons.mic : icons.micOff)}
            ${toggle('cam', this.camOn, t('controls.camera'), this.camOn ? icons.camera : icons.cameraOff)}
            ${toggle(
              'screen',
              this.sharing,
              t('controls.share'),
              icons.screen,
              t(this.sharing ? 'controls.stopShare' : 'controls.share'),
              'share',
            )}`
          : nothing
      }
      <button
        type="button"
        data-testid="stats-button"
        title="${t('controls.stats')} (Alt+Shift+S)"
        @click=${() => this.dispatchEvent(new Event('toggle-stats', { bubbles: true }))}
      >
        ${icons.stats}<span>${t('controls.stats')}</span>
      </button>
      <button type="button" class="danger" @click=${() => this.dispatchEvent(new Event('leave', { bubbles: true }))}>
        ${this.leaveLabel === 'hangUp' ? icons.phone : icons.leave}<span>${t(`controls.${this.leaveLabel}`)}</span>
      </button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'call-controls': CallControls;
  }
}
