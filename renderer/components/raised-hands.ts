import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { RoomExtrasStore } from '../state/room-extras-store';
import { StoreController } from '../state/store';
import { sharedStyles } from '../styles/shared';
import { MoimElement } from './moim-element';

/**
 * Whose hands are up, by name, in the order they were raised — hidden while nobody's is. A broadcast's presenter
 * sees its viewers' hands here (the server tells only presenters about a viewer's hand) and may lower them.
 */
@customElement('raised-hands')
export class RaisedHands extends MoimElement {
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: block;
      }
      section {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 8px;
      }
      h2 {
        margin: 0;
        font-size: 0.95em;
      }
      ul {
        display: contents;
        list-style: none;
      }
      li {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        padding: 2px 10px;
        border-radius: 999px;
        background: var(--moim-surface-3);
      }
      li button {
        min-height: 24px;
        padding: 0 6px;
        border-radius: 999px;
      }
    `,
  ];

  /** The room's extras: its hands, and lowering one. */
  @property({ attribute: false }) store: RoomExtrasStore | null = null;
  /** Our peer id: our own hand reads "You". */
  @property() selfId = '';
  /** A broadcast's presenter: each hand gets a button that lowers it. */
  @property({ type: Boolean }) canLower = false;

  readonly #extras = new StoreController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('store')) this.#extras.store = this.store;
  }

  override render() {
    const hands = this.store?.value.hands ?? [];
    if (hands.length === 0) return nothing;
    const { t } = this.i18n;
    return html`<section aria-labelledby="hands-heading" data-testid="raised-hands">
      <h2 id="hands-heading">
        <span aria-hidden="true">✋</span> ${t('extras.handsHeading', { count: hands.length })}
      </h2>
      <ul>
        ${hands.map((hand) => {
          const name = hand.peerId === this.selfId ? t('extras.you') : hand.displayName;
          const lower = t('extras.lowerHandOf', { name });
          return html`<li data-peer-id=${hand.peerId}>
            ${name}
            ${
              this.canLower
                ? html`<button
                    type="button"
                    aria-label=${lower}
                    title=${lower}
                    @click=${() => void this.store?.lowerHand(hand.peerId)}
                  >
                    ✕
                  </button>`
                : nothing
            }
          </li>`;
        })}
      </ul>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'raised-hands': RaisedHands;
  }
}
