import { css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, queryAll, state } from 'lit/decorators.js';
import type { CaptureSource, PickerChoice, PickerRequest } from '../bridge/types';
import { isGridKey, moveInGrid } from '../lib/grid-nav';
import { sharedStyles } from '../styles/shared';
import { MoimElement } from './moim-element';

type Tab = CaptureSource['kind'];

/**
 * Moim's screen-source picker: a modal dialog with tabs Screens / Windows, a grid of live thumbnails (window icons
 * and names), 'Share audio' where the platform can, arrow keys to move, Enter to share, Escape to cancel.
 * A new request with the same requestId only refreshes the thumbnails; the selection stays.
 * @fires picker-choice - CustomEvent<PickerChoice>: shared (sourceId set) or cancelled (sourceId null).
 */
@customElement('source-picker')
export class SourcePicker extends MoimElement {
  static override styles = [
    sharedStyles,
    css`
      dialog {
        width: min(820px, 94vw);
        max-height: 88vh;
        padding: 0;
        border: 1px solid var(--moim-border);
        border-radius: var(--moim-radius);
        background: var(--moim-surface);
        color: var(--moim-text);
      }
      dialog::backdrop {
        background: rgba(5, 6, 9, 0.7);
      }
      .body {
        display: grid;
        grid-template-rows: auto auto 1fr auto;
        gap: 14px;
        padding: 20px;
        max-height: 88vh;
      }
      [role='tablist'] {
        display: flex;
        gap: 6px;
      }
      [role='tab'][aria-selected='true'] {
        background: var(--moim-surface-3);
        border-color: var(--moim-accent);
      }
      [role='listbox'] {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(180px, 1fr));
        gap: 12px;
        overflow: auto;
        padding: 4px;
        min-height: 140px;
      }
      [role='option'] {
        display: grid;
        gap: 6px;
        padding: 8px;
        border-radius: var(--moim-radius-small);
        border: 2px solid transparent;
        background: var(--moim-surface-2);
        cursor: pointer;
      }
      [role='option'][aria-selected='true'] {
        border-color: var(--moim-accent);
      }
      .thumb {
        width: 100%;
        aspect-ratio: 16 / 9;
        object-fit: contain;
        background: #000;
        border-radius: 4px;
      }
      .name {
        display: flex;
        align-items: center;
        gap: 6px;
        font-size: 0.88em;
        overflow: hidden;
      }
      .name span {
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .name img {
        width: 16px;
        height: 16px;
        flex: none;
      }
      footer {
        display: flex;
        align-items: center;
        gap: 10px;
      }
      footer .audio {
        display: flex;
        align-items: center;
        gap: 8px;
        color: var(--moim-text);
        margin-right: auto;
      }
      .spacer {
        margin-right: auto;
      }
    `,
  ];

  /** The open request, or null when the picker is closed. */
  @property({ attribute: false }) request: PickerRequest | null = null;

  @state() private tab: Tab = 'screen';
  @state() private selectedId: string | null = null;
  @state() private shareAudio = false;

  @query('dialog') private dialog!: HTMLDialogElement;
  @queryAll('[role="option"]') private options!: NodeListOf<HTMLElement>;

