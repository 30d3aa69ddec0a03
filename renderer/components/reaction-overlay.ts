import { css, html, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Reaction } from '../../common/protocol';
import type { RoomExtrasModel } from '../state/room-extras-store';
import { StoreController, type Readable } from '../state/store';
import { MoimElement } from './moim-element';

/** The emoji each reaction is drawn as. */
export const REACTION_EMOJI: Readonly<Record<Reaction, string>> = {
  thumbsUp: '👍',
  clap: '👏',
  laugh: '😂',
  heart: '❤️',
  surprised: '😮',
  party: '🎉',
};

/** Reactions floating over the room for a few seconds, each with who sent it; announced politely. */
@customElement('reaction-overlay')
export class ReactionOverlay extends MoimElement {
  static override styles = css`
    :host {
      position: fixed;
      left: 24px;
      bottom: 96px;
      z-index: 2;
      pointer-events: none;
    }
    ul {
      display: flex;
      flex-direction: column-reverse;
      gap: 6px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    li {
      display: flex;
      align-items: center;
      gap: 8px;
      padding: 4px 12px 4px 6px;
      border-radius: 999px;
      background: rgba(0, 0, 0, 0.6);
      color: #fff;
      animation: rise 4s ease-out forwards;
    }
    .emoji {
      font-size: 1.8em;
    }
    @keyframes rise {
      from {
        transform: translateY(12px);
        opacity: 0;
      }
      10% {
        transform: none;
        opacity: 1;
      }
      80% {
        opacity: 1;
      }
      to {
        opacity: 0;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      li {
        animation: none;
      }
    }
  `;

  /** The room's extras (only `reactions` is read). */
  @property({ attribute: false }) store: Readable<RoomExtrasModel> | null = null;

  readonly #extras = new StoreController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('store')) this.#extras.store = this.store;
  }

  override render() {
    const { t } = this.i18n;
    return html`<ul aria-live="polite" data-testid="reactions">
      ${repeat(
        this.store?.value.reactions ?? [],
        (shown) => shown.key,
        (shown) => {
          const name = t(`extras.reaction.${shown.reaction}`);
          return html`<li
            data-reaction=${shown.reaction}
            aria-label=${t('extras.reacted', { name: shown.displayName, reaction: name })}
          >
            <span class="emoji" aria-hidden="true">${REACTION_EMOJI[shown.reaction]}</span>
            <span>${shown.displayName}</span>
          </li>`;
        },
      )}
    </ul>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'reaction-overlay': ReactionOverlay;
  }
}
