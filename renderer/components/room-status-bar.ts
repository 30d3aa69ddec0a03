import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { RoomExtrasStore } from '../state/room-extras-store';
import type { RoomModel } from '../state/room-model';
import { StoreController } from '../state/store';
import './raised-hands';
import './reaction-overlay';
import './recording-indicator';
import { MoimElement } from './moim-element';

/**
 * What the room tells everyone under its header: the recording indicator and the raised hands (a broadcast's
 * presenter may lower them), plus the reactions floating over the room.
 */
@customElement('room-status-bar')
export class RoomStatusBar extends MoimElement {
  static override styles = css`
    :host {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 12px;
    }
    /* Out of the room's flow while there is nothing to show, so it adds no gap. */
    :host([empty]) {
      position: absolute;
    }
  `;

  /** The room's extras store. */
  @property({ attribute: false }) store: RoomExtrasStore | null = null;
  /** The room: our peer id, the mode and our role. */
  @property({ attribute: false }) model: RoomModel | null = null;

  readonly #extras = new StoreController(this);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('store')) this.#extras.store = this.store;
    const shown = this.store?.value;
    this.toggleAttribute('empty', !shown?.recording && !shown?.hands.length);
  }

  override render() {
    const { store, model } = this;
    if (!store || !model) return nothing;
    return html`<recording-indicator .store=${store}></recording-indicator>
      <raised-hands
        .store=${store}
        .selfId=${model.self.peerId}
        ?canLower=${model.mode === 'broadcast' && model.role === 'presenter'}
      ></raised-hands>
      <reaction-overlay .store=${store}></reaction-overlay>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'room-status-bar': RoomStatusBar;
  }
}