  #requestId: string | null = null;
  #focusSelected = false;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('request')) return;
    const request = this.request;
    if (!request || request.requestId === this.#requestId) {
      // Same request re-sent with fresh thumbnails: keep tab and selection unless the selected source went away.
      if (request && !request.sources.some((s) => s.id === this.selectedId)) this.selectedId = null;
      return;
    }
    this.#requestId = request.requestId;
    this.tab = request.sources.some((s) => s.kind === 'screen') ? 'screen' : 'window';
    this.selectedId = request.sources.find((s) => s.kind === this.tab)?.id ?? null;
    this.shareAudio = false;
    this.#focusSelected = true;
  }

  protected override updated(): void {
    if (this.request && !this.dialog.open) this.dialog.showModal();
    if (!this.request && this.dialog.open) this.dialog.close();
    if (!this.request) this.#requestId = null;
    if (this.#focusSelected) {
      this.#focusSelected = false;
      this.#selectedOption()?.focus();
    }
  }

  #visible(): CaptureSource[] {
    return this.request?.sources.filter((s) => s.kind === this.tab) ?? [];
  }

  #selectedOption(): HTMLElement | undefined {
    return [...this.options].find((o) => o.dataset.sourceId === this.selectedId);
  }

  #answer(sourceId: string | null): void {
    const request = this.request;
    if (!request) return;
    const choice: PickerChoice = {
      requestId: request.requestId,
      sourceId,
      shareAudio: sourceId !== null && request.audioSupported && this.shareAudio,
    };
    this.dispatchEvent(new CustomEvent<PickerChoice>('picker-choice', { detail: choice, bubbles: true }));
  }

  #selectTab(tab: Tab): void {
    if (tab === this.tab) return;
    this.tab = tab;
    this.selectedId = this.#visible()[0]?.id ?? null;
  }

  #onTabKey(event: KeyboardEvent): void {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    this.#selectTab(this.tab === 'screen' ? 'window' : 'screen');
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')?.focus(),
    );
  }

  #columns(): number {
    const items = [...this.options];
    const top = items[0]?.offsetTop;
    const first = items.findIndex((o) => o.offsetTop !== top);
    return first === -1 ? items.length : first;
  }

  #onListKey(event: KeyboardEvent): void {
    const sources = this.#visible();
    if (event.key === 'Enter') {
      event.preventDefault();
      if (this.selectedId) this.#answer(this.selectedId);
      return;
    }
    if (!isGridKey(event.key)) return;
    event.preventDefault();
    const index = sources.findIndex((s) => s.id === this.selectedId);
    const next = moveInGrid(index, event.key, sources.length, this.#columns());
    this.selectedId = sources[next]?.id ?? this.selectedId;
    this.#focusSelected = true;
  }

  override render() {
    const { t } = this.i18n;
    const request = this.request;
    const sources = this.#visible();
    const tab = (kind: Tab, label: string) =>
      html`<button
        type="button"
        role="tab"
        id="tab-${kind}"
        aria-selected=${this.tab === kind ? 'true' : 'false'}
        aria-controls="panel"
        tabindex=${this.tab === kind ? 0 : -1}
        @click=${() => this.#selectTab(kind)}
      >
        ${label}
      </button>`;
    return html`<dialog
      aria-labelledby="title"
      @cancel=${(e: Event) => {
        e.preventDefault();
        this.#answer(null);
      }}
    >
      ${
        request
          ? html`<div class="body">
              <h2 id="title">${t('picker.title')}</h2>
              <div role="tablist" aria-label=${t('picker.tabs')} @keydown=${this.#onTabKey}>
                ${tab('screen', t('picker.screens'))} ${tab('window', t('picker.windows'))}
              </div>
              <div id="panel" role="tabpanel" aria-labelledby="tab-${this.tab}">
                ${
                  sources.length === 0
                    ? html`<p class="muted">${t('picker.empty')}</p>`
                    : html`<div role="listbox" aria-label=${t('picker.sources')} @keydown=${this.#onListKey}>
                        ${sources.map(
                          (s) =>
                            html`<div
                              role="option"
                              aria-label=${s.name}
                              aria-selected=${s.id === this.selectedId ? 'true' : 'false'}
                              tabindex=${s.id === this.selectedId || (this.selectedId === null && s === sources[0]) ? 0 : -1}
                              data-source-id=${s.id}
                              @click=${() => (this.selectedId = s.id)}
                              @dblclick=${() => this.#answer(s.id)}
                            >
                              <img class="thumb" src=${s.thumbnail} alt="" draggable="false" />
                              <div class="name">
                                ${s.icon ? html`<img src=${s.icon} alt="" />` : nothing}<span>${s.name}</span>
                              </div>
                            </div>`,
                        )}
                      </div>`
                }
              </div>
              <footer>
                ${
                  request.audioSupported
                    ? html`<label class="audio"
                        ><input
                          type="checkbox"
                          .checked=${this.shareAudio}
                          @change=${(e: Event) => (this.shareAudio = (e.target as HTMLInputElement).checked)}
                        />${t('picker.shareAudio')}</label
                      >`
                    : html`<span class="spacer"></span>`
                }
                <button type="button" @click=${() => this.#answer(null)}>${t('picker.cancel')}</button>
                <button
                  type="button"
                  class="primary"
                  ?disabled=${this.selectedId === null}
                  @click=${() => this.#answer(this.selectedId)}
                >
                  ${t('picker.share')}
                </button>
              </footer>
            </div>`
          : nothing
      }
    </dialog>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'source-picker': SourcePicker;
  }
}
