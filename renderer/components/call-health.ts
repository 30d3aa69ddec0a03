import { css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { StatsPort } from '../services/engine-port';
import { MoimElement } from './moim-element';
import './stats-panel';

/** The stats panel's keyboard shortcut: Alt+Shift+S (by key position, so any layout and IME state works). */
export function isStatsShortcut(e: KeyboardEvent): boolean {
  return e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyS';
}

/**
 * The room's call-health corner: the stats panel while open. Alt+Shift+S anywhere in the window (or `toggle()`,
 * from the call controls' button) opens and closes it; closing gives focus back to where it was.
 */
@customElement('call-health')
export class CallHealth extends MoimElement {
  static override styles = css`
    :host {
      display: contents;
    }
    stats-panel {
      flex: 0 0 340px;
      min-height: 0;
    }
  `;

  @property({ attribute: false }) sampler: StatsPort | null = null;
  @property() roomId = '';
  @property({ attribute: false }) nameOf: (peerId: string) => string = (id) => id;
  /** Whether the panel shows. */
  @state() open = false;

  #returnFocus: HTMLElement | null = null;
  readonly #onKey = (e: KeyboardEvent) => {
    if (!isStatsShortcut(e)) return;
    e.preventDefault();
    this.toggle();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.#onKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this.#onKey);
  }

  /** Opens the panel (focus moves into it) or closes it (focus goes back). */
  toggle(): void {
    if (!this.open) this.#returnFocus = deepActiveElement();
    this.open = !this.open;
    if (!this.open) this.#returnFocus?.focus();
  }

  override render() {
    return this.open
      ? html`<stats-panel
          .sampler=${this.sampler}
          .roomId=${this.roomId}
          .nameOf=${this.nameOf}
          @close=${() => this.toggle()}
        ></stats-panel>`
      : nothing;
  }
}

function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

declare global {
  interface HTMLElementTagNameMap {
    'call-health': CallHealth;
  }
}
