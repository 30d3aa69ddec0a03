import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { reaction as reactionSchema } from '../../common/protocol';
import type { RoomExtrasStore } from '../state/room-extras-store';
import type { RoomModel } from '../state/room-model';
import { StoreController } from '../state/store';
import { centredToolbarStyles, sharedStyles } from '../styles/shared';
import { REACTION_EMOJI } from './reaction-overlay';
import { MoimElement } from './moim-element';

/** The reactions in the order the buttons show them. */
const REACTIONS = reactionSchema.options;

/**
 * The room's social controls: chat (with an unread badge while the panel is closed), raise hand, reactions, and
 * for a presenter of an SFU or broadcast room the record button. Alt+C opens the chat and Alt+H raises the hand
 * (the keys match physical positions, so they work with any keyboard layout; the tooltips say so).
 */
@customElement('room-actions')
export class RoomActions extends MoimElement {
  static override styles = [
    sharedStyles,
    centredToolbarStyles,
    css`
      button {
        border-radius: 999px;
        min-height: 36px;
        position: relative;
      }
      button[aria-pressed='true'] {
        background: var(--moim-surface-3);
        border-color: var(--moim-accent);
      }
      .reactions {
        display: flex;
        gap: 2px;
      }
      .reactions button {
        padding: 2px 8px;
        font-size: 1.2em;
      }
      .badge {
        position: absolute;
        top: -6px;
        right: -6px;
        min-width: 18px;
        padding: 0 5px;
        border-radius: 999px;
        background: var(--moim-danger);
        color: #fff;
        font-size: 0.75em;
        line-height: 18px;
      }
      button.record[aria-pressed='true'] {
        border-color: #e53935;
        color: #e53935;
      }
    `,
  ];

  /** The room's extras store. */
  @property({ attribute: false }) store: RoomExtrasStore | null = null;
  /** The room as the room view has it: mode, our role and what we publish decide the record button. */
  @property({ attribute: false }) model: RoomModel | null = null;

  readonly #extras = new StoreController(this);
  readonly #shortcut = (event: KeyboardEvent) => this.#onShortcut(event);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('store')) this.#extras.store = this.store;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.#shortcut);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this.#shortcut);
  }

  #onShortcut(event: KeyboardEvent): void {
    const store = this.store;
    if (!store || !event.altKey || event.ctrlKey || event.metaKey || event.repeat) return;
    if (event.code === 'KeyC') store.setChatOpen(!store.value.chatOpen);
    else if (event.code === 'KeyH') void store.toggleHand();
    else return;
    event.preventDefault();
  }

  #recordButton() {
    const { model, store } = this;
    if (!model || !store || model.mode === 'p2p' || model.role !== 'presenter') return nothing;
    const { t } = this.i18n;
    const { recording, recordingBusy } = store.value;
    const hasMedia = model.local.cam !== undefined || model.local.mic !== undefined;
    return html`<button
      type="button"
      class="record"
      aria-pressed=${recording ? 'true' : 'false'}
      title=${t(recording || hasMedia ? 'extras.recordTitle' : 'extras.recordNeedsMedia')}
      ?disabled=${recordingBusy || (!recording && !hasMedia)}
      @click=${() => void store.toggleRecording()}
    >
      <span aria-hidden="true">⏺</span> ${t(recording ? 'extras.stopRecording' : 'extras.record')}
    </button>`;
  }

  override render() {
    const store = this.store;
    if (!store) return nothing;
    const { t } = this.i18n;
    const { chatOpen, unread } = store.value;
    const raised = store.handRaised;
    return html`<div role="toolbar" aria-label=${t('extras.label')}>
      <button
        type="button"
        aria-pressed=${chatOpen ? 'true' : 'false'}
        aria-keyshortcuts="Alt+C"
        title=${t('extras.chatTitle')}
        @click=${() => store.setChatOpen(!chatOpen)}
      >
        <span aria-hidden="true">💬</span> ${t('extras.chat')}
        ${
          unread > 0 && !chatOpen
            ? html`<span class="badge" data-testid="unread-badge" aria-label=${t('extras.unread', { count: unread })}
                >${unread}</span
              >`
            : nothing
        }
      </button>
      <button
        type="button"
        aria-pressed=${raised ? 'true' : 'false'}
        aria-keyshortcuts="Alt+H"
        title=${t('extras.handTitle')}
        @click=${() => void store.toggleHand()}
      >
        <span aria-hidden="true">✋</span> ${t('extras.raiseHand')}
      </button>
      <div class="reactions" role="group" aria-label=${t('extras.reactions')}>
        ${REACTIONS.map((reaction) => {
          const name = t(`extras.reaction.${reaction}`);
          return html`<button
            type="button"
            aria-label=${name}
            title=${t('extras.reactionTitle', { reaction: name })}
            @click=${() => void store.react(reaction)}
          >
            ${REACTION_EMOJI[reaction]}
          </button>`;
        })}
      </div>
      ${this.#recordButton()}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'room-actions': RoomActions;
  }
}
